package org.ucspi4j.runtime.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * sslserver {@code -z}: does the client's certificate name the client's host? ucspi-ssl's rule, kept
 * exactly: compare the host name, ignoring ASCII case, with each dNSName subject alternative name;
 * only when the certificate has no dNSName at all, compare it with the subject's (first) common name.
 * No wildcards, no IP address SANs.
 */
public final class ClientNameCheck {
    private ClientNameCheck() {}

    /**
     * The outcome, with the name to show in {@code HOST <=> CERTNAME}: the matching name, else the
     * last dNSName compared, or the common name when there was no dNSName (empty when there is none).
     */
    public record Result(boolean matches, String certificateName) {}

    public static Result check(X509Certificate certificate, String host) {
        CertificateFields fields = CertificateFields.of(certificate);
        List<String> dnsNames = fields.sanDnsNames();
        String last = "";
        for (String name : dnsNames) {
            last = name;
            if (equalsIgnoreAsciiCase(host, name)) {
                return new Result(true, name);
            }
        }
        if (!dnsNames.isEmpty()) {
            return new Result(false, last);
        }
        Optional<String> cn = DistinguishedNames.values(fields.subject(), "2.5.4.3").stream().findFirst();
        if (cn.isEmpty() || cn.get().indexOf('\0') >= 0) {
            return new Result(false, "");
        }
        return new Result(equalsIgnoreAsciiCase(host, cn.get()), cn.get());
    }

    /** C's case-insensitive compare: only A-Z and a-z fold. */
    static boolean equalsIgnoreAsciiCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (lower(a.charAt(i)) != lower(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
