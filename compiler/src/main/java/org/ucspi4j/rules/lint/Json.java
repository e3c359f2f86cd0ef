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
