package org.ucspi4j.lookup;

/**
 * Searching and joining byte strings. Rules, keys and cdb values are bytes (any byte but the
 * separators may occur), so they are handled as bytes, never decoded to Strings to use its methods.
 */
public final class Bytes {
    private Bytes() {}

    /** The index of the first {@code c} in {@code a}, or -1. */
    public static int indexOf(byte[] a, char c) {
        return indexOf(a, c, 0);
    }

    /** The index of the first {@code c} in {@code a} at or after {@code from}, or -1. */
    public static int indexOf(byte[] a, char c, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == c) {
                return i;
            }
        }
        return -1;
    }

    public static boolean contains(byte[] a, char c) {
        return indexOf(a, c) >= 0;
    }

    /** The parts one after another, in a new array. */
    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
