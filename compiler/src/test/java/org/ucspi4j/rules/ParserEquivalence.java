package org.ucspi4j.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.ucspi4j.lookup.Dialect;

/**
 * Checks that the compiler's parser (instructions only, scanned by hand where it can) and the
 * reference parser (whole lines through the grammar's {@code line} rule) agree on every line of an input:
 * the same rule (address, decision, settings with their columns, text) or the same error; and that
 * whole compiles agree ({@link #compile}): the compiler (chunks, lists parsed ahead, threads) and
 * {@link RuleCompiler#reference}.
 */
final class ParserEquivalence {
    private final Dialect dialect;
    private final RuleLineParser fast;
    private final RuleLineParser reference;

    ParserEquivalence(Dialect d) {
        dialect = d;
        fast = new RuleLineParser(d);
        reference = RuleLineParser.reference(d);
    }

    /** Everything a compile hands on: each rule with its address, each record, the summary or error. */
    static java.util.List<Object> compileEvents(RuleCompiler compiler, byte[] input) {
        java.util.List<Object> events = new java.util.ArrayList<>();
        try {
            RuleCompiler.Summary s = compiler.compile(new java.io.ByteArrayInputStream(input),
                    (k, v) -> events.add(new String(k, StandardCharsets.ISO_8859_1) + "->" + new String(v, StandardCharsets.ISO_8859_1)),
                    (rule, address) -> {
                        events.add(rule);
                        events.add(address);
                    });
            events.add(s);
        } catch (RuleSyntaxException e) {
            events.add(e.kind() + " line " + e.line() + " column " + e.column() + ": " + e.detail() + " in "
                    + new String(e.text(), StandardCharsets.ISO_8859_1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return events;
    }

    /** Records and the summary or error of a compile without a listener (the compiler's shortcut). */
    static java.util.List<Object> records(RuleCompiler compiler, byte[] input) {
        java.util.List<Object> events = new java.util.ArrayList<>();
        try {
            events.add(compiler.compile(new java.io.ByteArrayInputStream(input), new RuleCompiler.RecordSink() {
                @Override
                public void add(byte[] k, byte[] v) {
                    events.add(new String(k, StandardCharsets.ISO_8859_1) + "->" + new String(v, StandardCharsets.ISO_8859_1));
                }

                @Override
                public void add(byte[] k, int offset, int length, byte[] v) {
                    events.add(new String(k, offset, length, StandardCharsets.ISO_8859_1) + "->"
                            + new String(v, StandardCharsets.ISO_8859_1));
                }
            }));
        } catch (RuleSyntaxException e) {
            events.add(e.kind() + " line " + e.line() + " column " + e.column() + ": " + e.detail() + " in "
                    + new String(e.text(), StandardCharsets.ISO_8859_1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return events;
    }

    /**
     * The compiler, on one thread and on several, with a listener and without, hands on what the
     * reference compile does.
     */
    void compile(byte[] input) {
        java.util.List<Object> expected = compileEvents(RuleCompiler.reference(dialect), input);
        assertThat(compileEvents(new RuleCompiler(dialect, 1), input)).isEqualTo(expected);
        assertThat(compileEvents(new RuleCompiler(dialect, 3), input)).isEqualTo(expected);
        java.util.List<Object> expectedRecords = records(RuleCompiler.reference(dialect), input);
        assertThat(records(new RuleCompiler(dialect, 1), input)).isEqualTo(expectedRecords);
        assertThat(records(new RuleCompiler(dialect, 3), input)).isEqualTo(expectedRecords);
    }

    /** Compares every line of {@code input}; returns how many lines were compared. */
    int check(byte[] input) {
        int lines = 0;
        int start = 0;
        while (start < input.length) {
            int end = start;
            while (end < input.length && input[end] != '\n') {
                end++;
            }
            int length = Math.min(end + 1, input.length) - start;
            check(++lines, input, start, length);
            start += length;
        }
        return lines;
    }

    void check(long number, byte[] buffer, int offset, int length) {
        Object a = outcome(fast, number, buffer, offset, length);
        Object b = outcome(reference, number, buffer, offset, length);
        assertThat(a).as("line %d: %s", number, new String(buffer, offset, length, StandardCharsets.ISO_8859_1))
                .isEqualTo(b);
    }

    private static Object outcome(RuleLineParser p, long number, byte[] buffer, int offset, int length) {
        try {
            return p.parse(number, buffer, offset, length);
        } catch (RuleSyntaxException e) {
            return e.kind() + " line " + e.line() + " column " + e.column() + ": " + e.detail() + " in "
                    + new String(e.text(), StandardCharsets.ISO_8859_1);
        }
    }
}
