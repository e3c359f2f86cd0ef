package org.ucspi4j.runtime.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * Does a server certificate name the host the client asked for? Today's rules (RFC 6125, as
 * browsers and curl apply them): an IP literal must match an IP address SAN; a name must match a
 * DNS SAN, case-insensitively, where a SAN may start with one {@code *.} wildcard covering exactly
 * one whole left-most label; the subject CN counts only when the certificate has no SANs of the
 * kind asked for. Looser than the C sslclient's exact match, stricter than no check.
 */
final class ServerNameCheck {
    private ServerNameCheck() {}

    /** Whether it matched, and the certificate's name to show when it did not. */
    public record Result(boolean matches, String certificateName) {}

    public static Result check(X509Certificate cert, String host) {
        List<String> dns = new ArrayList<>();
        List<byte[]> ips = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == 2 && san.get(1) instanceof String name) {
                        dns.add(name);
                    } else if (type == 7 && san.get(1) instanceof String ip) {
                        ips.add(literal(ip));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // unreadable SANs: nothing can match them
        }
        String cn = commonName(cert.getSubjectX500Principal());
        String shown = !dns.isEmpty() ? dns.get(0) : cn != null ? cn : "";
        byte[] asIp = isIpLiteral(host) ? literal(host) : null;
        if (asIp != null) {
            for (byte[] ip : ips) {
                if (java.util.Arrays.equals(ip, asIp)) {
                    return new Result(true, shown);
                }
            }
            return new Result(false, shown);
        }
        if (!dns.isEmpty()) {
            for (String name : dns) {
                if (matches(name, host)) {
                    return new Result(true, shown);
                }
            }
            return new Result(false, shown);
        }
        return new Result(ips.isEmpty() && cn != null && matches(cn, host), shown);
    }

    static boolean matches(String pattern, String host) {
        String p = strip(pattern).toLowerCase(Locale.ROOT);
        String h = strip(host).toLowerCase(Locale.ROOT);
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        int dot = h.indexOf('.');
        String rest = p.substring(1); // ".example.com"
        // the wildcard takes one whole label, and never a public suffix's worth: need two labels left
        return dot > 0 && h.substring(dot).equals(rest) && rest.indexOf('.', 1) > 0;
    }

    private static String strip(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static byte[] literal(String ip) {
        try {
            String bare = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
            int percent = bare.indexOf('%');
            return InetAddress.getByName(percent >= 0 ? bare.substring(0, percent) : bare).getAddress();
        } catch (UnknownHostException e) {
            return new byte[0];
        }
    }

    private static String commonName(X500Principal subject) {
        String cn = null;
        for (String rdn : subject.getName(X500Principal.RFC2253).split("(?<!\\\\),")) {
            if (rdn.regionMatches(true, 0, "CN=", 0, 3)) {
                cn = rdn.substring(3).replace("\\,", ",");
            }
        }
        return cn;
    }
}
