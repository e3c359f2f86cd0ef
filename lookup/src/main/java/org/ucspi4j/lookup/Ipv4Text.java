package org.ucspi4j.lookup;

/**
 * Dotted IPv4 text as the C tools scan it: decimal digits into an unsigned long that wraps at 2^64,
 * stored in a byte (so 300 becomes 44). Text is a C string: NUL or the end stops it.
 */
public final class Ipv4Text {
    private Ipv4Text() {}

    /**
     * fehQlibs {@code ip4_scan}: exactly four dotted numbers, each with at least one digit. Fills
     * {@code ip} and returns the number of bytes read, or 0 if the text is not of that shape.
     */
    static int scan(Ipv6Text.Cursor s, byte[] ip) {
        int start = s.position();
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (s.peek(0) != '.') {
                    return 0;
                }
                s.skip(1);
            }
            int n = 0;
            long v = 0;
            for (int c; (c = s.peek(n)) >= '0' && c <= '9'; n++) {
                v = v * 10 + (c - '0');
            }
            if (n == 0) {
                return 0;
            }
            ip[part] = (byte) v;
            s.skip(n);
        }
        return s.position() - start;
    }

    /**
     * ucspi-tcp6 {@code ip4_cscan}: up to four dotted numbers, stopping quietly at the first thing
     * that does not fit; missing parts are zero. How a lookup turns any TCPREMOTEIP text into 32 bits.
     */
    static byte[] lenient(byte[] text) {
        byte[] ip = new byte[4];
        Ipv6Text.Cursor s = new Ipv6Text.Cursor(text, 0, text.length);
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (s.peek(0) != '.') {
                    break;
                }
                s.skip(1);
            }
            int n = 0;
            long v = 0;
            for (int c; (c = s.peek(n)) >= '0' && c <= '9'; n++) {
                v = v * 10 + (c - '0');
            }
            if (n == 0) {
                break;
            }
            ip[part] = (byte) v;
            s.skip(n);
        }
        return ip;
    }

    /** The address part of an IPv4 CIDR rule, read strictly. */
    public record CidrAddress(byte[] ip, int octets) {}

    /**
     * ucspi4j's reading of the text before the '/' of an IPv4 CIDR rule: one to four dotted decimal
     * octets (each 0..255, leading zeros allowed), optionally ending in a dot; missing octets are
     * zero. After four octets anything may follow and is ignored, as the C tool does
     * ({@code 203.0.113.5-9/24}). Null for anything else (a leading blank, an octet over 255, an
     * empty octet, junk after fewer than four octets): the C tool reads uninitialised memory there.
     */
    public static CidrAddress cidrAddress(byte[] text, int offset, int length) {
        byte[] ip = new byte[4];
        int at = offset;
        int end = offset + length;
        int octets = 0;
        while (octets < 4) {
            int digits = 0;
            long v = 0;
            while (at < end && text[at] >= '0' && text[at] <= '9') {
                v = v * 10 + (text[at] - '0');
                if (v > 255) {
                    return null;
                }
                at++;
                digits++;
            }
            if (digits == 0) {
                return null;
            }
            ip[octets++] = (byte) v;
            if (octets == 4) {
                return new CidrAddress(ip, 4);
            }
            if (at == end) {
                return new CidrAddress(ip, octets);
            }
            if (text[at] != '.') {
                return null;
            }
            at++;
            if (at == end) {
                return new CidrAddress(ip, octets);
            }
        }
        return new CidrAddress(ip, octets);
    }
}
