package org.ucspi4j.lookup;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What a server knows of a connection when it looks it up: the remote IP as text, and, where known,
 * the remote host name and the ident (RFC 1413) user. Bytes, as the environment holds them.
 */
public record Query(byte[] ip, byte[] host, byte[] info) {
    public static Query of(String ip, String host, String info) {
        return new Query(bytes(ip), host == null ? null : bytes(host), info == null ? null : bytes(info));
    }

    /** The IP only, as sslserver's {@code -y} early rules look connections up. */
    public static Query ipOnly(String ip) {
        return of(ip, null, null);
    }

    /**
     * Whether {@code ip} is text a server could set as TCPREMOTEIP: four dotted decimal numbers of at
     * most 255, or an IPv6 address. The lookup itself takes any text, as the C tools do; the rule
     * tools check what a person typed.
     */
    public static boolean isAddress(String ip) {
        if (ip.indexOf(':') >= 0) {
            try {
                return InetAddress.ofLiteral(ip) != null && ip.indexOf('%') < 0;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return DOTTED_QUAD.matcher(ip).matches();
    }

    private static final Pattern DOTTED_QUAD =
            Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
