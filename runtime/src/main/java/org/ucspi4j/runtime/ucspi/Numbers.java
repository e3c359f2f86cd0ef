package org.ucspi4j.runtime.ucspi;

/**
 * Numbers from the command line and the environment. {@link #scanUnsigned} is the C way (scan_ulong),
 * kept where the C tools' leniency is part of the interface (MAXCONIP, VERIFYDEPTH); {@link #strict}
 * and {@link #id} refuse what scan_ulong would quietly turn into another number.
 */
public final class Numbers {
    private Numbers() {}

    /** The highest uid or gid: (uid_t) -1 means "no id" to the kernel. */
    public static final long MAX_ID = 4294967294L;

    /** scan_ulong: leading decimal digits, anything after them ignored; none is 0. */
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

    /**
     * Decimal digits only, from {@code min} to {@code max}.
     *
     * @throws NumberFormatException with a message such as {@code is not a number: 'abc'} or
     *         {@code must be from 1 to 2147483647: '0'}, to follow the option's or variable's name
     */
    public static long strict(String s, long min, long max) {
        if (s.isEmpty()) {
            throw new NumberFormatException("is not a number: ''");
        }
        long v = 0;
        boolean tooBig = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("is not a number: '" + s + "'");
            }
            if (!tooBig) {
                int digit = c - '0';
                tooBig = v > (max - digit) / 10;
                v = tooBig ? v : v * 10 + digit;
            }
        }
        if (tooBig || v < min) {
            throw new NumberFormatException("must be from " + min + " to " + max + ": '" + s + "'");
        }
        return v;
    }

    /** A numeric uid or gid (the C tools take no names); see {@link #strict}. */
    public static long id(String s) {
        return strict(s, 0, MAX_ID);
    }
}
