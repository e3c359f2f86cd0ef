package org.ucspi4j.lookup;

import java.nio.charset.StandardCharsets;

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

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
