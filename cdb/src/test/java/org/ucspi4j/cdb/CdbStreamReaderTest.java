package org.ucspi4j.cdb;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdbStreamReaderTest {
    @TempDir
    Path dir;

    private byte[] cdb(List<CdbRecord> records) throws IOException {
        Path target = dir.resolve("s.cdb");
        try (CdbWriter w = CdbWriter.create(target, dir.resolve("s.tmp"))) {
            for (CdbRecord r : records) {
                w.add(r.key(), r.data());
            }
            w.commit();
        }
        return Files.readAllBytes(target);
    }

    private static CdbRecord rec(String k, String d) {
        return new CdbRecord(k.getBytes(US_ASCII), d.getBytes(US_ASCII));
    }

    /** Records the visitor's calls as text: which part got which bytes. */
    private static final class Trace implements CdbStreamReader.Visitor {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        @Override
        public void start(long keyLength, long dataLength) {
            out.writeBytes(("[" + keyLength + "," + dataLength + "]").getBytes(US_ASCII));
        }

        @Override
        public void key(byte[] bytes, int offset, int length) {
            out.write(bytes, offset, length);
        }

        @Override
        public void keyEnd() {
            out.writeBytes("|".getBytes(US_ASCII));
        }

        @Override
        public void data(byte[] bytes, int offset, int length) {
            out.write(bytes, offset, length);
        }

        @Override
        public void end() {
            out.writeBytes(";".getBytes(US_ASCII));
        }
    }

    @Test
    void readsRecordsInFileOrderWithoutTheTables() throws IOException {
        List<CdbRecord> records = List.of(rec("a", "1"), rec("", ""), rec("a", "22"), rec("long", "x".repeat(100_000)));
        byte[] bytes = cdb(records);
        List<CdbRecord> read = new ArrayList<>();
        assertThat(CdbStreamReader.read(new ByteArrayInputStream(bytes), read::add)).isEqualTo(4);
        assertThat(read).isEqualTo(records);
        // The tables are not read: cut them off and the records still come out whole.
        byte[] noTables = Arrays.copyOf(bytes, bytes.length - 16 * 4);
        assertThat(CdbStreamReader.read(new ByteArrayInputStream(noTables), r -> {})).isEqualTo(4);
    }

    @Test
    void everyCutReportsItsPartAfterShowingWhatWasThere() throws IOException {
        byte[] bytes = cdb(List.of(rec("key", "data"), rec("k2", "d2")));
        String whole = "[3,4]key|data;[2,2]k2|d2;";
        for (int cut = 0; cut < 2048 + 2 * 8 + 11; cut++) {
            Trace trace = new Trace();
            byte[] part = Arrays.copyOf(bytes, cut);
            CdbStreamReader.Part expected = cut < 2048 ? CdbStreamReader.Part.HEADER
                    : cut < 2056 || cut >= 2063 && cut < 2071 ? CdbStreamReader.Part.RECORD_LENGTHS
                    : cut < 2059 || cut >= 2071 && cut < 2073 ? CdbStreamReader.Part.KEY
                    : CdbStreamReader.Part.DATA;
            assertThatThrownBy(() -> CdbStreamReader.stream(new ByteArrayInputStream(part), trace))
                    .as("cut at %d", cut).isInstanceOfSatisfying(CdbStreamReader.TruncatedException.class,
                            e -> assertThat(e.part()).isEqualTo(expected));
            String seen = trace.out.toString(US_ASCII);
            assertThat(whole).as("cut at %d", cut).startsWith(seen);
        }
    }

    @Test
    void hugeLengthsStreamUntilTheInputEnds() {
        byte[] bytes = new byte[2048 + 8 + 10];
        bytes[0] = (byte) 0xff; // records end far away
        bytes[1] = (byte) 0xff;
        bytes[2] = (byte) 0xff;
        bytes[2048 + 3] = (byte) 0xf0; // key length 0xf0000000
        assertThatThrownBy(() -> CdbStreamReader.stream(new ByteArrayInputStream(bytes), new Trace()))
                .isInstanceOfSatisfying(CdbStreamReader.TruncatedException.class,
                        e -> assertThat(e.part()).isEqualTo(CdbStreamReader.Part.KEY));
        assertThatThrownBy(() -> CdbStreamReader.read(new ByteArrayInputStream(bytes), r -> {}))
                .isInstanceOf(CdbStreamReader.RecordTooLargeException.class);
    }
}
