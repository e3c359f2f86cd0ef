package org.ucspi4j.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.rules.generator.RulesGenerator;

/** The chunked, multi-threaded compile hands on exactly what a line-by-line compile does. */
class RuleCompilerTest {
    /** Everything a compile handed on: records as "key->data", rules as "#line", the outcome. */
    private static List<String> run(Dialect d, int threads, InputStream in) {
        List<String> out = new ArrayList<>();
        try {
            RuleCompiler.Summary s = new RuleCompiler(d, threads).compile(in,
                    (k, v) -> out.add(new String(k, StandardCharsets.ISO_8859_1) + "->" + new String(v, StandardCharsets.ISO_8859_1)),
                    (rule, address) -> out.add("#" + rule.number()));
            out.add("summary " + s);
        } catch (RuleSyntaxException e) {
            out.add("error line " + e.line() + " column " + e.column() + ": " + e.detail());
        } catch (IOException e) {
            out.add("io " + e.getMessage());
        }
        return out;
    }

    private static List<String> run(Dialect d, int threads, byte[] file) {
        return run(d, threads, new ByteArrayInputStream(file));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void manyChunksOnManyThreadsGiveTheSameRecords(Dialect d) {
        byte[] file = RulesGenerator.validFile(d, 3, 40_000);
        assertThat(file.length).isGreaterThan(4 * RuleCompiler.CHUNK);
        List<String> sequential = run(d, 1, file);
        assertThat(sequential.getLast()).startsWith("summary");
        assertThat(run(d, 4, file)).isEqualTo(sequential);
        assertThat(run(d, 2, file)).isEqualTo(sequential);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theFirstErrorWinsWhereverItIs(Dialect d) {
        byte[] file = new RulesGenerator(d, 8, 0.0002).file(40_000);
        List<String> sequential = run(d, 1, file);
        assertThat(sequential.getLast()).startsWith("error line ");
        assertThat(run(d, 4, file)).isEqualTo(sequential);
    }

    @Test
    void aLineLongerThanAChunk() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int i = 0; i < 30_000; i++) {
            file.writeBytes(("10.0." + i % 256 + "." + i / 256 + ":allow\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        file.writeBytes(("1.2.3.4:allow,BIG=\"" + "x".repeat(3 * RuleCompiler.CHUNK) + "\"\n").getBytes(StandardCharsets.ISO_8859_1));
        file.writeBytes(("#" + "y".repeat(RuleCompiler.CHUNK + 1) + "\n5.6.7.8:deny").getBytes(StandardCharsets.ISO_8859_1));
        List<String> sequential = run(Dialect.DJB, 1, file.toByteArray());
        assertThat(sequential.getLast()).isEqualTo("summary Summary[lines=30003, rules=30002, records=30002]");
        assertThat(sequential.get(sequential.size() - 2)).isEqualTo("5.6.7.8->D\0");
        assertThat(run(Dialect.DJB, 3, file.toByteArray())).isEqualTo(sequential);
    }

    @Test
    void linesWithoutAFinalNewline() {
        assertThat(run(Dialect.DJB, 1, "1.2.3.4:allow\n5.6.7.8:deny".getBytes(StandardCharsets.ISO_8859_1)))
                .containsExactly("#1", "1.2.3.4->", "#2", "5.6.7.8->D\0", "summary Summary[lines=2, rules=2, records=2]");
        assertThat(run(Dialect.DJB, 4, new byte[0])).containsExactly("summary Summary[lines=0, rules=0, records=0]");
        assertThat(run(Dialect.DJB, 4, "\n".getBytes(StandardCharsets.ISO_8859_1)))
                .containsExactly("summary Summary[lines=1, rules=0, records=0]");
    }

    /** Fails with "boom" once {@code limit} bytes have been read. */
    private static InputStream failingAfter(byte[] file, int limit) {
        return new InputStream() {
            int at;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (at >= limit) {
                    throw new IOException("boom");
                }
                int n = Math.min(Math.min(len, 1000), limit - at);
                System.arraycopy(file, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    @Test
    void aReadErrorComesAfterTheLinesReadBeforeIt() {
        byte[] file = RulesGenerator.validFile(Dialect.DJB, 5, 40_000);
        int limit = file.length / 2;
        List<String> expected = run(Dialect.DJB, 1, failingAfter(file, limit));
        assertThat(expected.getLast()).isEqualTo("io boom");
        // Everything up to the last complete line before the failure was handed on.
        int lastLine = 0;
        for (int i = 0; i < limit; i++) {
            if (file[i] == '\n') {
                lastLine = i + 1;
            }
        }
        List<String> before = run(Dialect.DJB, 1, java.util.Arrays.copyOf(file, lastLine));
        assertThat(expected.subList(0, expected.size() - 1)).isEqualTo(before.subList(0, before.size() - 1));
        assertThat(run(Dialect.DJB, 4, failingAfter(file, limit))).isEqualTo(expected);

        // A syntax error before the failure is reported instead, as a line-by-line reader meets it first.
        byte[] bad = java.util.Arrays.copyOf(file, file.length);
        int at = limit / 2;
        while (bad[at] != '\n') {
            at++;
        }
        bad[at + 1] = ' ';
        bad[at + 2] = ':';
        bad[at + 3] = 'x';
        List<String> syntax = run(Dialect.DJB, 4, failingAfter(bad, limit));
        assertThat(syntax.getLast()).startsWith("error line ");
        assertThat(run(Dialect.DJB, 1, failingAfter(bad, limit))).isEqualTo(syntax);
    }

    @Test
    void aReadErrorRightAway() {
        assertThatThrownBy(() -> new RuleCompiler(Dialect.DJB, 4).compile(failingAfter(new byte[0], 0), (k, v) -> {}))
                .isInstanceOf(IOException.class).hasMessage("boom");
    }
}
