package org.ucspi4j.rules.lint;

import java.util.Comparator;

/**
 * One problem: where ({@code file} as given, 1-based {@code line} and byte {@code column}), what
 * ({@code code}, whose severity is the diagnostic's), a one-line {@code message}, and a fix
 * {@code hint} (null when there is none).
 */
public record Diagnostic(String file, long line, int column, LintCode code, String message, String hint) {
    public Severity severity() {
        return code.severity();
    }

    /** File order: line, column, code. (Written out: a million diagnostics sort measurably faster than through key extractors.) */
    public static final Comparator<Diagnostic> ORDER = (a, b) -> {
        int c = Long.compare(a.line, b.line);
        if (c == 0) {
            c = Integer.compare(a.column, b.column);
        }
        return c != 0 ? c : a.code.compareTo(b.code);
    };
}
