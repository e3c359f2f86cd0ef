package org.ucspi4j.cdb;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Arbitrary bytes as a cdb file: opening may refuse them with a {@link CdbFormatException}, nothing
 * else; a file that opens must answer every lookup without an exception and without probing forever.
 *
 * <p>{@code ./mvnw verify} runs it over the seeds in {@code src/test/resources/org/ucspi4j/cdb/
 * CdbReaderFuzzTestInputs/openIterateLookUp/} (regression mode). To fuzz, for ten minutes say:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl cdb test -Dtest=CdbReaderFuzzTest -Djazzer.max_duration=10m}
 * (or {@code @FuzzTest(maxDuration = ...)}); findings land in that inputs directory, where they then
 * stay as regression seeds. A single JVM fuzzes one @FuzzTest at a time.
 */
class CdbReaderFuzzTest {
    private static final Path FILE = tempFile();

    private static Path tempFile() {
        try {
            Path p = Files.createTempFile("cdb-fuzz", ".cdb");
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void openIterateLookUp(byte[] bytes) throws IOException {
        Files.write(FILE, bytes);
        CdbReader reader;
        try {
            reader = CdbReader.open(FILE);
        } catch (CdbFormatException refused) {
            return;
        }
        try (reader) {
            long records = 0;
            for (CdbRecord record : reader) {
                records++;
                if (reader.findAll(record.key()).isEmpty()) {
                    throw new AssertionError("record " + records + " is in the file but not found");
                }
                reader.find(record.key(), records);
                reader.contains(record.data());
            }
            if (records != reader.recordCount()) {
                throw new AssertionError("iterated " + records + " records of " + reader.recordCount());
            }
            long[] distances = reader.probeDistances();
            long counted = 0;
            for (long d : distances) {
                counted += d;
            }
            if (counted != records) {
                throw new AssertionError("probe distances count " + counted + " records of " + records);
            }
            reader.probeDistances(1024);
        }
    }
}
