package org.ucspi4j.rules.lint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ucspi4j.lookup.Decision;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.text.KeyMeaning;
import org.ucspi4j.lookup.text.Texts;
import org.ucspi4j.rules.Address;
import org.ucspi4j.rules.AddressReader;
import org.ucspi4j.rules.RuleLine;
import org.ucspi4j.rules.RuleLineParser;
import org.ucspi4j.rules.RuleSyntaxException;

/**
 * TR050: does a line mean the same to other dialects' tcprules? Each dialect's own parser reads it
 * and the keys are compared by meaning ({@link KeyMeaning}), not bytes: fefe's {@code ::1} and
 * ucspi-tcp6's {@code 0000:...:0001} are the same rule. Lines that cannot differ (the three agree
 * on the separator and the address holds no ':', '/' or ',') are not parsed again.
 */
final class Portability {
    private final Dialect primary;
    private final Map<Dialect, RuleLineParser> parsers = new EnumMap<>(Dialect.class);
    private final Map<Dialect, AddressReader> readers = new EnumMap<>(Dialect.class);

    Portability(Dialect primary, Set<Dialect> targets) {
        this.primary = primary;
        for (Dialect d : targets) {
            RuleLineParser p = new RuleLineParser(d);
            parsers.put(d, p);
            readers.put(d, new AddressReader(p));
        }
    }

    private enum Kind { SKIPPED, ERROR, HANG, RULE }

    private record Outcome(Kind kind, List<KeyMeaning> meanings, byte[] data, Decision decision, String detail) {
        boolean same(Outcome o) {
            if (kind != o.kind) {
                return false;
            }
            return kind != Kind.RULE || meanings.equals(o.meanings) && Arrays.equals(data, o.data);
        }

        String describe(Outcome other) {
            return switch (kind) {
                case SKIPPED -> "ignores the line";
                case ERROR -> "rejects the line (" + detail + ")";
                case HANG -> "loops forever on the line";
                case RULE -> {
                    String what;
                    if (meanings.isEmpty()) {
                        what = "a rule that never matches";
                    } else if (meanings.size() == 1) {
                        what = meanings.get(0).describe();
                    } else {
                        what = meanings.size() + " keys, " + meanings.get(0).describe() + " to "
                                + meanings.get(meanings.size() - 1).describe();
                    }
                    String decided = decision == Decision.DENY ? "deny" : "allow";
                    yield "reads " + what + " (" + decided + ")"
                            + (other.kind == Kind.RULE && other.meanings.equals(meanings) ? " with data " + Texts.quoted(data) : "");
                }
            };
        }
    }

    void check(long number, byte[] buffer, int offset, int length, RuleLine parsed, Address address,
            RuleSyntaxException error, Emitter out) {
        int end = length;
        while (end > 0 && (buffer[offset + end - 1] == ' ' || buffer[offset + end - 1] == '\t' || buffer[offset + end - 1] == '\n')) {
            end--;
        }
        byte[] text = Arrays.copyOfRange(buffer, offset, offset + end);
        int sep = primary.separator(text, end);
        boolean agree = true;
        for (Dialect d : parsers.keySet()) {
            agree &= d.separator(text, end) == sep;
        }
        if (agree && (sep == Dialect.IGNORED || sep >= 0 && plain(text, sep))) {
            return;
        }
        Outcome mine = outcome(primary, parsed, address, error, text);
        for (Dialect d : parsers.keySet()) {
            Outcome theirs = read(d, number, buffer, offset, length, text);
            if (!mine.same(theirs)) {
                out.emit(number, 1, LintCode.TR050, "the line means something else to " + d.id() + "'s tcprules: "
                        + primary.id() + " " + mine.describe(theirs) + ", " + d.id() + " " + theirs.describe(mine),
                        d == Dialect.TCP6 ? "'tcprules migrate --from=" + primary.id()
                                + " --to=tcp6' rewrites a file so that ucspi-tcp6 reads it the same" : null);
            }
        }
    }

    /** No ':', '/' or ',' in the address: every dialect reads it alike. */
    private static boolean plain(byte[] text, int sep) {
        for (int i = 0; i < sep; i++) {
            byte b = text[i];
            if (b == ':' || b == '/' || b == ',') {
                return false;
            }
        }
        return true;
    }

    private Outcome read(Dialect d, long number, byte[] buffer, int offset, int length, byte[] text) {
        RuleLine parsed = null;
        Address address = null;
        RuleSyntaxException error = null;
        try {
            parsed = parsers.get(d).parse(number, buffer, offset, length);
            if (parsed instanceof RuleLine.Rule rule) {
                address = readers.get(d).read(rule);
            }
        } catch (RuleSyntaxException e) {
            error = e;
        }
        return outcome(d, parsed, address, error, text);
    }

    private static Outcome outcome(Dialect d, RuleLine parsed, Address address, RuleSyntaxException error, byte[] text) {
        if (error != null) {
            if (d == Dialect.FEFE && d.separator(text, text.length) == Dialect.NO_DECISION) {
                return new Outcome(Kind.HANG, List.of(), null, null, null);
            }
            return new Outcome(Kind.ERROR, List.of(), null, null, error.detail());
        }
        if (!(parsed instanceof RuleLine.Rule rule)) {
            return new Outcome(Kind.SKIPPED, List.of(), null, null, null);
        }
        List<KeyMeaning> meanings = new ArrayList<>();
        for (byte[] key : address.keys()) {
            KeyMeaning m = KeyMeaning.of(d, key);
            if (!m.dead()) {
                meanings.add(m);
            }
        }
        return new Outcome(Kind.RULE, meanings, rule.instructions().data(), rule.instructions().decision(), null);
    }
}
