package org.ucspi4j.runtime.tls;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CIPHERS (and sslclient {@code -z}): a colon-separated list of suite names, turned into the JSSE
 * suites to enable. A name may be a TLS 1.3 suite ({@code TLS_AES_256_GCM_SHA384}, what ucspi-ssl
 * 0.13 accepts), an OpenSSL TLS 1.2 name ({@code ECDHE-RSA-AES256-GCM-SHA384}, what older versions
 * accepted) or an IANA/JSSE name ({@code TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384}).
 *
 * <p>As in OpenSSL, which keeps the TLS 1.3 list ({@code SSL_CTX_set_ciphersuites}) apart from the
 * older one ({@code SSL_CTX_set_cipher_list}), naming only TLS 1.3 suites leaves the TLS 1.2 suites
 * at the provider's default and the other way round. So a 0.13-style value restricts TLS 1.3 alone.
 *
 * <p>OpenSSL's cipher-string language ({@code HIGH:!MD5}, {@code ALL}, {@code @SECLEVEL=1}, ...) is
 * not supported: it describes sets of OpenSSL's suites, not JSSE's, and 0.13 refuses it as well. Such
 * a value, an unknown name and a suite the provider cannot negotiate are all errors, reported as
 * {@code unable to set cipher list}, rather than silently ignored.
 */
public final class CipherList {
    private CipherList() {}

    private static final Pattern SEPARATOR = Pattern.compile("[:,\\s]+");

    /**
     * The suites to enable for {@code spec}: the TLS 1.3 suites it names (or else {@code defaults}'
     * TLS 1.3 suites), followed by the older suites it names (or else {@code defaults}' older ones),
     * in the order given, without duplicates. A blank {@code spec} means {@code defaults}.
     *
     * @param supported the suites the provider can negotiate ({@code getSupportedCipherSuites})
     * @param defaults the provider's default suites ({@code getDefaultCipherSuites})
     */
    public static List<String> resolve(String spec, List<String> supported, List<String> defaults)
            throws TlsSetupException.CipherList {
        if (spec == null || spec.isBlank()) {
            return List.copyOf(defaults);
        }
        Set<String> tls13 = new LinkedHashSet<>();
        Set<String> older = new LinkedHashSet<>();
        for (String name : SEPARATOR.split(spec.strip())) {
            if (name.isEmpty()) {
                continue;
            }
            String suite = jsseName(name, supported);
            (isTls13(suite) ? tls13 : older).add(suite);
        }
        if (tls13.isEmpty() && older.isEmpty()) {
            throw new TlsSetupException.CipherList("no cipher suite named in \"" + spec + "\"");
        }
        List<String> out = new ArrayList<>(tls13.isEmpty() ? defaults.stream().filter(CipherList::isTls13).toList() : tls13);
        out.addAll(older.isEmpty() ? defaults.stream().filter(s -> !isTls13(s)).toList() : older);
        if (out.isEmpty()) {
            throw new TlsSetupException.CipherList("no cipher suite left to negotiate");
        }
        return List.copyOf(out);
    }

    /** The JSSE name of one list entry, which must be a suite the provider supports. */
    static String jsseName(String name, List<String> supported) throws TlsSetupException.CipherList {
        if (name.startsWith("!") || name.startsWith("-") || name.startsWith("+") || name.startsWith("@")
                || name.equals(name.toUpperCase(java.util.Locale.ROOT)) && !name.contains("-") && !name.contains("_")) {
            throw new TlsSetupException.CipherList("OpenSSL cipher-string keywords are not supported: " + name
                    + " (list suites by name, e.g. TLS_AES_256_GCM_SHA384:ECDHE-RSA-AES256-GCM-SHA384)");
        }
        String iana = OpenSslNames.byOpenSsl(name)
                .or(() -> OpenSslNames.byIana(name))
                .map(OpenSslNames.Cipher::iana)
                .orElse(name);
        for (String candidate : List.of(iana, "SSL_" + iana.substring(iana.indexOf('_') + 1))) {
            if (supported.contains(candidate)) {
                return candidate;
            }
        }
        if (OpenSslNames.byIana(iana).isPresent()) {
            throw new TlsSetupException.CipherList("cipher suite not supported by the TLS provider: " + name);
        }
        throw new TlsSetupException.CipherList("unknown cipher suite: " + name);
    }

    private static boolean isTls13(String suite) {
        return suite.startsWith("TLS_") && !suite.contains("_WITH_") && !suite.endsWith("_SCSV");
    }
}
