package org.ucspi4j.rules.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact diagnostics against plain lists of records: same content, same order, same report. */
class DiagnosticsTest {
    private static final LintCode[] CODES = LintCode.values();

    /** {@code n} diagnostics on few lines and columns (many ties), some with non-ASCII text or no hint. */
    static List<Diagnostic> random(Random r, int n) {
        List<Diagnostic> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String message = switch (r.nextInt(4)) {
                case 0 -> "é — " + i;
                case 1 -> "";
                default -> "message " + i + " " + "x".repeat(r.nextInt(40));
            };
            String hint = switch (r.nextInt(4)) {
                case 0 -> null;
                case 1 -> "";
                case 2 -> "hint ✓ " + i;
                default -> "write 192.0.2.0/24";
            };
            out.add(new Diagnostic("f", 1 + r.nextInt(n / 8 + 1), 1 + r.nextInt(3), CODES[r.nextInt(CODES.length)], message, hint));
        }
        return out;
    }

    @Test
    void aListKeepsItsOrderAndEveryField() {
        List<Diagnostic> list = random(new Random(1), 5000);
        assertThat(new ArrayList<>(Diagnostics.of("f", list))).isEqualTo(list);
    }

    /** More than a block holds, so that references cross blocks; equal ones keep the order they were found in. */
    @Test
    void sortingIsStableAndAcrossBlocks() {
        List<Diagnostic> list = random(new Random(2), DiagnosticBlock.MAX_SIZE + 5000);
        Diagnostics.Blocks blocks = new Diagnostics.Blocks();
        list.forEach(d -> blocks.emit(d.line(), d.column(), d.code(), d.message(), d.hint()));
        List<Diagnostic> want = new ArrayList<>(list);
        want.sort(Diagnostic.ORDER); // List.sort is stable
        assertThat(new ArrayList<>(blocks.sorted("f"))).isEqualTo(want);
    }

    @Test
    void mergingTakesTheFirstListsOnATie() {
        Random r = new Random(3);
        List<Diagnostic> a = new ArrayList<>(random(r, 3000));
        List<Diagnostic> b = new ArrayList<>(random(r, 2000));
        a.sort(Diagnostic.ORDER);
        b.sort(Diagnostic.ORDER);
        Diagnostics merged = new Diagnostics("f", 0);
        merged.addMerged(Diagnostics.of("f", a), Diagnostics.of("f", b));
        List<Diagnostic> want = new ArrayList<>(a);
        want.addAll(b);
        want.sort(Diagnostic.ORDER); // stable: a's before b's
        assertThat(new ArrayList<>(merged)).isEqualTo(want);
    }

    /** Big enough for the report to be formatted in slices on several threads. */
    @Test
    void theTextReportIsEachDiagnosticInTheEditorForm() throws IOException {
        List<Diagnostic> list = random(new Random(4), 40_000);
        StringBuilder want = new StringBuilder();
        for (Diagnostic d : list) {
            want.append("r\u00e9.txt:").append(d.line()).append(':').append(d.column()).append(": ").append(d.severity().id())
                    .append(": ").append(d.message()).append(" [").append(d.code()).append("]\n");
            if (d.hint() != null) {
                want.append("    hint: ").append(d.hint()).append('\n');
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // the file name is a byte string (one char per byte): "r\u00c3\u00a9.txt" is the UTF-8 of "ré.txt"
        LintReport.text(List.of(new LintReport.FileResult("r\u00c3\u00a9.txt", list)), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(want.toString());
    }

    @Test
    void countsBySeverity() {
        List<Diagnostic> list = random(new Random(5), 1000);
        LintReport.Summary s = LintReport.Summary.of(List.of(new LintReport.FileResult("f", list)));
        assertThat(s.errors()).isEqualTo(list.stream().filter(d -> d.severity() == Severity.ERROR).count());
        assertThat(s.warnings()).isEqualTo(list.stream().filter(d -> d.severity() == Severity.WARNING).count());
        assertThat(s.infos()).isEqualTo(list.stream().filter(d -> d.severity() == Severity.INFO).count());
    }
}
