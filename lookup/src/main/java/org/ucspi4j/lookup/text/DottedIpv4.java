package org.ucspi4j.lookup.text;

/**
 * Dotted IPv4 text as the servers compare it: as text. A server writes an IPv4 peer as four decimal
 * octets without leading zeros ({@code 192.0.2.7}) and tries the prefixes that end in a dot
 * ({@code 192.0.2.}, {@code 192.0.}, {@code 192.}). Any other spelling of digits and dots is a key
 * no server ever produces.
 */
public final class DottedIpv4 {
    private DottedIpv4() {}

    /** Why a dotted key never matches. */
    public enum Problem {
        OCTET_OVER_255,
        LEADING_ZERO,
        EMPTY_OCTET,
        TOO_MANY_OCTETS,
        INCOMPLETE
    }

    /** The first problem found, at {@code offset} (0-based, within the text) for {@code length} bytes. */
    public record Issue(Problem problem, int offset, int length) {}

    /**
     * What the text is: {@code octets} written, whether it ends in a dot ({@code prefix}), the
     * address with missing octets zero (as an unsigned 32-bit value) and the first problem, if any.
     */
    public record Shape(int octets, boolean prefix, long ip, Issue issue) {
        public boolean servable() {
            return issue == null;
        }

        /** Bits the text fixes: 32 for an address, 8 per octet for a prefix. */
        public int bits() {
            return prefix ? 8 * octets : 32;
        }
    }

    /** Whether {@code text[from..to)} is non-empty and holds only digits and dots. */
    public static boolean isDotted(byte[] text, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            byte b = text[i];
            if (b != '.' && (b < '0' || b > '9')) {
                return false;
            }
        }
        return true;
    }

    public static boolean isDotted(byte[] text) {
        return isDotted(text, 0, text.length);
    }

    /** Reads digits-and-dots text (see {@link #isDotted}); offsets in the result are relative to {@code from}. */
    public static Shape read(byte[] text, int from, int to) {
        int octets = 0;
        long ip = 0;
        Issue issue = null;
        int at = from;
        boolean prefix = false;
        while (true) {
            int start = at;
            long value = 0;
            while (at < to && text[at] != '.') {
                value = Math.min(value * 10 + (text[at] - '0'), 1 << 20);
                at++;
            }
            int len = at - start;
            if (len == 0) {
                if (at == to && octets > 0) {
                    prefix = true; // the text ended with a dot
                    break;
                }
                if (issue == null) {
                    issue = new Issue(Problem.EMPTY_OCTET, start - from, 1);
                }
            } else {
                if (issue == null && value > 255) {
                    issue = new Issue(Problem.OCTET_OVER_255, start - from, len);
                } else if (issue == null && len > 1 && text[start] == '0') {
                    issue = new Issue(Problem.LEADING_ZERO, start - from, len);
                }
            }
            if (octets < 4) {
                ip |= (value & 0xff) << (24 - 8 * octets);
            }
            octets++;
            if (at == to) {
                break;
            }
            at++; // the dot
        }
        if (issue == null) {
            if (octets > 4 || octets == 4 && prefix) {
                issue = new Issue(Problem.TOO_MANY_OCTETS, 0, to - from);
            } else if (octets < 4 && !prefix) {
                issue = new Issue(Problem.INCOMPLETE, 0, to - from);
            }
        }
        return new Shape(octets, prefix, ip, issue);
    }

    public static Shape read(byte[] text) {
        return read(text, 0, text.length);
    }

    /** A dotted quad, {@code 192.0.2.7}, for an unsigned 32-bit address. */
    public static String text(long ip) {
        return ((ip >>> 24) & 255) + "." + ((ip >>> 16) & 255) + "." + ((ip >>> 8) & 255) + "." + (ip & 255);
    }

    /** The dotted prefix of the top {@code octets} octets, {@code 192.0.}. */
    public static String prefixText(long ip, int octets) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < octets; i++) {
            s.append((ip >>> (24 - 8 * i)) & 255).append('.');
        }
        return s.toString();
    }

    public static long value(byte[] ip4) {
        return (ip4[0] & 0xffL) << 24 | (ip4[1] & 0xffL) << 16 | (ip4[2] & 0xffL) << 8 | (ip4[3] & 0xffL);
    }
}
