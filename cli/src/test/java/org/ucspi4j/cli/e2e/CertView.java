package org.ucspi4j.cli.e2e;

import static org.ucspi4j.cli.e2e.Tools.openssl;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ucspi-ssl's {@code SSL_SERVER_*}/{@code SSL_CLIENT_*} variables must hold for one certificate
 * file, taken from {@code openssl x509}'s own rendering of it (not from ucspi4j's code): keys are the
 * variable names without their prefix ({@code S_DN}, {@code M_SERIAL}, ...).
 */
final class CertView {
    private CertView() {}

    /** openssl's short names of the DN components ucspi-ssl exports, to the variable suffix. */
    private static final Map<String, String> COMPONENTS = Map.of(
            "C", "C", "ST", "ST", "L", "L", "O", "O", "OU", "OU", "CN", "CN", "emailAddress", "Email");

    static Map<String, String> of(Path file) {
        Path dir = file.getParent();
        String f = file.getFileName().toString();
        String text = openssl(dir, "x509", "-in", f, "-noout", "-text");
        String names = openssl(dir, "x509", "-in", f, "-noout", "-subject", "-issuer", "-nameopt", "compat");
        String dates = openssl(dir, "x509", "-in", f, "-noout", "-startdate", "-enddate");
        String serial = openssl(dir, "x509", "-in", f, "-noout", "-serial").strip().substring("serial=".length());
        String multiline = "sep_multiline,sname,utf8,-esc_msb";
        Map<String, String> v = new LinkedHashMap<>();
        v.put("M_VERSION", find(text, "Version: (\\d+)"));
        v.put("M_SERIAL", new BigInteger(serial, 16).toString());
        v.put("S_DN", find(names, "(?m)^subject=(.*)$"));
        components(openssl(dir, "x509", "-in", f, "-noout", "-subject", "-nameopt", multiline), "S_DN_", v);
        v.put("I_DN", find(names, "(?m)^issuer=(.*)$"));
        components(openssl(dir, "x509", "-in", f, "-noout", "-issuer", "-nameopt", multiline), "I_DN_", v);
        v.put("A_SIG", find(text, "Signature Algorithm: (.*)"));
        v.put("A_KEY", find(text, "Public Key Algorithm: (.*)"));
        san(openssl(dir, "x509", "-in", f, "-noout", "-ext", "subjectAltName"), v);
        v.put("V_START", find(dates, "notBefore=(.*)"));
        v.put("V_END", find(dates, "notAfter=(.*)"));
        v.put("CERT", openssl(dir, "x509", "-in", f));
        return v;
    }

    /** The same, with every name prefixed ({@code SSL_SERVER_} or {@code SSL_CLIENT_}). */
    static Map<String, String> of(Path file, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        of(file).forEach((k, val) -> out.put(prefix + k, val));
        return out;
    }

    private static void components(String lines, String prefix, Map<String, String> v) {
        for (String line : lines.lines().skip(1).toList()) {
            String s = line.strip();
            int eq = s.indexOf('=');
            String suffix = eq > 0 ? COMPONENTS.get(s.substring(0, eq)) : null;
            if (suffix != null) {
                v.put(prefix + suffix, s.substring(eq + 1));
            }
        }
    }

    private static void san(String ext, Map<String, String> v) {
        int dns = 0;
        int email = 0;
        for (String line : ext.lines().skip(1).toList()) {
            for (String entry : List.of(line.strip().split(", "))) {
                if (entry.startsWith("DNS:")) {
                    v.put("SAN_DNS_" + dns++, entry.substring(4));
                } else if (entry.startsWith("email:")) {
                    v.put("SAN_Email_" + email++, entry.substring(6));
                }
            }
        }
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in:\n" + text);
        }
        return m.group(1).strip();
    }
}
