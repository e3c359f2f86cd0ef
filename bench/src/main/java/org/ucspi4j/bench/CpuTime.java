package org.ucspi4j.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.ucspi4j.cdb.CdbReader;
import org.ucspi4j.cdb.CdbText;
import org.ucspi4j.cdb.CdbWriter;

/**
 * The JMH benchmarks' work, timed in this thread's CPU time (user + system) instead of wall time: on a
 * machine busy with other jobs, wall time measures the queue for the CPU, CPU time still measures the
 * work. Medians of several runs after warm-up; same data set as the benchmarks.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar org.ucspi4j.bench.CpuTime [TEXT_FILE]}
 */
public final class CpuTime {
    private CpuTime() {}

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws IOException {
        DataSet.Records records = DataSet.load(args.length > 0 ? args[0] : "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < records.size(); i++) {
            CdbText.write(out, records.keys()[i], records.values()[i]);
        }
        CdbText.end(out);
        byte[] text = out.toByteArray();
        Path dir = DataSet.scratch();
        try {
            Path cdb = dir.resolve("cpu.cdb");
            long[] write = new long[9];
            long[] textToCdb = new long[9];
            for (int run = 0; run < write.length; run++) {
                long start = THREADS.getCurrentThreadCpuTime();
                try (CdbWriter writer = CdbWriter.create(cdb, dir.resolve("cpu.tmp"))) {
                    for (int i = 0; i < records.size(); i++) {
                        writer.add(records.keys()[i], records.values()[i]);
                    }
                    writer.commit();
                }
                write[run] = THREADS.getCurrentThreadCpuTime() - start;
                start = THREADS.getCurrentThreadCpuTime();
                try (CdbWriter writer = CdbWriter.create(cdb, dir.resolve("cpu.tmp"))) {
                    CdbText.readSlices(new ByteArrayInputStream(text),
                            (b, keyOffset, keyLength, dataOffset, dataLength) ->
                                    writer.add(b, keyOffset, keyLength, b, dataOffset, dataLength));
                    writer.commit();
                }
                textToCdb[run] = THREADS.getCurrentThreadCpuTime() - start;
            }
            System.out.printf("CdbWriter, %d records in memory: median %.1f ms CPU%n", records.size(), median(write, 3) / 1e6);
            System.out.printf("cdbmake text in memory to cdb: median %.1f ms CPU%n", median(textToCdb, 3) / 1e6);

            long opened = THREADS.getCurrentThreadCpuTime();
            try (CdbReader reader = CdbReader.open(cdb)) {
                System.out.printf("CdbReader.open (checks the whole file): %.1f ms CPU%n",
                        (THREADS.getCurrentThreadCpuTime() - opened) / 1e6);
                byte[][] hits = records.keys().clone();
                SplittableRandom random = new SplittableRandom(DataSet.SEED);
                for (int i = hits.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    byte[] t = hits[i];
                    hits[i] = hits[j];
                    hits[j] = t;
                }
                byte[][] misses = DataSet.misses(hits.length, DataSet.SEED);
                long[] hit = new long[9];
                long[] miss = new long[9];
                long sink = 0;
                for (int run = 0; run < hit.length; run++) {
                    long start = THREADS.getCurrentThreadCpuTime();
                    for (byte[] key : hits) {
                        sink += reader.find(key).orElseThrow().length;
                    }
                    hit[run] = (THREADS.getCurrentThreadCpuTime() - start) / hits.length;
                    start = THREADS.getCurrentThreadCpuTime();
                    for (byte[] key : misses) {
                        sink += reader.find(key).isPresent() ? 1 : 0;
                    }
                    miss[run] = (THREADS.getCurrentThreadCpuTime() - start) / misses.length;
                }
                System.out.printf("CdbReader.find, hit: median %d ns CPU per lookup; miss: %d ns (%d)%n",
                        median(hit, 3), median(miss, 3), sink % 2);
            }
        } finally {
            DataSet.deleteTree(dir);
        }
    }

    /** The median of the runs after the first {@code warmUp}. */
    private static long median(long[] runs, int warmUp) {
        long[] measured = Arrays.copyOfRange(runs, warmUp, runs.length);
        Arrays.sort(measured);
        return measured[measured.length / 2];
    }
}
