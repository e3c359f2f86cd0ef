package org.ucspi4j.cdb;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdbWriterTest {
    @TempDir
    Path dir;

    private Path write(List<CdbRecord> records) throws IOException {
        Path target = dir.resolve("t.cdb");
        try (CdbWriter w = CdbWriter.create(target, dir.resolve("t.tmp"))) {
            for (CdbRecord r : records) {
                w.add(r.key(), r.data());
            }
            w.commit();
        }
        return target;
    }

    private static CdbRecord rec(String k, String d) {
        return new CdbRecord(k.getBytes(US_ASCII), d.getBytes(US_ASCII));
    }

    @Test
    void emptyCdbIsAHeaderOfEmptyTablesAllPointingAt2048() throws IOException {
        byte[] bytes = Files.readAllBytes(write(List.of()));
        assertThat(bytes).hasSize(2048);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int t = 0; t < 256; t++) {
            assertThat(b.getInt()).isEqualTo(2048);
            assertThat(b.getInt()).isZero();
        }
        assertThat(Files.exists(dir.resolve("t.tmp"))).isFalse();
    }

    @Test
    void oneRecordLayoutMatchesTheFormat() throws IOException {
        byte[] bytes = Files.readAllBytes(write(List.of(rec("a", "b"))));
        // 2048 header + 8+1+1 record + one table of 2 slots (16 bytes)
        assertThat(bytes).hasSize(2048 + 10 + 16);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int h = CdbHash.hash("a".getBytes(US_ASCII));
        int table = h & 0xff;
        for (int t = 0; t < 256; t++) {
            int pos = b.getInt(8 * t);
            int len = b.getInt(8 * t + 4);
            assertThat(pos).isEqualTo(t <= table ? 2058 : 2058 + 16);
            assertThat(len).isEqualTo(t == table ? 2 : 0);
        }
        assertThat(b.getInt(2048)).isEqualTo(1);
        assertThat(b.getInt(2052)).isEqualTo(1);
        int start = (int) CdbHash.startSlot(h, 2);
        assertThat(b.getInt(2058 + 8 * start)).isEqualTo(h);
        assertThat(b.getInt(2058 + 8 * start + 4)).isEqualTo(2048);
        assertThat(b.getInt(2058 + 8 * (1 - start) + 4)).isZero();
    }

    @Test
    void hashIsDjbs() {
        assertThat(CdbHash.hash(new byte[0])).isEqualTo(5381);
        // h = ((5381 << 5) + 5381) ^ 'a'
        assertThat(CdbHash.hash("a".getBytes(US_ASCII))).isEqualTo((5381 * 33) ^ 'a');
        assertThat(CdbHash.hash(new byte[] {(byte) 0xff})).isEqualTo((5381 * 33) ^ 0xff);
    }

    @Test
    void duplicatesAreKeptAndTheFirstWins() throws IOException {
        Path cdb = write(List.of(rec("k", "first"), rec("x", "y"), rec("k", "second"), rec("k", "")));
        try (CdbReader r = CdbReader.open(cdb)) {
            assertThat(r.recordCount()).isEqualTo(4);
            assertThat(r.find("k".getBytes(US_ASCII))).hasValueSatisfying(v -> assertThat(v).asString(US_ASCII).isEqualTo("first"));
            assertThat(r.findAll("k".getBytes(US_ASCII))).extracting(v -> new String(v, US_ASCII))
                    .containsExactly("first", "second", "");
            assertThat(r.find("k".getBytes(US_ASCII), 2)).hasValueSatisfying(v -> assertThat(v).isEmpty());
            assertThat(r.find("k".getBytes(US_ASCII), 3)).isEmpty();
            assertThat(r.find("nope".getBytes(US_ASCII))).isEmpty();
            List<CdbRecord> all = new ArrayList<>();
            r.forEach(all::add);
            assertThat(all).containsExactly(rec("k", "first"), rec("x", "y"), rec("k", "second"), rec("k", ""));
        }
    }

    @Test
    void emptyKeyAndBinaryBytes() throws IOException {
        byte[] key = {0, (byte) 0x80, (byte) 0xff, '\n'};
        Path cdb = write(List.of(new CdbRecord(new byte[0], new byte[] {'D', 0}), new CdbRecord(key, key)));
        try (CdbReader r = CdbReader.open(cdb)) {
            assertThat(r.find(new byte[0])).hasValueSatisfying(v -> assertThat(v).containsExactly('D', 0));
            assertThat(r.find(key)).hasValueSatisfying(v -> assertThat(v).containsExactly(key));
        }
    }

    @Test
    void manyRecordsAllFound() throws IOException {
        List<CdbRecord> records = new ArrayList<>();
        for (int i = 0; i < 20000; i++) {
            records.add(rec("key" + i, "value" + i));
        }
        Path cdb = write(records);
        try (CdbReader r = CdbReader.open(cdb)) {
            for (int i = 0; i < 20000; i++) {
                assertThat(new String(r.find(("key" + i).getBytes(US_ASCII)).orElseThrow(), US_ASCII))
                        .isEqualTo("value" + i);
            }
            long[] d = r.probeDistances();
            assertThat(java.util.Arrays.stream(d).sum()).isEqualTo(20000);
        }
        assertThat(Files.size(cdb)).isEqualTo(2048 + 24L * 20000 + records.stream()
                .mapToLong(x -> x.key().length + x.data().length).sum());
    }

    @Test
    void largeValuesBypassTheBuffer() throws IOException {
        byte[] big = new byte[200_000];
        new java.util.Random(1).nextBytes(big);
        Path cdb = write(List.of(new CdbRecord("big".getBytes(US_ASCII), big), rec("a", "b")));
        try (CdbReader r = CdbReader.open(cdb)) {
            assertThat(r.find("big".getBytes(US_ASCII))).hasValueSatisfying(v -> assertThat(v).isEqualTo(big));
        }
    }

    @Test
    void overTheSizeLimitFailsLeavesTheTargetAndRemovesTheTemporaryFile() throws IOException {
        Path target = dir.resolve("t.cdb");
        Files.writeString(target, "old");
        Path tmp = dir.resolve("t.tmp");
        try (CdbWriter w = CdbWriter.create(target, tmp, 4096)) {
            w.add(new byte[1000], new byte[1000]);
            assertThatThrownBy(() -> w.add(new byte[1000], new byte[100])).isInstanceOf(CdbTooLargeException.class);
        }
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(Files.exists(tmp)).isFalse();
    }

    @Test
    void tablesCountTowardTheLimit() throws IOException {
        Path target = dir.resolve("t.cdb");
        Path tmp = dir.resolve("t.tmp");
        try (CdbWriter w = CdbWriter.create(target, tmp, 2048 + 10 + 15)) {
            w.add(new byte[1], new byte[1]);
            assertThatThrownBy(w::commit).isInstanceOf(CdbTooLargeException.class);
        }
        assertThat(Files.exists(target)).isFalse();
        assertThat(Files.exists(tmp)).isFalse();
    }

    @Test
    void commitReplacesAnExistingTargetAtomically() throws IOException {
        Path target = dir.resolve("t.cdb");
        Files.writeString(target, "old");
        write(List.of(rec("a", "b")));
        try (CdbReader r = CdbReader.open(target)) {
            assertThat(r.contains("a".getBytes(US_ASCII))).isTrue();
        }
    }

    @Test
    void unwritableTemporaryFileFailsBeforeAnythingHappens() {
        assertThatThrownBy(() -> CdbWriter.create(dir.resolve("t.cdb"), dir.resolve("no/such/dir/t.tmp")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void syncingBehindChangesNoByte() throws IOException {
        List<CdbRecord> records = new ArrayList<>();
        for (int i = 0; i < 20000; i++) {
            records.add(rec("key" + i, "value" + i + "x".repeat(i % 50)));
        }
        byte[] plain = Files.readAllBytes(write(records));
        Path target = dir.resolve("s.cdb");
        try (CdbWriter w = CdbWriter.create(target, dir.resolve("s.tmp"), CdbWriter.MAX_SIZE, 100_000)) {
            for (CdbRecord r : records) {
                w.add(r.key(), r.data());
            }
            w.commit();
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(plain);

        Path abandoned = dir.resolve("a.tmp");
        try (CdbWriter w = CdbWriter.create(dir.resolve("a.cdb"), abandoned, CdbWriter.MAX_SIZE, 1000)) {
            for (CdbRecord r : records) {
                w.add(r.key(), r.data());
            }
        }
        assertThat(abandoned).doesNotExist();
        assertThat(dir.resolve("a.cdb")).doesNotExist();
    }

    /** cdb_make as reference 4.1 states it, with the plain probe loop: what CdbWriter must match. */
    private static byte[] naive(List<CdbRecord> records) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        out.writeBytes(new byte[2048]);
        int[] hashes = new int[records.size()];
        int[] positions = new int[records.size()];
        for (int i = 0; i < records.size(); i++) {
            CdbRecord r = records.get(i);
            hashes[i] = CdbHash.hash(r.key());
            positions[i] = out.size();
            out.writeBytes(b.clear().putInt(r.key().length).putInt(r.data().length).array());
            out.writeBytes(r.key());
            out.writeBytes(r.data());
        }
        ByteBuffer header = ByteBuffer.allocate(2048).order(ByteOrder.LITTLE_ENDIAN);
        for (int t = 0; t < 256; t++) {
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < hashes.length; i++) {
                if ((hashes[i] & 0xff) == t) {
                    mine.add(i);
                }
            }
            int len = 2 * mine.size();
            header.putInt(out.size()).putInt(len);
            int[] slotHash = new int[len];
            int[] slotPos = new int[len];
            for (int i : mine) {
                int where = (int) CdbHash.startSlot(hashes[i], len);
                while (slotPos[where] != 0) {
                    where = (where + 1) % len;
                }
                slotHash[where] = hashes[i];
                slotPos[where] = positions[i];
            }
            for (int k = 0; k < len; k++) {
                out.writeBytes(b.clear().putInt(slotHash[k]).putInt(slotPos[k]).array());
            }
        }
        byte[] bytes = out.toByteArray();
        System.arraycopy(header.array(), 0, bytes, 0, 2048);
        return bytes;
    }

    @Test
    void manyEqualKeysLandWhereLinearProbingPutsThem() throws IOException {
        java.util.Random rnd = new java.util.Random(9);
        List<CdbRecord> records = new ArrayList<>();
        for (int i = 0; i < 30000; i++) {
            int r = rnd.nextInt(10);
            String key = r < 4 ? "same" + rnd.nextInt(3) : r < 6 ? "" : r < 8 ? "k" + rnd.nextInt(500) : "u" + i;
            records.add(rec(key, "v" + i));
        }
        assertThat(Files.readAllBytes(write(records))).isEqualTo(naive(records));
        List<CdbRecord> few = List.of(rec("a", "1"), rec("a", "2"), rec("b", ""), rec("a", "3"));
        assertThat(Files.readAllBytes(write(few))).isEqualTo(naive(few));
        assertThat(Files.readAllBytes(write(List.of()))).isEqualTo(naive(List.of()));
    }
}
