package org.ucspi4j.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.ucspi4j.cdb.CdbText;
import org.ucspi4j.cdb.CdbWriter;

/**
 * Writing a 1.5-million-record cdb, fsync and rename included, on tmpfs when there is one:
 * {@code write} adds records already in memory (CdbWriter alone); {@code textToCdb} parses cdbmake text
 * held in memory and writes it (what our cdbmake does, minus reading stdin and starting the JVM). The
 * goal is to be no slower than tinycdb's {@code cdb -c} on the same records (bench/cdb-vs-tinycdb.sh
 * times that).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CdbWriteBenchmark {
    /** A cdbmake text file to take the records from; empty: {@link DataSet}'s default set. */
    @Param("")
    public String textFile;

    private DataSet.Records records;
    private byte[] text;
    private Path dir;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        records = DataSet.load(textFile);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < records.size(); i++) {
            CdbText.write(out, records.keys()[i], records.values()[i]);
        }
        CdbText.end(out);
        text = out.toByteArray();
        dir = DataSet.scratch();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        DataSet.deleteTree(dir);
    }

    @Benchmark
    public long write() throws IOException {
        Path cdb = dir.resolve("write.cdb");
        try (CdbWriter writer = CdbWriter.create(cdb, dir.resolve("write.tmp"))) {
            for (int i = 0; i < records.size(); i++) {
                writer.add(records.keys()[i], records.values()[i]);
            }
            writer.commit();
        }
        return Files.size(cdb);
    }

    @Benchmark
    public long textToCdb() throws IOException {
        Path cdb = dir.resolve("text.cdb");
        try (CdbWriter writer = CdbWriter.create(cdb, dir.resolve("text.tmp"))) {
            CdbText.readSlices(new ByteArrayInputStream(text),
                    (b, keyOffset, keyLength, dataOffset, dataLength) ->
                            writer.add(b, keyOffset, keyLength, b, dataOffset, dataLength));
            writer.commit();
        }
        return Files.size(cdb);
    }
}
