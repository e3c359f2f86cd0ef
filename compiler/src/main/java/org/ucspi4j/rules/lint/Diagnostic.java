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

    /** File order: line, column, code. */
    public static final Comparator<Diagnostic> ORDER = Comparator.comparingLong(Diagnostic::line)
            .thenComparingInt(Diagnostic::column).thenComparing(Diagnostic::code);
}
