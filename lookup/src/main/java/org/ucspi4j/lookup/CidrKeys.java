package org.ucspi4j.lookup;

import java.nio.charset.StandardCharsets;

/**
 * ucspi-tcp6's CIDR keys. IPv4: {@code _} and one char per prefix bit, {@code 0} for a 0 bit and,
 * for a 1 bit at position k, the k-th char of {@code abcdefghijklmnopqrstuvwxyz123456}. IPv6:
 * {@code ^} and one char per bit, {@code 0} for a 0 bit and byte 96+n for the n-th 1 bit so far
 * (bytes above 127 occur). Decoding treats any char other than {@code 0} as a 1 bit, as the C does.
 */
public final class CidrKeys {
    private CidrKeys() {}

    private static final byte[] IPV4_ONES = "abcdefghijklmnopqrstuvwxyz123456".getBytes(StandardCharsets.US_ASCII);

    /** {@code _} + the first {@code prefix} bits of {@code ip} (4 bytes), 1 ≤ prefix ≤ 32. */
    public static byte[] ipv4(byte[] ip, int prefix) {
        byte[] key = new byte[1 + prefix];
        key[0] = '_';
        for (int k = 0; k < prefix; k++) {
            key[1 + k] = bit(ip, k) ? IPV4_ONES[k] : (byte) '0';
        }
        return key;
    }

    /** {@code ^} + the first {@code prefix} bits of {@code ip} (16 bytes), 1 ≤ prefix ≤ 128. */
    public static byte[] ipv6(byte[] ip, int prefix) {
        byte[] key = new byte[1 + prefix];
        key[0] = '^';
        int ones = 0;
        for (int k = 0; k < prefix; k++) {
            key[1 + k] = bit(ip, k) ? (byte) (96 + ones++) : (byte) '0';
        }
        return key;
    }

    private static boolean bit(byte[] ip, int k) {
        return (ip[k >> 3] & (0x80 >> (k & 7))) != 0;
    }

    /** A decoded CIDR key: the network address (host bits zero) and the prefix length. */
    public record Network(byte[] ip, int prefix) {}

    /** Decodes a {@code _} key of 1..32 bit chars; null if it is not one. */
    public static Network decodeIpv4(byte[] key) {
        return decode(key, '_', 4);
    }

    /** Decodes a {@code ^} key of 1..128 bit chars; null if it is not one. */
    public static Network decodeIpv6(byte[] key) {
        return decode(key, '^', 16);
    }

    private static Network decode(byte[] key, char marker, int bytes) {
        int prefix = key.length - 1;
        if (key.length == 0 || key[0] != marker || prefix < 1 || prefix > 8 * bytes) {
            return null;
        }
        byte[] ip = new byte[bytes];
        for (int k = 0; k < prefix; k++) {
            if (key[1 + k] == 0) {
                return null; // a C string ends here: not a key tcprules writes
            }
            if (key[1 + k] != '0') {
                ip[k >> 3] |= (byte) (0x80 >> (k & 7));
            }
        }
        return new Network(ip, prefix);
    }

    /** Whether {@code key} is exactly what {@link #ipv4} writes for its decoded network. */
    public static boolean isCanonicalIpv4(byte[] key) {
        Network n = decodeIpv4(key);
        return n != null && java.util.Arrays.equals(ipv4(n.ip(), n.prefix()), key);
    }

    /** Whether {@code key} is exactly what {@link #ipv6} writes for its decoded network. */
    public static boolean isCanonicalIpv6(byte[] key) {
        Network n = decodeIpv6(key);
        return n != null && java.util.Arrays.equals(ipv6(n.ip(), n.prefix()), key);
    }

    /**
     * tcp6 tcprulescheck's text for an IPv4 network: each octet the prefix reaches, followed by a
     * dot (none after a complete fourth octet), then {@code /prefix}: {@code 10.1.16./20},
     * {@code 192./2}, {@code 10.1.17.200/32}.
     */
    static String ipv4Text(Network n) {
        StringBuilder s = new StringBuilder();
        int octets = (n.prefix() + 7) / 8;
        for (int i = 0; i < octets; i++) {
            s.append(n.ip()[i] & 0xff);
            if (!(i == 3 && n.prefix() == 32)) {
                s.append('.');
            }
        }
        return s.append('/').append(n.prefix()).toString();
    }

    /** tcp6 tcprulescheck's text for an IPv6 network: the compact address, {@code /prefix}. */
    public static String ipv6Text(Network n) {
        return Ipv6Text.compact(n.ip()) + "/" + n.prefix();
    }
}
