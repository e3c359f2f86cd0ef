package org.ucspi4j.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import org.ucspi4j.cdb.CdbHash;
import org.ucspi4j.lookup.Dialect;

/**
 * Jazzer target for the parser and compiler: any bytes, in every dialect, end in records (a cdb) or
 * in a {@link RuleSyntaxException} with a sane position, never in another throwable and never in a
 * hang; and the compiler's parser (instructions only, memo) agrees with the reference parser (whole
 * lines, the grammar's {@code line} rule) on every line. In {@code ./mvnw verify} it runs as a regression test over its seed corpus
 * ({@code src/test/resources/org/ucspi4j/rules/RuleCompilerFuzzTestInputs/}); to fuzz, run it with
 * {@code JAZZER_FUZZ=1} (e.g. {@code JAZZER_FUZZ=1 ./mvnw -pl compiler -am test -Dtest=RuleCompilerFuzzTest}).
 */
class RuleCompilerFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void anyBytesEndInACdbOrADiagnostic(byte[] input) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (Dialect d : Dialect.values()) {
                compile(d, input);
                ParserEquivalence e = new ParserEquivalence(d);
                e.check(input);
                e.compile(input);
            }
        });
    }

    private static void compile(Dialect d, byte[] input) throws Exception {
        long[] digest = {0, 0};
        RuleCompiler.Summary summary;
        try {
            summary = new RuleCompiler(d).compile(new ByteArrayInputStream(input), (key, data) -> {
                digest[0] = digest[0] * 31 + CdbHash.hash(key);
                digest[1] += key.length + data.length;
            });
        } catch (RuleSyntaxException e) {
            assertThat(e.line()).isBetween(1L, (long) input.length + 1);
            assertThat(e.column()).isBetween(1, e.text().length + 1);
            assertThat(e.cMessage(d)).doesNotContain("\n").startsWith("tcprules: ");
            assertThat(e.text()).doesNotContain((byte) '\n');
            return;
        }
        assertThat(summary.rules()).isLessThanOrEqualTo(summary.lines());
        assertThat(summary.records()).isLessThanOrEqualTo(256 * summary.rules());
    }
}
