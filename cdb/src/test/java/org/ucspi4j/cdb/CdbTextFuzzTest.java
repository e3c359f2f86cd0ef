package org.ucspi4j.cdb;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Arbitrary bytes as cdbmake text: parsing either fails with a {@link CdbTextFormatException} or
 * yields records that, written back as text, parse to the same records.
 *
 * <p>Runs over the seeds in {@code src/test/resources/org/ucspi4j/cdb/CdbTextFuzzTestInputs/parse/}
 * in every {@code ./mvnw verify}. To fuzz: {@code JAZZER_FUZZ=1 ./mvnw -pl cdb test
 * -Dtest=CdbTextFuzzTest -Djazzer.max_duration=10m}.
 */
class CdbTextFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parse(byte[] text) throws IOException {
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        long records;
        try {
            records = CdbText.read(new ByteArrayInputStream(text), (key, data) -> CdbText.write(again, key, data));
        } catch (CdbTextFormatException malformed) {
            if (malformed.offset() > text.length || malformed.entry() < 1 || malformed.line() < 1) {
                throw new AssertionError("defect reported outside the input: " + malformed.getMessage());
            }
            return;
        }
        CdbText.end(again);
        ByteArrayOutputStream third = new ByteArrayOutputStream();
        long reread = CdbText.read(new ByteArrayInputStream(again.toByteArray()),
                (key, data) -> CdbText.write(third, key, data));
        CdbText.end(third);
        if (reread != records || !Arrays.equals(again.toByteArray(), third.toByteArray())) {
            throw new AssertionError("written text does not read back as the same records");
        }
    }
}
