package org.ucspi4j.runtime.tls;

import static org.ucspi4j.runtime.tls.Tools.openssl;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate file as {@code openssl x509} prints it: every field ucspi-ssl exports, read from the
 * real tool's output, for comparison with {@link CertificateFields} and {@link SslVariables}.
 */
record OpensslView(
        int version,
        BigInteger serial,
        String subject,
        String issuer,
        Map<String, String> subjectComponents,
        Map<String, String> issuerComponents,
        String signatureAlgorithm,
        String keyAlgorithm,
        String notBefore,
        String notAfter,
        List<String> sanDns,
        List<String> sanEmail,
        String pem) {

    static OpensslView of(Path dir, String file) {
        String compat = openssl(dir, "x509", "-in", file, "-noout", "-subject", "-issuer", "-nameopt", "compat");
        String text = openssl(dir, "x509", "-in", file, "-noout", "-text");
        String dates = openssl(dir, "x509", "-in", file, "-noout", "-startdate", "-enddate");
        String serial = openssl(dir, "x509", "-in", file, "-noout", "-serial").strip().substring("serial=".length());
        String multiline = "sep_multiline,sname,utf8,-esc_msb";
        String subjectLines = openssl(dir, "x509", "-in", file, "-noout", "-subject", "-nameopt", multiline);
        String issuerLines = openssl(dir, "x509", "-in", file, "-noout", "-issuer", "-nameopt", multiline);
        String san = Tools.run(dir, new byte[0], Tools.command("openssl", "x509", "-in", file, "-noout", "-ext",
                "subjectAltName")).out();
        List<String> dns = new ArrayList<>();
        List<String> email = new ArrayList<>();
        for (String line : san.lines().skip(1).toList()) {
            for (String entry : line.strip().split(", ")) {
                if (entry.startsWith("DNS:")) {
                    dns.add(entry.substring(4));
                } else if (entry.startsWith("email:")) {
                    email.add(entry.substring(6));
                }
            }
        }
        return new OpensslView(
                Integer.parseInt(find(text, "Version: (\\d+)")),
                serial.startsWith("-") ? new BigInteger(serial.substring(1), 16).negate() : new BigInteger(serial, 16),
                raw(compat, "(?m)^subject=(.*)$"),
                raw(compat, "(?m)^issuer=(.*)$"),
                components(subjectLines),
                components(issuerLines),
                find(text, "Signature Algorithm: (.*)"),
                find(text, "Public Key Algorithm: (.*)"),
                find(dates, "notBefore=(.*)"),
                find(dates, "notAfter=(.*)"),
                dns,
                email,
                openssl(dir, "x509", "-in", file));
    }

    /** "SN=value" lines (members of a multi-valued RDN joined by " + "); the last value of a name wins. */
    private static Map<String, String> components(String lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines.lines().skip(1).toList()) {
            for (String member : line.strip().split(" \\+ ")) {
                int eq = member.indexOf('=');
                if (eq > 0) {
                    out.put(member.substring(0, eq), member.substring(eq + 1));
                }
            }
        }
        return out;
    }

    private static String find(String text, String regex) {
        return raw(text, regex).strip();
    }

    private static String raw(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in:\n" + text);
        }
        return m.group(1);
    }
}
