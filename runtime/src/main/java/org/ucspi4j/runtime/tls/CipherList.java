package org.ucspi4j.runtime.tls;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CIPHERS (and sslclient {@code -z}): which suites to enable. The value is OpenSSL's cipher string
 * ({@code HIGH:!aNULL:!MD5}, {@code DEFAULT}, {@code AES128-SHA}; see {@link OpenSslCipherString}),
 * in which ucspi4j also accepts IANA/JSSE suite names, plus any TLS 1.3 suite names
 * ({@code TLS_AES_256_GCM_SHA384}, what ucspi-ssl 0.13 takes) anywhere in it.
 *
 * <p>As in OpenSSL, which keeps the TLS 1.3 list ({@code SSL_CTX_set_ciphersuites}) apart from the
 * cipher string ({@code SSL_CTX_set_cipher_list}), the TLS 1.3 names are taken out first and set the
 * TLS 1.3 suites; the rest is the cipher string for TLS 1.2. A value with only TLS 1.3 names leaves
 * TLS 1.2 at the default and the other way round.
 *
 * <p>The string selects what OpenSSL 3 would, in OpenSSL's order, less what the provider does not
 * offer (suites it lacks or that {@code jdk.tls.disabledAlgorithms} turns off) and what the security
 * level forbids ({@link SecurityLevel}). Each CBC, non-forward-secret, anonymous or NULL suite that
 * ends up enabled gets a warning, since ucspi4j's own default enables none of them. A string that
 * leaves no TLS 1.2 suite, or names a TLS 1.3 suite the provider lacks, is an error
 * ({@code unable to set cipher list}).
 */
public final class CipherList {
    private CipherList() {}

    private static final Pattern SEPARATORS = Pattern.compile("[:,; ]+");

    /**
     * The suites to enable and what to warn about ({@code -v} lines, without the leading
     * {@code CIPHERS: }).
     */
    public record Resolved(List<String> suites, List<String> warnings) {
        public Resolved {
            suites = List.copyOf(suites);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The suites to enable for {@code spec}: the TLS 1.3 suites it names (or else {@code defaults}'
     * TLS 1.3 suites), followed by what its cipher string selects (or else {@code defaults}' older
     * ones). A blank {@code spec} means {@code defaults}.
     *
     * @param supported the suites the provider can negotiate ({@code getSupportedCipherSuites})
     * @param defaults the suites to enable without CIPHERS
     */
    public static Resolved resolve(String spec, List<String> supported, List<String> defaults)
            throws TlsSetupException.CipherList {
        if (spec == null || spec.isBlank()) {
            return new Resolved(defaults, List.of());
        }
        Set<String> tls13 = new LinkedHashSet<>();
        for (String token : SEPARATORS.split(spec.strip())) {
            if (isTls13(token)) {
                tls13.add(provided(token, supported).orElseThrow(() -> new TlsSetupException.CipherList(
                        OpenSslNames.byIana(token).isPresent() ? "cipher suite not supported by the TLS provider: " + token
                                : "unknown cipher suite: " + token)));
            }
        }
        List<String> rest = cipherStringWords(spec);
        if (tls13.isEmpty() && rest.isEmpty()) {
            throw new TlsSetupException.CipherList("no cipher suite named in \"" + spec + "\"");
        }
        List<String> warnings = new ArrayList<>();
        SecurityLevel level = SecurityLevel.DEFAULT;
        List<String> older;
        if (rest.isEmpty()) {
            older = defaults.stream().filter(s -> !isTls13(s)).toList();
        } else {
            String cipherString = String.join(":", rest);
            OpenSslCipherString.Selection selection;
            try {
                selection = OpenSslCipherString.evaluate(cipherString);
            } catch (OpenSslCipherString.Invalid e) {
                throw new TlsSetupException.CipherList(e.getMessage() + " in \"" + cipherString + "\"");
            }
            if (selection.securityLevel().isPresent()) {
                level = new SecurityLevel(selection.securityLevel().getAsInt());
            }
            older = new ArrayList<>();
            List<OpenSslNames.Cipher> unavailable = new ArrayList<>();
            for (OpenSslNames.Cipher suite : selection.suites()) {
                if (!level.permits(suite)) {
                    continue;
                }
                Optional<String> name = provided(suite.iana(), supported);
                name.ifPresent(older::add);
                if (name.isPresent()) {
                    weakness(suite).ifPresent(why -> warnings.add(
                            suite.openssl() + " enabled: " + why + ", not in ucspi4j's default"));
                } else if (selection.named().contains(suite)) {
                    warnings.add(suite.openssl() + ": not available in the TLS provider (lacking or in "
                            + "jdk.tls.disabledAlgorithms), left out");
                } else {
                    unavailable.add(suite);
                }
            }
            for (String word : selection.ignored()) {
                warnings.add(word + ": no such suite or keyword here, ignored");
            }
            if (!unavailable.isEmpty()) {
                warnings.add(unavailable.size() + " more suites OpenSSL would select are not available in the TLS"
                        + " provider, left out (docs/ciphers.md)");
            }
            if (older.isEmpty()) {
                throw new TlsSetupException.CipherList("\"" + cipherString + "\" selects no TLS 1.2 suite the TLS"
                        + " provider offers" + (selection.suites().isEmpty() ? "" : " (OpenSSL would select "
                        + OpenSslCipherString.names(selection.suites()) + ")"));
            }
        }
        List<String> out = new ArrayList<>();
        for (String s : tls13.isEmpty() ? defaults.stream().filter(CipherList::isTls13).toList() : tls13) {
            if (permitted(s, level)) {
                out.add(s);
            }
        }
        out.addAll(older);
        if (out.isEmpty()) {
            throw new TlsSetupException.CipherList("no cipher suite left to negotiate");
        }
        return new Resolved(out, warnings);
    }

    /** The words of {@code spec} that form its OpenSSL cipher string: all but the TLS 1.3 suite names. */
    static List<String> cipherStringWords(String spec) {
        List<String> words = new ArrayList<>();
        for (String token : SEPARATORS.split(spec.strip())) {
            if (!token.isEmpty() && !isTls13(token)) {
                words.add(token);
            }
        }
        return words;
    }

    /** The provider's name of a suite it supports: IANA's, or JSSE's {@code SSL_} spelling of old suites. */
    private static Optional<String> provided(String iana, List<String> supported) {
        for (String candidate : List.of(iana, "SSL_" + iana.substring(iana.indexOf('_') + 1))) {
            if (supported.contains(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean permitted(String jsseName, SecurityLevel level) {
        return OpenSslNames.byIana(jsseName).map(level::permits).orElse(true);
    }

    /** Why ucspi4j's default leaves a suite out, if it does: it enables (EC)DHE with AEAD only. */
    static Optional<String> weakness(OpenSslNames.Cipher suite) {
        return SuiteAttributes.of(suite).flatMap(a -> {
            List<String> why = new ArrayList<>();
            if (a.enc() == SuiteAttributes.Encryption.NULL) {
                why.add("no encryption");
            }
            if (a.au() == SuiteAttributes.Authentication.NULL) {
                why.add("no authentication");
            }
            if (a.kx() == SuiteAttributes.KeyExchange.RSA) {
                why.add("RSA key exchange (no forward secrecy)");
            } else if (!a.forwardSecret()) {
                why.add("no forward secrecy");
            }
            if (!a.aead() && a.enc() != SuiteAttributes.Encryption.NULL) {
                why.add("CBC mode");
            }
            return why.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", why));
        });
    }

    /** TLS 1.3 suites name no key exchange; every older IANA name has {@code _WITH_}. */
    static boolean isTls13(String suite) {
        return suite.startsWith("TLS_") && !suite.contains("_WITH_") && !suite.endsWith("_SCSV");
    }
}
