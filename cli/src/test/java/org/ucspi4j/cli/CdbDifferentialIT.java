package org.ucspi4j.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ucspi4j.cdb.CdbReader;
import org.ucspi4j.cdb.CdbRecord;
import org.ucspi4j.cdb.CdbWriter;
import org.ucspi4j.cli.Proc.Run;
import org.ucspi4j.cli.RecordSets.Key;
import org.ucspi4j.cli.RecordSets.RecordSet;

/**
 * Our cdb library and commands against tinycdb and freecdb on generated record sets: the files they
 * write, byte for byte; dumps; statistics; lookups. freecdb's cdbmake output is the reference file.
 */
@Execution(ExecutionMode.CONCURRENT)
class CdbDifferentialIT {
    @BeforeAll
    static void tools() {
        Proc.requireCTools();
    }

    static List<RecordSet> sets() {
        return RecordSets.all();
    }

    /** Writes the set's text to in.txt and builds reference.cdb from it with freecdb's cdbmake. */
    private static Path reference(RecordSet set, Path dir) throws IOException {
        Files.write(dir.resolve("in.txt"), set.text());
        Run made = Proc.run(dir, dir.resolve("in.txt"), "cdbmake", "reference.cdb", "reference.tmp");
        assertThat(made.exit()).as("freecdb cdbmake: %s", made).isZero();
        return dir.resolve("reference.cdb");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void everyWriterWritesTheSameBytes(RecordSet set, @TempDir Path dir) throws IOException {
        byte[] expected = Files.readAllBytes(reference(set, dir));

        try (CdbWriter w = CdbWriter.create(dir.resolve("writer.cdb"), dir.resolve("writer.tmp"))) {
            for (CdbRecord r : set.records()) {
                w.add(r.key(), r.data());
            }
            w.commit();
        }
        Run ours = Proc.run(dir, dir.resolve("in.txt"), Proc.ours("cdbmake"), "ours.cdb", "ours.tmp");
        Run tiny = Proc.run(dir, null, "cdb", "-c", "-t", "tinycdb.tmp", "tinycdb.cdb", "in.txt");

        assertThat(ours).as("our cdbmake").isEqualTo(new Run(0, new byte[0], ""));
        assertThat(tiny).as("tinycdb cdb -c").isEqualTo(new Run(0, new byte[0], ""));
        Bytes.assertSame("CdbWriter vs freecdb cdbmake", Files.readAllBytes(dir.resolve("writer.cdb")), expected);
        Bytes.assertSame("our cdbmake vs freecdb cdbmake", Files.readAllBytes(dir.resolve("ours.cdb")), expected);
        Bytes.assertSame("tinycdb cdb -c vs freecdb cdbmake", Files.readAllBytes(dir.resolve("tinycdb.cdb")), expected);
        assertThat(dir.resolve("writer.tmp")).doesNotExist();
        assertThat(dir.resolve("ours.tmp")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void dumpsAreTheInputText(RecordSet set, @TempDir Path dir) throws IOException {
        Path cdb = reference(set, dir);
        byte[] text = set.text();

        Run free = Proc.run(dir, cdb, "cdbdump");
        Run tiny = Proc.run(dir, null, "cdb", "-d", "reference.cdb");
        Run ours = Proc.run(dir, cdb, Proc.ours("cdbdump"));

        assertThat(free.exit()).isZero();
        Bytes.assertSame("freecdb cdbdump vs the input", free.out(), text);
        Bytes.assertSame("tinycdb cdb -d vs the input", tiny.out(), text);
        Proc.assertSameRun("our cdbdump vs freecdb cdbdump", ours, free);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void statisticsMatchFreecdb(RecordSet set, @TempDir Path dir) throws IOException {
        Path cdb = reference(set, dir);
        Run free = Proc.run(dir, cdb, "cdbstats");
        Proc.assertSameRun("cdbstats", Proc.run(dir, cdb, Proc.ours("cdbstats")), free);
        if (set.name().equals("collisions")) { // the set is built to make probe chains longer than 9
            java.util.regex.Matcher over9 = java.util.regex.Pattern.compile("(?m)^>9 +(\\d+)$").matcher(free.outText());
            assertThat(over9.find()).isTrue();
            assertThat(Long.parseLong(over9.group(1))).as("records more than 9 slots from their start").isPositive();
        }
    }

    /** Every key through CdbReader against the model; a sample against the C tools; a few through our cdbget. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void lookupsMatch(RecordSet set, @TempDir Path dir) throws IOException {
        Path cdb = reference(set, dir);
        Map<Key, List<byte[]>> model = set.byKey();
        Random random = new Random(set.seed());
        try (CdbReader reader = CdbReader.open(cdb)) {
            assertThat(reader.recordCount()).isEqualTo(set.records().size());
            List<CdbRecord> iterated = new ArrayList<>();
            reader.forEach(iterated::add);
            assertThat(iterated).isEqualTo(set.records());
            for (Map.Entry<Key, List<byte[]>> e : model.entrySet()) {
                byte[] key = e.getKey().bytes();
                List<byte[]> values = e.getValue();
                assertThat(reader.findAll(key)).as("findAll").containsExactlyElementsOf(values);
                for (int i = 0; i <= values.size(); i++) {
                    assertThat(reader.find(key, i).orElse(null)).as("find skip %d", i)
                            .isEqualTo(i < values.size() ? values.get(i) : null);
                }
            }
            for (int i = 0; i < 50; i++) {
                byte[] missing = RecordSets.awkward(random, 1 + random.nextInt(20));
                if (!model.containsKey(new Key(missing))) {
                    assertThat(reader.find(missing)).isEmpty();
                }
            }

            List<byte[]> sample = sample(model, random);
            for (byte[] key : sample) {
                List<byte[]> values = model.getOrDefault(new Key(key), List.of());
                for (long skip : new long[] {0, Math.max(0, values.size() - 1), values.size()}) {
                    Run free = Proc.run(dir, cdb, "cdbget".getBytes(US_ASCII), key, Long.toString(skip).getBytes(US_ASCII));
                    assertThat(free).as("freecdb cdbget skip %d", skip).isEqualTo(
                            reader.find(key, skip).map(v -> new Run(0, v, "")).orElse(new Run(100, new byte[0], "")));
                }
                Run tinyAll = Proc.run(dir, null, "cdb".getBytes(US_ASCII), "-q".getBytes(US_ASCII),
                        "--".getBytes(US_ASCII), "reference.cdb".getBytes(US_ASCII), key);
                assertThat(tinyAll).as("tinycdb cdb -q").isEqualTo(values.isEmpty()
                        ? new Run(100, new byte[0], "") : new Run(0, concat(values, false), ""));
            }

            // Our cdbget itself, on the most repeated key: freecdb's form and tinycdb's options (-m on the
            // random set only: it is one more newline).
            if (!sample.isEmpty()) {
                byte[] key = sample.get(0);
                int n = model.getOrDefault(new Key(key), List.of()).size();
                String skip = Integer.toString(Math.max(0, n - 1));
                Proc.assertSameRun("cdbget key skip",
                        Proc.run(dir, cdb, bytes(Proc.ours("cdbget")), key, bytes(skip)),
                        Proc.run(dir, cdb, bytes("cdbget"), key, bytes(skip)));
                Proc.assertSameRun("cdbget -a vs cdb -q",
                        Proc.run(dir, cdb, bytes(Proc.ours("cdbget")), bytes("-a"), bytes("--"), key),
                        Proc.run(dir, null, bytes("cdb"), bytes("-q"), bytes("--"), bytes("reference.cdb"), key));
                String nth = Integer.toString(Math.max(1, n));
                Proc.assertSameRun("cdbget -n vs cdb -q -n",
                        Proc.run(dir, cdb, bytes(Proc.ours("cdbget")), bytes("-n"), bytes(nth), bytes("--"), key),
                        Proc.run(dir, null, bytes("cdb"), bytes("-q"), bytes("-n"), bytes(nth), bytes("--"),
                                bytes("reference.cdb"), key));
                // A key with bytes over 0x7f, control bytes or newlines, if the set has one: our argv
                // must reach the lookup byte for byte.
                for (byte[] awkward : sample) {
                    if (!plain(awkward)) {
                        Proc.assertSameRun("cdbget with an awkward key",
                                Proc.run(dir, cdb, bytes(Proc.ours("cdbget")), awkward),
                                Proc.run(dir, cdb, bytes("cdbget"), awkward));
                        break;
                    }
                }
                if (set.name().equals("random")) {
                    Proc.assertSameRun("cdbget -m vs cdb -q -m",
                            Proc.run(dir, cdb, bytes(Proc.ours("cdbget")), bytes("-m"), bytes("--"), key),
                            Proc.run(dir, null, bytes("cdb"), bytes("-q"), bytes("-m"), bytes("--"),
                                    bytes("reference.cdb"), key));
                }
            }
            if (model.containsKey(new Key(new byte[0]))) {
                // freecdb's cdbget refuses an empty key; tinycdb's query and our -a / -n do not.
                Proc.assertSameRun("cdbget -a '' vs cdb -q ''",
                        Proc.run(dir, cdb, Proc.ours("cdbget"), "-a", "--", ""),
                        Proc.run(dir, null, "cdb", "-q", "--", "reference.cdb", ""));
                Proc.assertSameRun("cdbget -n 2 '' vs cdb -q -n 2 ''",
                        Proc.run(dir, cdb, Proc.ours("cdbget"), "-n", "2", "--", ""),
                        Proc.run(dir, null, "cdb", "-q", "-n", "2", "--", "reference.cdb", ""));
            }
        }
    }

    /**
     * Keys to query through argv (no NUL, not empty): the most repeated key first, then a missing key,
     * then random ones, preferring keys with high bytes or newlines.
     */
    private static List<byte[]> sample(Map<Key, List<byte[]>> model, Random random) {
        List<byte[]> usable = new ArrayList<>();
        byte[] mostRepeated = null;
        int most = 0;
        for (Map.Entry<Key, List<byte[]>> e : model.entrySet()) {
            byte[] k = e.getKey().bytes();
            if (k.length > 0 && indexOf(k, (byte) 0) < 0) {
                usable.add(k);
                if (e.getValue().size() > most) {
                    most = e.getValue().size();
                    mostRepeated = k;
                }
            }
        }
        List<byte[]> sample = new ArrayList<>();
        if (mostRepeated != null) {
            sample.add(mostRepeated);
        }
        sample.add(("not-there-" + random.nextInt(1000)).getBytes(US_ASCII));
        java.util.Collections.shuffle(usable, random);
        usable.sort((a, b) -> Boolean.compare(plain(a), plain(b))); // awkward keys first, order kept otherwise
        sample.addAll(usable.subList(0, Math.min(12, usable.size())));
        return sample;
    }

    private static boolean plain(byte[] key) {
        for (byte b : key) {
            if (b < 0x21 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(List<byte[]> values, boolean newlines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] v : values) {
            out.writeBytes(v);
            if (newlines) {
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
