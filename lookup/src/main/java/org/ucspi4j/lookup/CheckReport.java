package org.ucspi4j.lookup;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What tcprulescheck prints for a verdict, per dialect: {@code rule KEY:} (tcp6: {@code default:}
 * for the empty key, CIDR keys decoded), one {@code set environment variable} line per setting,
 * then {@code deny connection} or {@code allow connection}.
 */
public final class CheckReport {
    private CheckReport() {}

    /** The address tcprulescheck assumes when TCPREMOTEIP is unset. */
    public static String defaultIp(Dialect dialect) {
        return dialect == Dialect.TCP6 ? "0" : "0.0.0.0";
    }

    /** tcp6's stderr info line (without newline); none for the 0.88 dialects. */
    public static String info(String ip, String host, String info) {
        // fehQlibs logmsg stops at the first unset variable
        StringBuilder line = new StringBuilder("tcprulescheck: info: TCPREMOTEIP: ").append(ip).append(" TCPREMOTEHOST: ");
        if (host != null) {
            line.append(host).append(" TCPREMOTEINFO: ");
            if (info != null) {
                line.append(info);
            }
        }
        return line.toString();
    }

    public static byte[] stdout(Dialect dialect, Verdict v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!v.matched() || dialect == Dialect.TCP6 && v.key().length == 0) {
            out.writeBytes(ascii("default:\n"));
        } else {
            out.writeBytes(ascii("rule "));
            out.writeBytes(dialect == Dialect.TCP6 ? shown(v.key()) : v.key());
            out.writeBytes(ascii(":\n"));
        }
        for (byte[] setting : v.settings()) {
            out.writeBytes(ascii("set environment variable "));
            out.writeBytes(setting);
            out.write('\n');
        }
        out.writeBytes(ascii(v.denied() ? "deny connection\n" : "allow connection\n"));
        return out.toByteArray();
    }

    /**
     * tcp6 shows CIDR keys decoded ({@code rule 10.1./16:}), everything else as stored. (The C tool
     * shows a /1 key raw, but it never finds one; ucspi4j does and decodes it like the others.)
     */
    private static byte[] shown(byte[] key) {
        CidrKeys.Network v4 = CidrKeys.decodeIpv4(key);
        if (v4 != null) {
            return ascii(CidrKeys.ipv4Text(v4));
        }
        CidrKeys.Network v6 = CidrKeys.decodeIpv6(key);
        return v6 != null ? ascii(CidrKeys.ipv6Text(v6)) : key;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
