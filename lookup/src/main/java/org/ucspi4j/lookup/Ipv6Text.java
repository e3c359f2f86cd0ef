package org.ucspi4j.lookup;

import java.nio.charset.StandardCharsets;

/**
 * IPv6 text the way fehcom's tools read and write it (fehQlibs {@code ip6_scan}/{@code ip6_fmt}),
 * because the cdb keys and the environment must match theirs byte for byte:
 * <ul>
 * <li>{@link #scan} is lenient: it reads the longest prefix it can and ignores the rest
 * ({@code fe80::1%eth0}, {@code 1::2::3}), truncates groups to 16 bits ({@code 12345} is
 * {@code 2345}) and reads dotted IPv4 text as an IPv4-mapped address.</li>
 * <li>{@link #expanded} is the 39-byte key form: 8 groups of 4 upper-case hex digits.</li>
 * <li>{@link #compact} compresses only runs of two or more zero groups (the first such run),
 * writes lower-case hex without leading zeros and IPv4-mapped addresses as {@code ::ffff:a.b.c.d}.</li>
 * </ul>
 * Text is a C string: scanning stops at a NUL byte.
 */
public final class Ipv6Text {
    private Ipv6Text() {}

    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /** The 16 address bytes of {@code text}, or null where fehQlibs would report failure. */
    public static byte[] scan(byte[] text) {
        return scan(text, 0, text.length);
    }

    public static byte[] scan(byte[] text, int offset, int length) {
        Cursor s = new Cursor(text, offset, offset + length);
        byte[] ip = new byte[16];
        byte[] v4 = new byte[4];
        if (Ipv4Text.scan(s.copy(), v4) > 0) {
            ip[10] = (byte) 0xff;
            ip[11] = (byte) 0xff;
            System.arraycopy(v4, 0, ip, 12, 4);
            return ip;
        }
        int prefixLength = 0;
        boolean doubleColon = false;
        while (true) {
            if (s.peek(0) == ':') {
                if (s.peek(1) == ':') {
                    s.skip(2);
                    doubleColon = true;
                    break;
                }
                s.skip(1);
            }
            long[] value = new long[1];
            int digits = hex(s, value);
            if (digits == 0) {
                return null;
            }
            if (prefixLength == 12 && s.peek(digits) == '.') {
                return Ipv4Text.scan(s.copy(), v4) > 0 ? withTail(ip, v4) : null;
            }
            ip[prefixLength++] = (byte) (value[0] >>> 8);
            ip[prefixLength++] = (byte) value[0];
            s.skip(digits);
            if (prefixLength == 16) {
                return ip;
            }
        }
        // After "::": groups from the right end.
        byte[] suffix = new byte[16];
        int suffixLength = 0;
        while (doubleColon) {
            if (s.peek(0) == ':') {
                if (suffixLength == 0) {
                    break;
                }
                s.skip(1);
            } else if (suffixLength != 0) {
                break;
            }
            long[] value = new long[1];
            int digits = hex(s, value);
            if (digits == 0) {
                break;
            }
            if (suffixLength + prefixLength <= 12 && s.peek(digits) == '.') {
                byte[] tail = new byte[4];
                if (Ipv4Text.scan(s.copy(), tail) > 0) {
                    System.arraycopy(tail, 0, suffix, suffixLength, 4);
                    suffixLength += 4;
                    break;
                }
                prefixLength = 12 - suffixLength; // as fehQlibs does when dotted text fails to scan
            }
            suffix[suffixLength++] = (byte) (value[0] >>> 8);
            suffix[suffixLength++] = (byte) value[0];
            s.skip(digits);
            if (prefixLength + suffixLength >= 16) {
                break;
            }
        }
        System.arraycopy(suffix, 0, ip, 16 - suffixLength, suffixLength);
        return ip;
    }

    private static byte[] withTail(byte[] ip, byte[] v4) {
        System.arraycopy(v4, 0, ip, 12, 4);
        return ip;
    }

    /** Hex digits at the cursor (not consumed) into value[0], unbounded like scan_xlong; returns the count. */
    private static int hex(Cursor s, long[] value) {
        int n = 0;
        long v = 0;
        for (int c; (c = hexDigit(s.peek(n))) >= 0; n++) {
            v = (v << 4) + c;
        }
        value[0] = v;
        return n;
    }

    private static int hexDigit(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** The 39-byte key form, {@code 2001:0DB8:0000:...:0001}. */
    public static byte[] expanded(byte[] ip) {
        byte[] out = new byte[39];
        int o = 0;
        for (int i = 0; i < 16; i++) {
            out[o++] = HEX_UPPER[(ip[i] >> 4) & 15];
            out[o++] = HEX_UPPER[ip[i] & 15];
            if ((i & 1) == 1 && i < 15) {
                out[o++] = ':';
            }
        }
        return out;
    }

    /** fehQlibs' compact form, as sslserver and tcprulescheck print addresses. */
    public static String compact(byte[] ip) {
        StringBuilder s = new StringBuilder(39);
        boolean compressing = false;
        boolean compressed = false;
        for (int j = 0; j < 16; j += 2) {
            if (j == 12 && isV4Mapped(ip)) {
                s.append(ip[12] & 0xff).append('.').append(ip[13] & 0xff).append('.')
                        .append(ip[14] & 0xff).append('.').append(ip[15] & 0xff);
                return s.toString();
            }
            int group = group(ip, j);
            // fehQlibs peeks at the next group (past the end it finds zero) to start a run only
            // where two zero groups meet.
            int next = compressing ? 0 : (j + 2 < 16 ? group(ip, j + 2) : 0);
            if (group == 0 && next == 0 && !compressed) {
                if (!compressing) {
                    compressing = true;
                    if (j == 0) {
                        s.append(':');
                    }
                }
            } else {
                if (compressing) {
                    compressing = false;
                    compressed = true;
                    s.append(':');
                }
                s.append(Integer.toHexString(group));
                if (j < 14) {
                    s.append(':');
                }
            }
        }
        if (compressing) {
            s.append(':');
        }
        return s.toString();
    }

    public static boolean isV4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }

    private static int group(byte[] ip, int j) {
        return (ip[j] & 0xff) << 8 | (ip[j + 1] & 0xff);
    }

    /** A read position over a C string inside a byte array (NUL or the end stops it). */
    static final class Cursor {
        private final byte[] b;
        private int at;
        private final int end;

        Cursor(byte[] b, int at, int end) {
            this.b = b;
            this.at = at;
            this.end = end;
        }

        Cursor copy() {
            return new Cursor(b, at, end);
        }

        /** The byte {@code ahead} positions on, or -1 past the end or at/after a NUL. */
        int peek(int ahead) {
            for (int i = at; i <= at + ahead; i++) {
                if (i >= end || b[i] == 0) {
                    return -1;
                }
            }
            return b[at + ahead] & 0xff;
        }

        void skip(int n) {
            at += n;
        }

        int position() {
            return at;
        }
    }
}
