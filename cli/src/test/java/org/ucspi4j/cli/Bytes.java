package org.ucspi4j.cli;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.Arrays;

/** Byte-array assertions whose failure names the first differing offset instead of printing megabytes. */
final class Bytes {
    private Bytes() {}

    static void assertSame(String what, byte[] actual, byte[] expected) {
        int at = Arrays.mismatch(actual, expected);
        if (at < 0) {
            return;
        }
        throw new AssertionError(what + ": " + actual.length + " bytes where " + expected.length
                + " were expected; first difference at offset " + at + ": got [" + around(actual, at)
                + "], expected [" + around(expected, at) + "]");
    }

    private static String around(byte[] b, int at) {
        int from = Math.max(0, at - 16);
        int to = Math.min(b.length, at + 16);
        StringBuilder s = new StringBuilder();
        for (byte x : Arrays.copyOfRange(b, from, to)) {
            int c = x & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return s.toString();
    }

    static String latin1(byte[] b) {
        return new String(b, ISO_8859_1);
    }
}
