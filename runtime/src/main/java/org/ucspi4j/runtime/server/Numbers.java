package org.ucspi4j.runtime.server;

/** Numbers the C way (scan_ulong): leading decimal digits, anything after them ignored; none is 0. */
public final class Numbers {
    private Numbers() {}

    public static long scanUnsigned(String s) {
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            v = v * 10 + (c - '0');
            if (v > Long.MAX_VALUE / 10) {
                return Long.MAX_VALUE;
            }
        }
        return v;
    }
}
