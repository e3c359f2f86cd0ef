package org.ucspi4j.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ucspi4j.cdb.CdbText;

/**
 * The benchmark data set: by default 1.5 million records from a fixed seed, keys
 * {@code k<index in base 36>.<0-12 random letters or digits>} (unique), values 0-40 random letters or
 * digits. Keys and values stay in [a-z0-9.] so scripts can pass them on command lines unquoted.
 *
 * <p>{@code java -cp benchmarks.jar org.ucspi4j.bench.DataSet FILE [RECORDS [SEED]]} writes it as
 * cdbmake text, which is how bench/cdb-vs-tinycdb.sh hands the same records to every tool.
 */
public final class DataSet {
    private DataSet() {}

    public static final int RECORDS = 1_500_000;
    public static final long SEED = 20261126L;

    private static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".getBytes(StandardCharsets.US_ASCII);

    /** Keys and values, index for index. */
    public record Records(byte[][] keys, byte[][] values) {
        public int size() {
            return keys.length;
        }
    }

    public static Records generate(int records, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] keys = new byte[records][];
        byte[][] values = new byte[records][];
        for (int i = 0; i < records; i++) {
            byte[] prefix = ("k" + Integer.toString(i, 36) + ".").getBytes(StandardCharsets.US_ASCII);
            byte[] key = java.util.Arrays.copyOf(prefix, prefix.length + random.nextInt(13));
            fill(random, key, prefix.length);
            keys[i] = key;
            values[i] = fill(random, new byte[random.nextInt(41)], 0);
        }
        return new Records(keys, values);
    }

    /** Keys that are not in any generated set: they start with "m". */
    public static byte[][] misses(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5deece66dL);
        byte[][] keys = new byte[count][];
        for (int i = 0; i < count; i++) {
            byte[] prefix = ("m" + Integer.toString(i, 36) + ".").getBytes(StandardCharsets.US_ASCII);
            keys[i] = fill(random, java.util.Arrays.copyOf(prefix, prefix.length + random.nextInt(13)), prefix.length);
        }
        return keys;
    }

    /** The records of a cdbmake text file (e.g. one written by {@link #main}). */
    public static Records read(Path text) throws IOException {
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        try (InputStream in = Files.newInputStream(text)) {
            CdbText.read(in, (k, v) -> {
                keys.add(k);
                values.add(v);
            });
        }
        return new Records(keys.toArray(byte[][]::new), values.toArray(byte[][]::new));
    }

    /** {@code textFile} if named, else the generated default set. */
    public static Records load(String textFile) throws IOException {
        return textFile == null || textFile.isEmpty() ? generate(RECORDS, SEED) : read(Path.of(textFile));
    }

    /** A scratch directory for benchmark files: tmpfs when there is one, so disks do not set the pace. */
    public static Path scratch() throws IOException {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "ucspi4j-bench")
                : Files.createTempDirectory("ucspi4j-bench");
    }

    public static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static byte[] fill(SplittableRandom random, byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            b[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return b;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: DataSet FILE [RECORDS [SEED]]");
            System.exit(100);
        }
        int records = args.length > 1 ? Integer.parseInt(args[1]) : RECORDS;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : SEED;
        Records set = generate(records, seed);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[0])), 1 << 16)) {
            for (int i = 0; i < set.size(); i++) {
                CdbText.write(out, set.keys()[i], set.values()[i]);
            }
            CdbText.end(out);
        }
    }
}
