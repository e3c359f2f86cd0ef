package org.ucspi4j.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.rules.lint.LintReport;

/** The values shell completion offers for options whose type alone would offer the wrong spelling, or none. */
final class CompletionCandidates {
    private CompletionCandidates() {}

    /** Dialect names as they are written (tcp6, not the enum's TCP6). */
    static final class Dialects implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Dialect.values()).map(Dialect::id).iterator();
        }
    }

    /** tcprules lint's output formats, as they are written (lint reads them in any case). */
    static final class LintFormats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(LintReport.Format.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).iterator();
        }
    }
}
