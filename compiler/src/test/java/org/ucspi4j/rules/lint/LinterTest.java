package org.ucspi4j.rules.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.text.DottedIpv4;
import org.ucspi4j.rules.tools.RulesGenerator;

/**
 * The seeded-defect files: every check fires, each on exactly the line and column the .expected
 * file names, and nothing else fires; the clean files: nothing fires. Plus: lint and the compiler
 * agree on which vectors are errors.
 */
class LinterTest {
    static final Path DIR = Path.of("src/test/resources/lint");

    static List<Diagnostic> lint(Dialect d, Set<Dialect> portable, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Linter(d, portable).lint(file.getFileName().toString(), in);
        }
    }

    static Set<String> expected(String name) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(DIR.resolve(name))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line.strip());
            }
        }
        return out;
    }

    static Set<String> got(List<Diagnostic> ds) {
        Set<String> out = new TreeSet<>();
        for (Diagnostic d : ds) {
            out.add(d.line() + ":" + d.column() + " " + d.code());
        }
        return out;
    }

    @Test
    void seededDefectsFireOnTheirLineAndColumnAndNothingElseFires() throws IOException {
        Set<LintCode> fired = EnumSet.noneOf(LintCode.class);
        record Case(String name, Dialect dialect, Set<Dialect> portable) {}
        for (Case c : List.of(new Case("seeded-tcp6", Dialect.TCP6, Set.of()),
                new Case("seeded-fefe", Dialect.FEFE, Set.of()),
                new Case("seeded-djb", Dialect.DJB, Linter.defaultPortableTo(Dialect.DJB)))) {
            List<Diagnostic> ds = lint(c.dialect(), c.portable(), DIR.resolve(c.name() + ".rules"));
            assertThat(got(ds)).as(c.name()).isEqualTo(expected(c.name() + ".expected"));
            for (Diagnostic d : ds) {
                fired.add(d.code());
                assertThat(d.message()).isNotBlank();
                assertThat(d.file()).isEqualTo(c.name() + ".rules");
            }
        }
        assertThat(fired).as("every lint code has a seeded defect").isEqualTo(EnumSet.allOf(LintCode.class));
    }

    @Test
    void cleanFilesAreClean() throws IOException {
        assertThat(lint(Dialect.TCP6, Linter.defaultPortableTo(Dialect.TCP6), DIR.resolve("clean-tcp6.rules"))).isEmpty();
        assertThat(lint(Dialect.DJB, Linter.defaultPortableTo(Dialect.DJB), DIR.resolve("clean-djb.rules"))).isEmpty();
        assertThat(lint(Dialect.FEFE, Set.of(), DIR.resolve("clean-djb.rules"))).isEmpty();
    }

    /** A vector the C tcprules rejected has an error on that line; one it accepted has none. */
    @Test
    void lintErrorsAgreeWithTheCompilerOnEveryVector() throws IOException {
        Path vectors = Path.of("src/test/resources/vectors");
        for (Dialect d : Dialect.values()) {
            List<Path> rules;
            try (Stream<Path> s = Files.list(vectors.resolve(d.id()))) {
                rules = s.filter(p -> p.toString().endsWith(".rules")).sorted().toList();
            }
            for (Path r : rules) {
                Path exit = Path.of(r.toString().replace(".rules", ".exit"));
                List<Diagnostic> errors = lint(d, Set.of(), r).stream().filter(x -> x.severity() == Severity.ERROR).toList();
                if (Files.exists(exit)) {
                    assertThat(errors).as("%s/%s was rejected by the C tcprules", d.id(), r.getFileName()).isNotEmpty();
                } else {
                    assertThat(errors).as("%s/%s was accepted by the C tcprules", d.id(), r.getFileName()).isEmpty();
                }
            }
        }
    }

    @Test
    void generatedFilesHaveNoErrors() throws IOException {
        for (Dialect d : Dialect.values()) {
            byte[] rules = RulesGenerator.generate(7, d.id(), 3000);
            List<Diagnostic> ds = new Linter(d, Set.of()).lint("gen", new ByteArrayInputStream(rules));
            assertThat(ds).filteredOn(x -> x.severity() == Severity.ERROR).as(d.id()).isEmpty();
        }
    }

    /** The per-line checks on pool threads, batch by batch, give what one thread gives, in the same order. */
    @Test
    void threadsChangeNothing() throws IOException {
        for (Dialect d : Dialect.values()) {
            byte[] rules = RulesGenerator.generate(11, d.id(), 20_000); // several batches
            Set<Dialect> portable = Linter.defaultPortableTo(d);
            List<Diagnostic> one = new Linter(d, portable, 1).lint("gen", new ByteArrayInputStream(rules));
            List<Diagnostic> three = new Linter(d, portable, 3).lint("gen", new ByteArrayInputStream(rules));
            assertThat(one).as(d.id()).hasSizeGreaterThan(1000);
            assertThat(three).as(d.id()).isEqualTo(one);
        }
    }

    /** docs/lint-codes.md lists every code with its severity and name. */
    @Test
    void everyCodeIsDocumented() throws IOException {
        String doc = Files.readString(Path.of("../docs/lint-codes.md"));
        for (LintCode c : LintCode.values()) {
            assertThat(doc).contains("| " + c + " | " + c.severity().id() + " | `" + c.title() + "` |");
        }
    }

    @Test
    void textReportHasTheEditorForm() throws IOException {
        List<Diagnostic> ds = List.of(new Diagnostic("r.txt", 3, 7, LintCode.TR010, "octet 256 is over 255", "octets are 0..255"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LintReport.text(List.of(new LintReport.FileResult("r.txt", ds)), out);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("r.txt:3:7: warning: octet 256 is over 255 [TR010]\n    hint: octets are 0..255\n");
    }

    @Test
    void jsonReportEscapesAndCounts() {
        List<Diagnostic> ds = List.of(new Diagnostic("a\"b", 1, 1, LintCode.TR001, "bad \"x\"\t", null));
        String json = Json.write(LintReport.json(Dialect.DJB, List.of(new LintReport.FileResult("a\"b", ds))));
        assertThat(json).contains("\"file\": \"a\\\"b\"", "\"message\": \"bad \\\"x\\\"\\t\"", "\"hint\": null", "\"errors\": 1");
    }

    /** The JSON report streams its diagnostics file after file, an empty file among them; UTF-8 and a final newline. */
    @Test
    void jsonReportOfSeveralFiles() throws IOException {
        List<LintReport.FileResult> results = List.of(
                new LintReport.FileResult("a", List.of(new Diagnostic("a", 1, 1, LintCode.TR030, "one \u00e9", null),
                        new Diagnostic("a", 2, 1, LintCode.TR033, "two \ud83d\ude00", "h"))),
                new LintReport.FileResult("b", List.of()),
                new LintReport.FileResult("c", List.of(new Diagnostic("c", 7, 3, LintCode.TR001, "three", null))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LintReport.write(LintReport.Format.JSON, Dialect.TCP6, results, out);
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(json).isEqualTo(Json.write(LintReport.json(Dialect.TCP6, results))).endsWith("}\n");
        String diagnostics = json.substring(json.indexOf("\"diagnostics\""));
        assertThat(java.util.regex.Pattern.compile("\"file\": \"(\\w)\"").matcher(diagnostics).results().map(m -> m.group(1)))
                .containsExactly("a", "a", "c");
        assertThat(diagnostics).contains("\"message\": \"one \u00e9\"", "\"message\": \"two \ud83d\ude00\"", "\"line\": 7");
    }

    /** Streamed out in chunks, a surrogate pair split by a chunk's end stays one character. */
    @Test
    void jsonStreamKeepsSurrogatePairsWhole() throws IOException {
        String s = "\ud83d\ude00".repeat(40_000); // after the opening quote, a pair ends the first 64K chunk half-way
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Json.write(s, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\"" + s + "\"\n");
    }

    /**
     * The overlap sweep against the obvious quadratic definition, on random networks written as
     * rules (exact addresses, dotted prefixes, CIDR networks in both halves of the IPv4 space, so
     * that the sweep runs in its parts) and linted as a file.
     */
    @Test
    void overlapSweepMatchesBruteForce() throws IOException {
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 30; round++) {
            StringBuilder rules = new StringBuilder();
            List<long[]> entries = new ArrayList<>(); // ip, len, tier, line, deny
            Set<String> keys = new java.util.HashSet<>();
            int n = 50 + random.nextInt(150);
            for (int i = 0; i < n; i++) {
                int tier = random.nextInt(3);
                int len = tier == 0 ? 32 : tier == 1 ? 8 * (1 + random.nextInt(3)) : 1 + random.nextInt(32);
                long half = random.nextBoolean() ? 0xC0000000L : 0x40000000L; // both halves of the address space
                long ip = (half | (random.nextInt(4) << 20) | random.nextInt(1 << 12) << 8 | random.nextInt(256))
                        & (0xffffffffL << (32 - len)) & 0xffffffffL;
                if (!keys.add(ip + "/" + len + "/" + tier)) {
                    continue; // a key's later lines are duplicates (TR030), which the overlaps leave out
                }
                boolean deny = random.nextBoolean();
                entries.add(new long[] {ip, len, tier, entries.size() + 1, deny ? 1 : 0});
                String address = switch (tier) {
                    case 0 -> DottedIpv4.text(ip);
                    case 1 -> DottedIpv4.prefixText(ip, len / 8);
                    default -> DottedIpv4.text(ip) + "/" + len;
                };
                rules.append(address).append(deny ? ":deny\n" : ":allow\n");
            }
            Set<String> got = new TreeSet<>();
            for (Diagnostic d : new Linter(Dialect.TCP6, Set.of()).lint("overlaps",
                    new ByteArrayInputStream(rules.toString().getBytes(StandardCharsets.US_ASCII)))) {
                if (d.code() == LintCode.TR031 || d.code() == LintCode.TR032) {
                    got.add(d.line() + " " + d.code());
                }
            }
            Set<String> want = new TreeSet<>();
            for (long[] r : entries) {
                long[] best = null;
                for (long[] e : entries) {
                    // equal networks: only an earlier tier counts (a later one is shadowed, reported on its own line)
                    boolean contains = e != r && (e[1] < r[1] || e[1] == r[1] && e[2] < r[2]) && (e[1] == 0 || r[0] >>> (32 - e[1]) == e[0] >>> (32 - e[1]));
                    if (contains && (best == null || e[2] < best[2] || e[2] == best[2] && e[1] > best[1])) {
                        best = e;
                    }
                }
                if (best != null && best[2] < r[2]) {
                    want.add(r[3] + " TR031");
                } else if (best != null && best[4] != r[4]) {
                    want.add(r[3] + " TR032");
                }
            }
            assertThat(got).as("round %d", round).isEqualTo(want);
        }
    }
}
