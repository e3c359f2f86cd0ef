package org.ucspi4j.cli;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ucspi4j.cdb.CdbReader;
import org.ucspi4j.cdb.CdbText;
import org.ucspi4j.cdb.CdbWriter;
import org.ucspi4j.cli.Proc.Run;
import org.ucspi4j.cli.RecordSets.Key;

/**
 * One set of 1.5 million records, written once as text and once through CdbWriter in this JVM, then by
 * our cdbmake, freecdb's and tinycdb's: four files that must be identical. Sized to take seconds:
 * the files live on tmpfs when there is one.
 */
class CdbMillionIT {
    static final int RECORDS = 1_500_000;

    @BeforeAll
    static void tools() {
        Proc.requireCTools();
    }

    @Test
    void onePointFiveMillionRecordsWriteTheSameBytesEverywhere() throws Exception {
        Path dir = scratch();
        try {
            long seed = RecordSets.seed("million");
            System.out.println("record set million (" + RECORDS + " records, seed " + seed + "); base seed "
                    + RecordSets.BASE_SEED + ", replay with -D" + RecordSets.SEED_PROPERTY + "=" + RecordSets.BASE_SEED);
            long start = System.nanoTime();
            Map<Key, List<byte[]>> sample = generate(seed, dir.resolve("in.txt"), dir.resolve("writer.cdb"));
            long generated = System.nanoTime();

            CompletableFuture<Run> ours = CompletableFuture.supplyAsync(
                    () -> Proc.run(dir, dir.resolve("in.txt"), Proc.ours("cdbmake"), "ours.cdb", "ours.tmp"));
            Run free = Proc.run(dir, dir.resolve("in.txt"), "cdbmake", "free.cdb", "free.tmp");
            Run tiny = Proc.run(dir, null, "cdb", "-c", "-t", "tiny.tmp", "tiny.cdb", "in.txt");
            Run empty = new Run(0, new byte[0], "");
            assertThat(ours.get()).as("our cdbmake").isEqualTo(empty);
            assertThat(free).as("freecdb cdbmake").isEqualTo(empty);
            assertThat(tiny).as("tinycdb cdb -c").isEqualTo(empty);
            long written = System.nanoTime();

            Path reference = dir.resolve("free.cdb");
            for (String name : List.of("writer.cdb", "ours.cdb", "tiny.cdb")) {
                assertThat(Files.mismatch(dir.resolve(name), reference)).as("%s vs free.cdb: first differing byte", name)
                        .isEqualTo(-1L);
            }

            try (CdbReader reader = CdbReader.open(reference)) {
                assertThat(reader.recordCount()).isEqualTo(RECORDS);
                for (Map.Entry<Key, List<byte[]>> e : sample.entrySet()) {
                    assertThat(reader.findAll(e.getKey().bytes())).containsExactlyElementsOf(e.getValue());
                }
            }
            byte[] key = sample.keySet().iterator().next().bytes();
            String k = new String(key, ISO_8859_1);
            Proc.assertSameRun("cdbget on the big file", Proc.run(dir, reference, Proc.ours("cdbget"), k),
                    Proc.run(dir, reference, "cdbget", k));
            long checked = System.nanoTime();
            System.out.printf("million: generated in %d ms, three writers in %d ms, compared and checked in %d ms%n",
                    (generated - start) / 1_000_000, (written - generated) / 1_000_000, (checked - written) / 1_000_000);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** tmpfs if the machine has it: four 90 MB files are written and fsynced. */
    private static Path scratch() throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return Files.createTempDirectory(shm, "ucspi4j-million");
        }
        return Files.createTempDirectory("ucspi4j-million");
    }

    /**
     * Streams the records to the text file and to CdbWriter. Keys are unique except every 97th record,
     * which repeats the key of the record 13 before it. Returns the expected values of a sample of keys.
     */
    private static Map<Key, List<byte[]>> generate(long seed, Path text, Path cdb) throws IOException {
        Random random = new Random(seed);
        Map<Key, List<byte[]>> sample = new LinkedHashMap<>();
        byte[][] recent = new byte[13][];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(text), 1 << 16);
                CdbWriter writer = CdbWriter.create(cdb, cdb.resolveSibling("writer.tmp"))) {
            for (int i = 0; i < RECORDS; i++) {
                boolean repeat = i % 97 == 0 && i >= 13;
                byte[] key = repeat
                        ? recent[i % 13]
                        : concat(("k" + Integer.toString(i, 36) + ".").getBytes(ISO_8859_1),
                                RecordSets.printable(random, random.nextInt(12)));
                recent[i % 13] = key;
                byte[] data = random.nextInt(50) == 0
                        ? RecordSets.awkward(random, random.nextInt(200))
                        : RecordSets.printable(random, random.nextInt(40));
                CdbText.write(out, key, data);
                writer.add(key, data);
                Key k = new Key(key);
                if (!repeat && i % 1499 == 0 || sample.containsKey(k)) {
                    sample.computeIfAbsent(k, x -> new ArrayList<>()).add(data);
                }
            }
            CdbText.end(out);
            writer.commit();
        }
        return sample;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
