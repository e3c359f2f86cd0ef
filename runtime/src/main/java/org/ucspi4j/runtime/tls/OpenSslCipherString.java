package org.ucspi4j.runtime.tls;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * OpenSSL's cipher-string language (openssl-ciphers(1); {@code SSL_CTX_set_cipher_list}) evaluated
 * over the TLS 1.2-and-older suites of {@link OpenSslNames}, with the same result and order as
 * OpenSSL 3.0 gives for the suites it has. As there, the string works on one list of all suites,
 * each on or off: a word appends the suites it matches that are off, {@code -} turns them off (a
 * later word may add them again, first), {@code !} removes them for good, {@code +} moves them to the
 * end, {@code @STRENGTH} sorts by key bits, {@code @SECLEVEL=n} records a level. Words are joined
 * with {@code +} (all at once) and separated by {@code :}, {@code ,}, {@code ;} or space; unknown words
 * are ignored; a string starting with {@code DEFAULT} starts from OpenSSL 3's default list.
 */
final class OpenSslCipherString {
    private OpenSslCipherString() {}

    /** OpenSSL 3's DEFAULT (the compiled-in {@code OSSL_default_cipher_list}). */
    static final String DEFAULT = "ALL:!COMPLEMENTOFDEFAULT:!eNULL";

    /**
     * The Suite B modes: a fixed list when the string starts with one (the rest is ignored), tried in
     * this order as OpenSSL does. Suite B's limits on curves and signatures are not applied.
     */
    private static final List<Map.Entry<String, String>> SUITE_B = List.of(
            Map.entry("SUITEB128ONLY", "ECDHE-ECDSA-AES128-GCM-SHA256"),
            Map.entry("SUITEB128C2", "ECDHE-ECDSA-AES256-GCM-SHA384"),
            Map.entry("SUITEB128", "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384"),
            Map.entry("SUITEB192", "ECDHE-ECDSA-AES256-GCM-SHA384"));

    /** A suite with its attributes. */
    record Suite(OpenSslNames.Cipher cipher, SuiteAttributes attributes) {}

    /**
     * What a string selects.
     *
     * @param suites in order
     * @param named the suites a word named by itself (not through a keyword)
     * @param ignored the words that are neither a keyword nor a suite
     * @param securityLevel the last {@code @SECLEVEL=n}
     */
    record Selection(List<OpenSslNames.Cipher> suites, Set<OpenSslNames.Cipher> named, List<String> ignored,
                     OptionalInt securityLevel) {}

    /** A string OpenSSL refuses outright ({@code @FOO}, {@code @SECLEVEL=9}, a stray character). */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /**
     * Every suite, in the order OpenSSL keeps them in before a string is applied: (EC)DHE first, then
     * AEAD, then TLS 1.2-only, then by strength; within that OpenSSL's own order, which the names
     * table keeps (it is {@code ALL:COMPLEMENTOFALL}'s output, whose NULL suites this sort puts back
     * in their places).
     */
    static final List<Suite> ORDER = OpenSslNames.all().stream()
            .flatMap(c -> SuiteAttributes.of(c).map(a -> new Suite(c, a)).stream())
            .sorted(Comparator.<Suite, Boolean>comparing(s -> s.attributes().kx() != SuiteAttributes.KeyExchange.DHE
                            && s.attributes().kx() != SuiteAttributes.KeyExchange.ECDHE)
                    .thenComparing(s -> !s.attributes().aead())
                    .thenComparing(s -> s.attributes().minVersion() != SuiteAttributes.MinVersion.TLSV1_2)
                    .thenComparing(s -> -s.attributes().bits()))
            .toList();

    static Selection evaluate(String text) throws Invalid {
        String rest = text;
        for (Map.Entry<String, String> b : SUITE_B) {
            if (text.startsWith(b.getKey())) {
                rest = b.getValue();
                break;
            }
        }
        Evaluation e = new Evaluation();
        if (rest.startsWith("DEFAULT")) {
            e.apply(DEFAULT);
            rest = rest.substring("DEFAULT".length());
            if (rest.startsWith(":")) {
                rest = rest.substring(1);
            }
        }
        e.apply(rest);
        return new Selection(e.selected(), Set.copyOf(e.named), List.copyOf(e.ignored), e.securityLevel);
    }

    private enum Op { ADD, DELETE, KILL, MOVE_TO_END, SPECIAL }

    /** One run of the rules over the list. */
    private static final class Evaluation {
        private final List<Suite> list = new ArrayList<>(ORDER);
        private final Set<Suite> active = new HashSet<>();
        private final Set<OpenSslNames.Cipher> named = new LinkedHashSet<>();
        private final List<String> ignored = new ArrayList<>();
        private OptionalInt securityLevel = OptionalInt.empty();

        List<OpenSslNames.Cipher> selected() {
            return list.stream().filter(active::contains).map(Suite::cipher).toList();
        }

        void apply(String s) throws Invalid {
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (separator(c)) {
                    i++;
                    continue;
                }
                Op op = switch (c) {
                    case '-' -> Op.DELETE;
                    case '!' -> Op.KILL;
                    case '+' -> Op.MOVE_TO_END;
                    case '@' -> Op.SPECIAL;
                    default -> Op.ADD;
                };
                if (op != Op.ADD) {
                    i++;
                }
                SuitePattern pattern = null;
                boolean found = true;
                List<String> words = new ArrayList<>();
                while (true) {
                    int start = i;
                    while (i < s.length() && wordChar(s.charAt(i))) {
                        i++;
                    }
                    if (i == start) {
                        throw new Invalid("invalid command at \"" + s.substring(start) + "\"");
                    }
                    String word = s.substring(start, i);
                    words.add(word);
                    if (op == Op.SPECIAL) {
                        special(word);
                        break;
                    }
                    boolean more = i < s.length() && s.charAt(i) == '+';
                    if (more) {
                        i++;
                    }
                    Optional<SuitePattern> p = CipherKeywords.of(word);
                    if (p.isEmpty()) {
                        ignored.add(word);
                        found = false;
                        break;
                    }
                    Optional<SuitePattern> joined = pattern == null ? p : pattern.and(p.get());
                    if (joined.isEmpty()) {
                        found = false; // OpenSSL drops a group whose words cannot all hold
                        break;
                    }
                    pattern = joined.get();
                    if (!more) {
                        break;
                    }
                }
                if (op != Op.SPECIAL && found) {
                    run(op, pattern, words.size() == 1);
                }
                if (op == Op.SPECIAL || !found) {
                    while (i < s.length() && !separator(s.charAt(i))) {
                        i++;
                    }
                }
            }
        }

        private void special(String word) throws Invalid {
            if (word.equals("STRENGTH")) {
                sortByStrength();
            } else if (word.length() == "SECLEVEL=n".length() && word.startsWith("SECLEVEL=")
                    && word.charAt(9) >= '0' && word.charAt(9) <= '5') {
                securityLevel = OptionalInt.of(word.charAt(9) - '0');
            } else {
                throw new Invalid("invalid command @" + word);
            }
        }

        private void run(Op op, SuitePattern pattern, boolean single) {
            List<Suite> matching = list.stream()
                    .filter(s -> pattern.matches(s.cipher().iana(), s.attributes())).toList();
            switch (op) {
                case ADD -> {
                    List<Suite> added = matching.stream().filter(s -> !active.contains(s)).toList();
                    list.removeAll(added);
                    list.addAll(added);
                    active.addAll(added);
                    if (single && pattern.suite() != null) {
                        matching.forEach(s -> named.add(s.cipher()));
                    }
                }
                case MOVE_TO_END -> {
                    List<Suite> moved = matching.stream().filter(active::contains).toList();
                    list.removeAll(moved);
                    list.addAll(moved);
                }
                case DELETE -> {
                    // deleted suites go to the front, so that adding them again puts them first
                    List<Suite> deleted = matching.stream().filter(active::contains).toList();
                    list.removeAll(deleted);
                    list.addAll(0, deleted);
                    active.removeAll(deleted);
                }
                case KILL -> {
                    list.removeAll(matching);
                    active.removeAll(matching);
                }
                case SPECIAL -> throw new IllegalStateException();
            }
        }

        /** Stable: suites on, strongest first, those off where they were (in front). */
        private void sortByStrength() {
            List<Suite> on = list.stream().filter(active::contains)
                    .sorted(Comparator.comparingInt(s -> -s.attributes().bits())).toList();
            list.removeAll(on);
            list.addAll(on);
        }
    }

    static boolean separator(char c) {
        return c == ':' || c == ',' || c == ' ' || c == ';';
    }

    private static boolean wordChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '=';
    }

    /** For messages: the OpenSSL names of some suites. */
    static String names(List<OpenSslNames.Cipher> suites) {
        return suites.stream().map(OpenSslNames.Cipher::openssl).collect(Collectors.joining(" "));
    }
}
