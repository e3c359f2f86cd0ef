package org.ucspi4j.rules.lint;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** A minimal JSON writer for maps, lists, strings, numbers, booleans and null (two-space indent). */
public final class Json {
    private Json() {}

    public static String write(Object value) {
        StringBuilder s = new StringBuilder();
        try {
            write(value, s, 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return s.append('\n').toString();
    }

    /** {@code value} and a newline to {@code out} in UTF-8, as it goes: no copy of the whole text is kept. */
    public static void write(Object value, java.io.OutputStream out) throws IOException {
        Utf8 text = new Utf8(out);
        write(value, text, 0);
        text.append('\n');
        text.flush();
    }

    /** Text to a byte stream in UTF-8, through a buffer that nothing else locks (the writer appends a character at a time). */
    private static final class Utf8 implements Appendable {
        private static final int FLUSH = 1 << 16;
        private final java.io.OutputStream out;
        private final StringBuilder buffer = new StringBuilder(FLUSH + 256);

        Utf8(java.io.OutputStream out) {
            this.out = out;
        }

        @Override
        public Appendable append(CharSequence s) throws IOException {
            buffer.append(s);
            return spill();
        }

        @Override
        public Appendable append(CharSequence s, int start, int end) throws IOException {
            buffer.append(s, start, end);
            return spill();
        }

        @Override
        public Appendable append(char c) throws IOException {
            buffer.append(c);
            return spill();
        }

        private Appendable spill() throws IOException {
            if (buffer.length() >= FLUSH) {
                // a surrogate pair stays whole: its first half waits for the next chunk
                int end = Character.isHighSurrogate(buffer.charAt(buffer.length() - 1)) ? buffer.length() - 1 : buffer.length();
                out.write(buffer.substring(0, end).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                buffer.delete(0, end);
            }
            return this;
        }

        void flush() throws IOException {
            out.write(buffer.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            buffer.setLength(0);
            out.flush();
        }
    }

    public static void write(Object value, Appendable out, int indent) throws IOException {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(s, out);
            case Boolean b -> out.append(b.toString());
            case Number n -> out.append(n.toString());
            case Map<?, ?> m -> {
                if (m.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append("{\n");
                int k = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    pad(out, indent + 1);
                    string(String.valueOf(e.getKey()), out);
                    out.append(": ");
                    write(e.getValue(), out, indent + 1);
                    out.append(++k < m.size() ? ",\n" : "\n");
                }
                pad(out, indent);
                out.append('}');
            }
            case List<?> l -> {
                if (l.isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append("[\n");
                for (int k = 0; k < l.size(); k++) {
                    pad(out, indent + 1);
                    write(l.get(k), out, indent + 1);
                    out.append(k + 1 < l.size() ? ",\n" : "\n");
                }
                pad(out, indent);
                out.append(']');
            }
            default -> throw new IllegalArgumentException("not JSON: " + value.getClass());
        }
    }

    private static void pad(Appendable out, int indent) throws IOException {
        for (int i = 0; i < indent; i++) {
            out.append("  ");
        }
    }

    public static void string(String s, Appendable out) throws IOException {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || c >= 0xd800 && c <= 0xdfff && !validSurrogate(s, i)) {
                        out.append(String.format("\\u%04x", (int) (c >= 0xd800 && c <= 0xdfff ? 0xfffd : c)));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
