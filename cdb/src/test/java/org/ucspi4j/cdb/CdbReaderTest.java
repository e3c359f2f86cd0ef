package org.ucspi4j.cdb;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdbReaderTest {
    @TempDir
    Path dir;

    private Path valid(int records) throws IOException {
        Path target = dir.resolve("v.cdb");
        try (CdbWriter w = CdbWriter.create(target, dir.resolve("v.tmp"))) {
            for (int i = 0; i < records; i++) {
                w.add(("k" + i).getBytes(US_ASCII), ("v" + i).getBytes(US_ASCII));
            }
            w.commit();
        }
        return target;
    }

    private Path corrupt(Path from, java.util.function.Consumer<ByteBuffer> change) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(from)).order(ByteOrder.LITTLE_ENDIAN);
        change.accept(b);
        Path p = dir.resolve("c.cdb");
        Files.write(p, b.array());
        return p;
    }

    private static int firstUsedSlot(ByteBuffer b) {
        for (int t = 0; t < 256; t++) {
            int pos = b.getInt(8 * t);
            int len = b.getInt(8 * t + 4);
            for (int s = 0; s < len; s++) {
                if (b.getInt(pos + 8 * s + 4) != 0) {
                    return pos + 8 * s;
                }
            }
        }
        throw new AssertionError("no used slot");
    }

    @Test
    void shortFileIsTruncated() throws IOException {
        Path p = dir.resolve("s.cdb");
        Files.write(p, new byte[100]);
        assertThatThrownBy(() -> CdbReader.open(p)).isInstanceOf(CdbFormatException.class)
                .hasMessageContaining("s.cdb").hasMessageContaining("shorter than the 2048-byte header");
    }

    @Test
    void allZeroHeaderIsRefused() throws IOException {
        Path p = dir.resolve("z.cdb");
        Files.write(p, new byte[4096]);
        assertThatThrownBy(() -> CdbReader.open(p)).isInstanceOf(CdbFormatException.class)
                .hasMessageContaining("header slot 0");
    }

    @Test
    void truncatedTablesAreRefused() throws IOException {
        Path v = valid(50);
        byte[] all = Files.readAllBytes(v);
        Path p = dir.resolve("t.cdb");
        Files.write(p, Arrays.copyOf(all, all.length - 8));
        assertThatThrownBy(() -> CdbReader.open(p)).isInstanceOf(CdbFormatException.class)
                .hasMessageContaining("outside the file");
    }

    @Test
    void recordRunningIntoTheTablesIsRefused() throws IOException {
        Path p = corrupt(valid(5), b -> b.putInt(2048 + 4, 1000));
        assertThatThrownBy(() -> CdbReader.open(p)).isInstanceOf(CdbFormatException.class)
                .hasMessageContaining("record at 2048 runs to");
    }

    @Test
    void slotPointingIntoARecordIsRefused() throws IOException {
        Path p = corrupt(valid(5), b -> b.putInt(firstUsedSlot(b) + 4, 2049));
        assertThatThrownBy(() -> CdbReader.open(p)).isInstanceOf(CdbFormatException.class)
                .hasMessageContaining("not the start of a record");
    }

    @Test
    void wrongHashIsRefused() throws IOException {
        Path p = corrupt(valid(5), b -> {
            int at = firstUsedSlot(b);
            // Same table and, in a table of two slots, the same start slot; a different hash.
            b.putInt(at, b.getInt(at) ^ 0x200);
        });
        assertThatThrownBy(() -> CdbReader.open(p)).isInstanceOf(CdbFormatException.class)
                .hasMessageContaining("does not have the hash");
    }

    @Test
    void hashOfAnotherTableIsRefused() throws IOException {
        Path p = corrupt(valid(5), b -> {
            int at = firstUsedSlot(b);
            b.putInt(at, b.getInt(at) ^ 0x1);
        });
        assertThatThrownBy(() -> CdbReader.open(p)).isInstanceOf(CdbFormatException.class)
                .hasMessageContaining("belongs to table");
    }

    @Test
    void recordBehindAnEmptySlotIsRefused() throws IOException {
        // One record, so a table of two slots: swapping them puts the record behind its empty start slot.
        Path p = corrupt(valid(1), b -> {
            int at = firstUsedSlot(b);
            int pos = b.getInt(8 * (b.getInt(at) & 0xff));
            int other = at == pos ? pos + 8 : pos;
            b.putLong(other, b.getLong(at)).putLong(at, 0);
        });
        assertThatThrownBy(() -> CdbReader.open(p)).isInstanceOf(CdbFormatException.class)
                .hasMessageContaining("which a lookup cannot reach");
    }

    @Test
    void probeWrapsAroundTheTable() throws IOException {
        // Two records with the same hash, start slot = the last of 4 slots: the second wraps to slot 0.
        byte[] key = null;
        for (int c = 0; key == null; c++) { // the second byte moves the start slot; 256 tries suffice
            byte[] k = {'k', (byte) c};
            if (CdbHash.startSlot(CdbHash.hash(k), 4) == 3) {
                key = k;
            }
        }
        int h = CdbHash.hash(key);
        int table = h & 0xff;
        int start = 3;
        ByteBuffer b = ByteBuffer.allocate(2048 + 2 * 11 + 32).order(ByteOrder.LITTLE_ENDIAN);
        int tables = 2048 + 22;
        for (int t = 0; t < 256; t++) {
            b.putInt(8 * t, t <= table ? tables : tables + 32).putInt(8 * t + 4, t == table ? 4 : 0);
        }
        b.putInt(2048, 2).putInt(2052, 1).put(2056, key).put(2058, (byte) '1');
        b.putInt(2059, 2).putInt(2063, 1).put(2067, key).put(2069, (byte) '2');
        int first = start;
        int second = (start + 1) % 4;
        b.putInt(tables + 8 * first, h).putInt(tables + 8 * first + 4, 2048);
        b.putInt(tables + 8 * second, h).putInt(tables + 8 * second + 4, 2059);
        Path p = dir.resolve("wrap.cdb");
        Files.write(p, b.array());
        try (CdbReader r = CdbReader.open(p)) {
            assertThat(r.findAll(key)).extracting(v -> new String(v, US_ASCII)).containsExactly("1", "2");
            assertThat(r.probeDistances()).startsWith(1, 1);
        }
    }

    @Test
    void unindexedRecordIsRefused() throws IOException {
        Path p = corrupt(valid(5), b -> {
            int at = firstUsedSlot(b);
            b.putInt(at, 0).putInt(at + 4, 0);
        });
        assertThatThrownBy(() -> CdbReader.open(p)).isInstanceOf(CdbFormatException.class)
                .hasMessageContaining("is not in any hash table");
    }

    @Test
    void recordIndexedTwiceIsRefused() throws IOException {
        Path p = corrupt(valid(1), b -> {
            int at = firstUsedSlot(b);
            int pos = b.getInt(8 * (b.getInt(at) & 0xff));
            int other = at == pos ? pos + 8 : pos;
            b.putInt(other, b.getInt(at)).putInt(other + 4, b.getInt(at + 4));
        });
        assertThatThrownBy(() -> CdbReader.open(p)).isInstanceOf(CdbFormatException.class)
                .hasMessageContaining("indexed twice");
    }

    @Test
    void fullTableWithoutEmptySlotStillEndsTheProbe() throws IOException {
        // A table whose every slot is used (legal for other writers): a miss must end after one round.
        Path p = dir.resolve("full.cdb");
        byte[] key = "a".getBytes(US_ASCII);
        int h = CdbHash.hash(key);
        int table = h & 0xff;
        ByteBuffer b = ByteBuffer.allocate(2048 + 10 + 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int t = 0; t < 256; t++) {
            b.putInt(8 * t, t <= table ? 2058 : 2066).putInt(8 * t + 4, t == table ? 1 : 0);
        }
        b.putInt(2048, 1).putInt(2052, 1).put(2056, (byte) 'a').put(2057, (byte) 'b');
        b.putInt(2058, h).putInt(2062, 2048);
        Files.write(p, b.array());
        try (CdbReader r = CdbReader.open(p)) {
            assertThat(r.find(key)).isPresent();
            // same table, other key: probes the single slot once and stops
            byte[] other = sameTableKey(table, key);
            assertThat(r.find(other)).isEmpty();
            assertThat(r.findAll(key)).hasSize(1);
        }
    }

    private static byte[] sameTableKey(int table, byte[] not) {
        for (int i = 0; ; i++) {
            byte[] k = ("x" + i).getBytes(US_ASCII);
            if ((CdbHash.hash(k) & 0xff) == table && !Arrays.equals(k, not)) {
                return k;
            }
        }
    }

    @Test
    void closedReaderIsClosedTwiceSafely() throws IOException {
        CdbReader r = CdbReader.open(valid(3));
        r.close();
        r.close();
    }

    /**
     * A record past the 2 GiB mark: the first record's data is a sparse hole of 2.2 GB, so the file
     * costs no disk, but every position of the second record needs more than 31 bits.
     */
    @Test
    void filesOverTwoGibibytesWork() throws IOException {
        long bigData = 2_200_000_000L;
        byte[] small = "small".getBytes(US_ASCII);
        long second = 2048 + 8 + 1 + bigData;
        long tables = second + 8 + small.length + 3;
        int hBig = CdbHash.hash("b".getBytes(US_ASCII));
        int hSmall = CdbHash.hash(small);
        Path p = dir.resolve("big.cdb");
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            // tables: one 2-slot table per used table, in table order
            int tBig = hBig & 0xff;
            int tSmall = hSmall & 0xff;
            assertThat(tBig).isNotEqualTo(tSmall);
            ByteBuffer header = ByteBuffer.allocate(2048).order(ByteOrder.LITTLE_ENDIAN);
            long at = tables;
            ByteBuffer tableBytes = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
            for (int t = 0; t < 256; t++) {
                boolean used = t == tBig || t == tSmall;
                header.putInt((int) at).putInt(used ? 2 : 0);
                if (used) {
                    int h = t == tBig ? hBig : hSmall;
                    long rec = t == tBig ? 2048 : second;
                    int start = (int) CdbHash.startSlot(h, 2);
                    ByteBuffer table = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                    table.putInt(8 * start, h).putInt(8 * start + 4, (int) rec);
                    tableBytes.put(table.array());
                    at += 16;
                }
            }
            ch.write(header.flip(), 0);
            ByteBuffer r1 = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
            r1.putInt(1).putInt((int) bigData).put((byte) 'b');
            ch.write(r1.flip(), 2048);
            ByteBuffer r2 = ByteBuffer.allocate(8 + small.length + 3).order(ByteOrder.LITTLE_ENDIAN);
            r2.putInt(small.length).putInt(3).put(small).put("yes".getBytes(US_ASCII));
            ch.write(r2.flip(), second);
            ch.write(tableBytes.flip(), tables);
        }
        try (CdbReader r = CdbReader.open(p)) {
            assertThat(r.size()).isGreaterThan(1L << 31);
            assertThat(r.recordCount()).isEqualTo(2);
            assertThat(r.find(small)).hasValueSatisfying(v -> assertThat(v).asString(US_ASCII).isEqualTo("yes"));
            assertThat(r.contains("b".getBytes(US_ASCII))).isTrue();
        } finally {
            Files.deleteIfExists(p);
        }
    }

    /** Random damage to valid files: only CdbFormatException, and any file that opens answers sanely. */
    @Test
    void mutatedFilesFailCleanlyOrAnswerConsistently() throws IOException {
        Random random = new Random(20261126L);
        byte[] base = Files.readAllBytes(valid(40));
        for (int round = 0; round < 3000; round++) {
            byte[] bytes = base.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                switch (random.nextInt(3)) {
                    case 0 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    case 1 -> {
                        int at = random.nextInt(bytes.length - 4) & ~3;
                        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, random.nextInt(base.length + 64));
                    }
                    default -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                }
            }
            Path p = dir.resolve("m.cdb");
            Files.write(p, bytes);
            try (CdbReader r = CdbReader.open(p)) {
                for (CdbRecord rec : r) {
                    assertThat(r.findAll(rec.key())).isNotEmpty();
                }
                r.probeDistances();
            } catch (CdbFormatException expected) {
                assertThat(expected.file()).isEqualTo(p);
            }
        }
    }
}
