package org.ucspi4j.cdb;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A cdb mapped into memory. Opening checks the whole structure once (header, every table slot, every
 * record) so that lookups afterwards can neither read out of bounds, probe forever, nor miss a record
 * a slot was supposed to index: a damaged file is refused with a {@link CdbFormatException} naming the
 * defect. Files over 2 GiB work (positions are longs; the format itself stops at 4 GiB).
 *
 * <p>Lookups are thread-safe. {@link #close()} unmaps the file; it must not race with lookups.
 */
public final class CdbReader implements AutoCloseable, Iterable<CdbRecord> {
    private static final ValueLayout.OfInt U32 =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int HEADER_SIZE = CdbWriter.HEADER_SIZE;

    private final Path path;
    private final Arena arena;
    private final MemorySegment file;
    private final long[] tablePosition = new long[256];
    private final long[] tableSlots = new long[256];
    private final long recordsEnd;
    private final long recordCount;

    private CdbReader(Path path, Arena arena, MemorySegment file) throws CdbFormatException {
        this.path = path;
        this.arena = arena;
        this.file = file;
        long size = file.byteSize();
        if (size < HEADER_SIZE) {
            throw corrupt("file is " + size + " bytes, shorter than the 2048-byte header");
        }
        long end = Long.MAX_VALUE;
        for (int t = 0; t < 256; t++) {
            long position = u32(8L * t);
            long slots = u32(8L * t + 4);
            if (position < HEADER_SIZE || position + 8 * slots > size) {
                throw corrupt("header slot " + t + " points at table " + position + " of " + slots
                        + " slots, outside the file's " + HEADER_SIZE + ".." + size);
            }
            tablePosition[t] = position;
            tableSlots[t] = slots;
            end = Math.min(end, position);
        }
        this.recordsEnd = end;
        Records records = walkRecords();
        this.recordCount = records.count;
        checkTables(records);
    }

    /** Maps and checks {@code path}. */
    public static CdbReader open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment segment = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            return new CdbReader(path, arena, segment);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    public long size() {
        return file.byteSize();
    }

    public long recordCount() {
        return recordCount;
    }

    /** The data of the first record with this key. */
    public Optional<byte[]> find(byte[] key) {
        return find(key, 0);
    }

    /** The data of the record with this key after skipping {@code skip} earlier ones (cdbget's SKIP). */
    public Optional<byte[]> find(byte[] key, long skip) {
        Probe probe = new Probe(key);
        long remaining = skip;
        long at;
        while ((at = probe.next()) >= 0) {
            if (remaining-- == 0) {
                return Optional.of(data(at));
            }
        }
        return Optional.empty();
    }

    /** Whether any record has this key. */
    public boolean contains(byte[] key) {
        return new Probe(key).next() >= 0;
    }

    /** The data of every record with this key, in probe order (= insertion order). */
    public List<byte[]> findAll(byte[] key) {
        List<byte[]> values = new ArrayList<>();
        Probe probe = new Probe(key);
        long at;
        while ((at = probe.next()) >= 0) {
            values.add(data(at));
        }
        return values;
    }

    /** All records in file order. */
    @Override
    public Iterator<CdbRecord> iterator() {
        return new Iterator<>() {
            private long at = HEADER_SIZE;

            @Override
            public boolean hasNext() {
                return at < recordsEnd;
            }

            @Override
            public CdbRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long keyLength = u32(at);
                long dataLength = u32(at + 4);
                byte[] key = bytes(at + 8, keyLength);
                byte[] data = bytes(at + 8 + keyLength, dataLength);
                at += 8 + keyLength + dataLength;
                return new CdbRecord(key, data);
            }
        };
    }

    /**
     * cdbstats' histogram: for each record, how many extra slots a lookup probes before reaching it.
     * Index 0..9 count distances 0..9, index 10 counts distances over 9.
     */
    public long[] probeDistances() {
        return probeDistances(Long.MAX_VALUE);
    }

    /**
     * {@link #probeDistances()} over the records whose key is at most {@code maxKeyLength} bytes; the
     * others are left out of every count. DJB's cdbstats (and freecdb's) reads keys into a 1024-byte
     * buffer and skips longer ones this way.
     */
    public long[] probeDistances(long maxKeyLength) {
        long[] histogram = new long[11];
        for (long at = HEADER_SIZE; at < recordsEnd; ) {
            long keyLength = u32(at);
            long dataLength = u32(at + 4);
            if (keyLength <= maxKeyLength) {
                Probe probe = new Probe(bytes(at + 8, keyLength));
                for (long found = probe.next(); found != at; found = probe.next()) {
                    if (found < 0) { // cannot happen: open() checked that every record is indexed
                        throw new IllegalStateException(path + ": record at " + at + " not reachable");
                    }
                }
                histogram[(int) Math.min(10, probe.probed - 1)]++;
            }
            at += 8 + keyLength + dataLength;
        }
        return histogram;
    }

    /**
     * cdbtest: each record with a key of at most {@link CdbTally#MAX_KEY_LENGTH} bytes looked up by
     * its key; the first record the lookup meets should be this one.
     */
    public CdbTally tally() {
        long found = 0;
        long different = 0;
        long badLength = 0;
        long notFound = 0;
        long untested = 0;
        for (long at = HEADER_SIZE; at < recordsEnd; ) {
            long keyLength = u32(at);
            long dataLength = u32(at + 4);
            if (keyLength > CdbTally.MAX_KEY_LENGTH) {
                untested++;
            } else {
                long first = new Probe(bytes(at + 8, keyLength)).next();
                if (first < 0) {
                    notFound++;
                } else if (first != at) {
                    different++;
                } else if (u32(first + 4) != dataLength) {
                    badLength++;
                } else {
                    found++;
                }
            }
            at += 8 + keyLength + dataLength;
        }
        return new CdbTally(found, different, badLength, notFound, untested);
    }

    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    /** Linear probe over one key's table; {@link #next()} yields record positions of matching keys. */
    private final class Probe {
        private final byte[] key;
        private final MemorySegment keySegment;
        private final int hash;
        private final long table;
        private final long slots;
        private long slot;
        private long probed;

        Probe(byte[] key) {
            this.key = key;
            this.keySegment = MemorySegment.ofArray(key);
            this.hash = CdbHash.hash(key);
            int t = CdbHash.table(hash);
            this.table = tablePosition[t];
            this.slots = tableSlots[t];
            this.slot = slots == 0 ? 0 : CdbHash.startSlot(hash, slots);
        }

        long next() {
            while (probed < slots) {
                long at = table + 8 * slot;
                int slotHash = file.get(U32, at);
                long record = u32(at + 4);
                probed++;
                if (++slot == slots) {
                    slot = 0;
                }
                if (record == 0) {
                    probed = slots; // an empty slot ends the chain
                    return -1;
                }
                if (slotHash == hash && u32(record) == key.length
                        && MemorySegment.mismatch(file, record + 8, record + 8 + key.length,
                                keySegment, 0, key.length) == -1) {
                    return record;
                }
            }
            return -1;
        }
    }

    private byte[] data(long record) {
        long keyLength = u32(record);
        return bytes(record + 8 + keyLength, u32(record + 4));
    }

    private byte[] bytes(long offset, long length) {
        return file.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
    }

    private long u32(long offset) {
        return Integer.toUnsignedLong(file.get(U32, offset));
    }

    /** Where each record starts and the hash of its key, in file order. */
    private static final class Records {
        long[] starts = new long[16];
        int[] hashes = new int[16];
        int count;

        void add(long start, int hash) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count + (count >> 1));
                hashes = Arrays.copyOf(hashes, starts.length);
            }
            starts[count] = start;
            hashes[count++] = hash;
        }
    }

    /**
     * Walks the record section; it must be whole records ending exactly where the tables begin. Hashes
     * every key on the way: reading the keys in file order is far cheaper than in slot order.
     */
    private Records walkRecords() throws CdbFormatException {
        Records records = new Records();
        byte[] scratch = new byte[256];
        long at = HEADER_SIZE;
        while (at < recordsEnd) {
            if (at + 8 > recordsEnd) {
                throw corrupt("record at " + at + " has a header running past the record section end "
                        + recordsEnd);
            }
            long keyLength = u32(at);
            long next = at + 8 + keyLength + u32(at + 4);
            if (next > recordsEnd) {
                throw corrupt("record at " + at + " runs to " + next + ", past the record section end "
                        + recordsEnd);
            }
            if (records.count == Integer.MAX_VALUE - 8) {
                throw corrupt("more records than this reader can index");
            }
            records.add(at, CdbHash.hash(file, at + 8, keyLength, scratch));
            at = next;
        }
        return records;
    }

    /**
     * Every record must be indexed by exactly one slot, of its table, holding its hash, and reachable:
     * no empty slot between its start slot and its own (a lookup stops at the first empty one). Every
     * slot in use must index a record. Slots are checked table by table in one pass, then matched to
     * records by sorting (position, hash) pairs: linear work, no lookup per slot.
     */
    private void checkTables(Records records) throws CdbFormatException {
        long[] used = new long[Math.max(16, records.count)]; // position << 32 | hash
        int n = 0;
        for (int t = 0; t < 256; t++) {
            long table = tablePosition[t];
            long slots = tableSlots[t];
            // A probe that wraps around sees the table's last empty slot first; -1 - slots: the table is full.
            long lastEmpty = -1 - slots;
            for (long s = slots - 1; s >= 0; s--) {
                if (u32(table + 8 * s + 4) == 0) {
                    lastEmpty = s - slots;
                    break;
                }
            }
            for (long s = 0; s < slots; s++) {
                long at = table + 8 * s;
                long record = u32(at + 4);
                if (record == 0) {
                    lastEmpty = s;
                    continue;
                }
                int hash = file.get(U32, at);
                if (CdbHash.table(hash) != t) {
                    throw corrupt("slot " + s + " of table " + t + " holds hash " + Integer.toUnsignedString(hash)
                            + ", which belongs to table " + CdbHash.table(hash));
                }
                long distance = Math.floorMod(s - CdbHash.startSlot(hash, slots), slots);
                if (lastEmpty >= -slots && distance >= s - lastEmpty) {
                    throw corrupt("slot " + s + " of table " + t + " points at " + record
                            + ", which a lookup cannot reach: an empty slot comes first");
                }
                if (n == used.length) {
                    if (n == Integer.MAX_VALUE - 8) { // more slots in use than records can exist anyway
                        throw corrupt("more slots in use than this reader can check");
                    }
                    used = Arrays.copyOf(used, (int) Math.min(Integer.MAX_VALUE - 8, 2L * n));
                }
                used[n++] = record << 32 | Integer.toUnsignedLong(hash);
            }
        }
        used = sortByPosition(used, n);
        for (int i = 0, r = 0; i < n || r < records.count; i++, r++) {
            long position = i < n ? used[i] >>> 32 : Long.MAX_VALUE;
            if (i > 0 && i < n && position == used[i - 1] >>> 32) {
                throw corrupt("record at " + position + " is indexed twice");
            }
            long start = r < records.count ? records.starts[r] : Long.MAX_VALUE;
            if (position < start) {
                throw corrupt("a slot points at " + position + ", which is not the start of a record");
            }
            if (position > start) {
                throw corrupt("record at " + start + " is not in any hash table");
            }
            if ((int) used[i] != records.hashes[r]) {
                throw corrupt("record at " + start + " does not have the hash its slot records");
            }
        }
    }

    /**
     * Sorts the first {@code n} values by their high 32 bits, unsigned: a radix sort, 8 bits a pass,
     * skipping passes where every value has the same digit (the top byte of a file under 16 MB). Linear
     * time, where a comparison sort of millions of slots was most of open()'s cost.
     */
    private static long[] sortByPosition(long[] values, int n) {
        long[] from = values;
        long[] to = new long[n];
        int[] start = new int[257];
        for (int shift = 32; shift < 64; shift += 8) {
            Arrays.fill(start, 0);
            for (int i = 0; i < n; i++) {
                start[(int) (from[i] >>> shift & 0xff) + 1]++;
            }
            if (n == 0 || start[(int) (from[0] >>> shift & 0xff) + 1] == n) {
                continue; // one digit for all: this pass would not move anything
            }
            for (int d = 0; d < 256; d++) {
                start[d + 1] += start[d];
            }
            for (int i = 0; i < n; i++) {
                to[start[(int) (from[i] >>> shift & 0xff)]++] = from[i];
            }
            long[] swap = from;
            from = to;
            to = swap;
        }
        return from;
    }

    private CdbFormatException corrupt(String defect) {
        return new CdbFormatException(path, defect);
    }
}
