package org.ucspi4j.lookup.text;

import java.nio.charset.StandardCharsets;

/** Byte strings shown to people: printable ASCII as itself, everything else escaped. */
public final class Texts {
    private Texts() {}

    /** {@code bytes} with {@code \r}, {@code \t}, {@code \0}, {@code \\} and {@code \xHH} escapes. */
    public static String show(byte[] bytes) {
        return show(bytes, 0, bytes.length);
    }

    public static String show(byte[] bytes, int from, int to) {
        StringBuilder s = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            appendByte(s, bytes[i]);
        }
        return s.toString();
    }

    private static void appendByte(StringBuilder s, byte b) {
        int c = b & 0xff;
        switch (c) {
            case '\r' -> s.append("\\r");
            case '\t' -> s.append("\\t");
            case '\n' -> s.append("\\n");
            case 0 -> s.append("\\0");
            case '\\' -> s.append("\\\\");
            default -> {
                if (c >= 0x20 && c < 0x7f) {
                    s.append((char) c);
                } else {
                    s.append(String.format("\\x%02x", c));
                }
            }
        }
    }

    /** One byte in words, for messages: {@code 'x'}, {@code blank}, {@code tab}, {@code byte 0x80}. */
    public static String describe(byte b) {
        int c = b & 0xff;
        if (c >= 0x21 && c < 0x7f) {
            return "'" + (char) c + "'";
        }
        return switch (c) {
            case ' ' -> "a blank";
            case '\t' -> "a tab";
            case '\r' -> "a carriage return (\\r)";
            case 0 -> "a NUL byte";
            default -> String.format("byte 0x%02x", c);
        };
    }

    /** A byte string as quoted text for a message: {@code 'abc'}. */
    public static String quoted(byte[] bytes) {
        return "'" + show(bytes) + "'";
    }

    public static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
