package org.ucspi4j.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.ucspi4j.cdb.CdbReader;
import org.ucspi4j.cdb.CdbWriter;

/**
 * Lookups in a 1.5-million-record cdb through {@link CdbReader#find}: hits (every key of the set, in a
 * shuffled order, so most lookups miss the CPU caches as real ones do) and misses. Each invocation is
 * a batch of {@value #BATCH} lookups; in sample mode JMH divides by the batch, so p0.50 is the median
 * time per lookup. Goal: under 1 µs.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(CdbLookupBenchmark.BATCH)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CdbLookupBenchmark {
    static final int BATCH = 1024;

    /** A cdbmake text file to take the records from; empty: {@link DataSet}'s default set. */
    @Param("")
    public String textFile;

    private Path dir;
    private CdbReader reader;
    private byte[][] hits;
    private byte[][] misses;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        DataSet.Records records = DataSet.load(textFile);
        dir = DataSet.scratch();
        Path cdb = dir.resolve("lookup.cdb");
        try (CdbWriter writer = CdbWriter.create(cdb, dir.resolve("lookup.tmp"))) {
            for (int i = 0; i < records.size(); i++) {
                writer.add(records.keys()[i], records.values()[i]);
            }
            writer.commit();
        }
        reader = CdbReader.open(cdb);
        hits = records.keys().clone();
        SplittableRandom random = new SplittableRandom(DataSet.SEED);
        for (int i = hits.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            byte[] t = hits[i];
            hits[i] = hits[j];
            hits[j] = t;
        }
        misses = DataSet.misses(1 << 20, DataSet.SEED);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        reader.close();
        DataSet.deleteTree(dir);
    }

    @Benchmark
    public long hit() {
        long found = 0;
        for (int i = 0; i < BATCH; i++) {
            Optional<byte[]> value = reader.find(hits[next]);
            next = next + 1 == hits.length ? 0 : next + 1;
            found += value.orElseThrow().length;
        }
        return found;
    }

    @Benchmark
    public long miss() {
        long found = 0;
        for (int i = 0; i < BATCH; i++) {
            if (reader.find(misses[next & (misses.length - 1)]).isPresent()) {
                found++;
            }
            next++;
        }
        return found;
    }
}
