package org.ucspi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.rules.generator.RulesGenerator;

/**
 * Differential tests: Debian's C tcprules and tcprulescheck (ucspi-tcp = djb, ucspi-tcp-ipv6 = fefe)
 * against ours, on files from {@link RulesGenerator}. The seed is random per run and logged; set
 * {@code -Ducspi4j.diff.seed=N} to replay one, {@code -Ducspi4j.diff.scale=K} for K times the work.
 *
 * <ul>
 * <li>Generated files of thousands of lines through both tools, ours through the real launcher
 * ({@code bin/tcprules --dialect=...}): same exit code, stdout and stderr; byte-identical cdb when
 * accepted; no rules.cdb from us when rejected. fefe's C tool always runs under a timeout.</li>
 * <li>For each accepted file, 400 tcprulescheck queries (from the file's own keys plus
 * misses): the C tool in a bash loop against our command class in-process, and a sample through
 * our launcher.</li>
 * <li>Hundreds of small files with invalid lines: the C tool against our command in-process.</li>
 * </ul>
 * Failing inputs are kept under {@code target/differential-failures/}.
 */
class TcpRulesDifferentialIT {
    private static final long SEED = Long.getLong("ucspi4j.diff.seed", System.nanoTime() & 0xffff_ffffL);
    private static final int SCALE = Integer.getInteger("ucspi4j.diff.scale", 1);
    private static final long C_TIMEOUT = 20;

    @TempDir
    Path dir;

    @BeforeAll
    static void referenceTools() {
        System.out.println("TcpRulesDifferentialIT seed " + SEED + " (replay: -Ducspi4j.diff.seed=" + SEED + ")");
        for (String variant : List.of("djb", "fefe")) {
            CTools.tool(variant, "tcprules");
            CTools.tool(variant, "tcprulescheck");
        }
    }

    private static String variant(Dialect d) {
        return d.id();
    }

    // ---- big files through the launcher ----

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"DJB", "FEFE"})
    void generatedFilesThroughTheLauncher(Dialect d) throws Exception {
        Random rnd = new Random(SEED ^ d.ordinal());
        List<String> problems = new ArrayList<>();
        long lines = 0;
        long queries = 0;
        int files = 4 * SCALE;
        for (int f = 0; f < files; f++) {
            long seed = rnd.nextLong();
            // Two clean files, then files where an invalid line comes somewhere among thousands.
            double invalidRate = f % 4 < 2 ? 0 : f % 4 == 2 ? 0.0004 : 0.002;
            int count = 3000 + rnd.nextInt(3000);
            byte[] rules = new RulesGenerator(d, seed, invalidRate).file(count);
            lines += count;
            Path work = Files.createDirectories(dir.resolve(d.id() + "-big-" + f));
            Path input = work.resolve("input.rules");
            Files.write(input, rules);
            Path cDir = Files.createDirectories(work.resolve("c"));
            Path jDir = Files.createDirectories(work.resolve("j"));
            CTools.Run c = CTools.run(List.of(CTools.tool(variant(d), "tcprules").toString(), "rules.cdb", "rules.tmp"),
                    cDir, input, Map.of(), C_TIMEOUT);
            assertThat(c.timedOut()).as(() -> "C " + d.id() + " tcprules hung on a generated file (generator seed "
                    + seed + "): kept as " + keep(input, d, "hang-" + seed)).isFalse();
            Map<String, String> env = new HashMap<>();
            CTools.launcherEnvironment(env);
            CTools.Run ours = CTools.run(List.of(CTools.launcher("tcprules").toString(), "--dialect=" + d.id(),
                    "rules.cdb", "rules.tmp"), jDir, input, env, 120);
            String where = d.id() + " file " + f + " (generator seed " + seed + ", " + count + " lines, invalid rate "
                    + invalidRate + ")";
            List<String> diff = compareTcprules(c, ours, cDir, jDir);
            if (!diff.isEmpty()) {
                problems.add(where + ": " + diff + "; input kept as " + keep(input, d, "big-" + seed));
                continue;
            }
            if (invalidRate == 0) {
                assertThat(c.exit()).as("the generator's clean file is accepted by C tcprules: %s, stderr %s", where,
                        new String(c.stderr(), StandardCharsets.ISO_8859_1)).isZero();
            }
            if (c.exit() == 0) {
                queries += compareQueries(d, cDir.resolve("rules.cdb"), new Random(seed), work, problems, where);
            }
        }
        System.out.printf("%s: %d files, %d lines, %d tcprulescheck queries compared%n", d.id(), files, lines, queries);
        assertThat(problems).as("differences from the C tools, seed %d", SEED).isEmpty();
    }

    private static List<String> compareTcprules(CTools.Run c, CTools.Run ours, Path cDir, Path jDir) throws IOException {
        List<String> diff = new ArrayList<>();
        if (ours.timedOut()) {
            diff.add("ours timed out");
        }
        if (c.exit() != ours.exit()) {
            diff.add("exit C " + c.exit() + " ours " + ours.exit());
        }
        if (!Arrays.equals(c.stdout(), ours.stdout())) {
            diff.add("stdout C " + text(c.stdout()) + " ours " + text(ours.stdout()));
        }
        if (!Arrays.equals(c.stderr(), ours.stderr())) {
            diff.add("stderr C " + text(c.stderr()) + " ours " + text(ours.stderr()));
        }
        Path cCdb = cDir.resolve("rules.cdb");
        Path jCdb = jDir.resolve("rules.cdb");
        if (c.exit() == 0 && ours.exit() == 0) {
            if (!Arrays.equals(Files.readAllBytes(cCdb), Files.readAllBytes(jCdb))) {
                diff.add("cdb bytes differ (C " + Files.size(cCdb) + " bytes, ours " + Files.size(jCdb) + ")");
            }
        } else if (ours.exit() != 0 && Files.exists(jCdb)) {
            diff.add("ours failed but wrote rules.cdb");
        }
        return diff;
    }

    /** Queries from the cdb's keys: all in-process against the C tool, a few through our launcher. */
    private long compareQueries(Dialect d, Path cdb, Random rnd, Path work, List<String> problems, String where)
            throws Exception {
        List<CheckQueries.Query> queries = CheckQueries.derive(cdb, d, rnd, 400 * SCALE);
        List<CheckQueries.Answer> c = CheckQueries.runScript(
                List.of(CTools.tool(variant(d), "tcprulescheck").toString()), cdb, queries, work, Map.of(), 300);
        int shown = 0;
        for (int i = 0; i < queries.size(); i++) {
            CheckQueries.Answer ours = CheckQueries.inProcess(d, cdb, queries.get(i));
            if (!ours.sameAs(c.get(i)) && shown++ < 10) {
                problems.add(where + ", query " + queries.get(i) + ": C " + c.get(i).text() + ", ours " + ours.text());
            }
        }
        // A sample through the real launcher: every process start costs a JVM.
        List<CheckQueries.Query> sample = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sample.add(queries.get(rnd.nextInt(queries.size())));
        }
        Map<String, String> env = new HashMap<>();
        CTools.launcherEnvironment(env);
        List<CheckQueries.Answer> viaLauncher = CheckQueries.runScript(
                List.of(CTools.launcher("tcprulescheck").toString(), "--dialect=" + d.id()), cdb, sample, work, env, 120);
        for (int i = 0; i < sample.size(); i++) {
            CheckQueries.Answer expected = c.get(queries.indexOf(sample.get(i)));
            if (!viaLauncher.get(i).sameAs(expected)) {
                problems.add(where + ", query " + sample.get(i) + " through bin/tcprulescheck: C " + expected.text()
                        + ", ours " + viaLauncher.get(i).text());
            }
        }
        return queries.size() + sample.size();
    }

    // ---- many small files, ours in-process ----

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"DJB", "FEFE"})
    void smallFilesWithInvalidLines(Dialect d) throws Exception {
        Random rnd = new Random(SEED * 31 + d.ordinal());
        Path cDir = Files.createDirectories(dir.resolve(d.id() + "-small-c"));
        Path jDir = Files.createDirectories(dir.resolve(d.id() + "-small-j"));
        Path input = dir.resolve(d.id() + "-small.rules");
        List<String> problems = new ArrayList<>();
        int files = 300 * SCALE;
        long lines = 0;
        int rejected = 0;
        for (int f = 0; f < files; f++) {
            long seed = rnd.nextLong();
            int count = 5 + rnd.nextInt(40);
            lines += count;
            byte[] rules = new RulesGenerator(d, seed, 0.03).file(count);
            Files.write(input, rules);
            Files.deleteIfExists(cDir.resolve("rules.cdb"));
            Files.deleteIfExists(cDir.resolve("rules.tmp"));
            Files.deleteIfExists(jDir.resolve("rules.cdb"));
            CTools.Run c = CTools.run(List.of(CTools.tool(variant(d), "tcprules").toString(), "rules.cdb", "rules.tmp"),
                    cDir, input, Map.of(), C_TIMEOUT);
            assertThat(c.timedOut()).as(() -> "C " + d.id() + " tcprules hung on a generated file (generator seed "
                    + seed + "): kept as " + keep(input, d, "hang-" + seed)).isFalse();
            CTools.Run ours = inProcessTcprules(d, rules, jDir);
            rejected += c.exit() == 0 ? 0 : 1;
            List<String> diff = compareTcprules(c, ours, cDir, jDir);
            if (!diff.isEmpty()) {
                problems.add(d.id() + " small file (generator seed " + seed + "): " + diff + "; input kept as "
                        + keep(input, d, "small-" + seed));
            }
        }
        System.out.printf("%s: %d small files, %d lines, %d rejected by C tcprules%n", d.id(), files, lines, rejected);
        assertThat(rejected).as("the generator writes invalid lines").isGreaterThan(files / 10);
        assertThat(problems).as("differences from the C tools, seed %d", SEED).isEmpty();
    }

    private static CTools.Run inProcessTcprules(Dialect d, byte[] rules, Path jDir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.ISO_8859_1);
        Io io = new Io(new ByteArrayInputStream(rules), out, errStream, Map.of());
        int exit = Main.run(io, "tcprules", "--dialect=" + d.id(), jDir.resolve("rules.cdb").toString(),
                jDir.resolve("rules.tmp").toString());
        errStream.flush();
        return new CTools.Run(exit, out.toByteArray(), err.toByteArray(), false);
    }

    // ---- fefe's endless loop: an error here ----

    @Test
    void linesThatHangFefeAreErrorsThroughTheLauncher() throws Exception {
        RulesGenerator g = new RulesGenerator(Dialect.FEFE, SEED, 0);
        byte[] good = RulesGenerator.validFile(Dialect.FEFE, SEED, 50);
        byte[] hang = g.fefeHangLine();
        Path input = dir.resolve("hang.rules");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(good);
        if (good.length > 0 && good[good.length - 1] != '\n') {
            file.write('\n');
        }
        file.writeBytes(hang);
        Files.write(input, file.toByteArray());
        Map<String, String> env = new HashMap<>();
        CTools.launcherEnvironment(env);
        CTools.Run ours = CTools.run(List.of(CTools.launcher("tcprules").toString(), "--dialect=fefe", "rules.cdb",
                "rules.tmp"), dir, input, env, 120);
        int end = hang.length - 1;
        while (end > 0 && (hang[end - 1] == ' ' || hang[end - 1] == '\t')) {
            end--;
        }
        assertThat(ours.exit()).as("fefe hang line %s", text(hang)).isEqualTo(100);
        assertThat(text(ours.stderr())).isEqualTo(text(("tcprules: fatal: unable to parse this line: "
                + new String(hang, 0, end, StandardCharsets.ISO_8859_1) + "\n").getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(dir.resolve("rules.cdb")).doesNotExist();
        assertThat(dir.resolve("rules.tmp")).doesNotExist();
    }

    // ---- helpers ----

    private static String text(byte[] b) {
        return CheckQueries.show(new String(b, StandardCharsets.ISO_8859_1));
    }

    /** Copies a failing input where a developer finds it after the run. */
    private static Path keep(Path input, Dialect d, String name) {
        try {
            Path kept = Path.of("target", "differential-failures", d.id() + "-" + name + ".rules").toAbsolutePath();
            Files.createDirectories(kept.getParent());
            Files.copy(input, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return kept;
        } catch (IOException e) {
            return input;
        }
    }
}
