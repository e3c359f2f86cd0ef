package org.ucspi4j.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ucspi4j.cdb.CdbHash;
import org.ucspi4j.cdb.CdbRecord;
import org.ucspi4j.cdb.CdbText;

/**
 * Generated record sets for the differential tests, each from its own seed. The base seed is random
 * per run and printed with every set; {@code -Ducspi4j.cdb.seed=N} replays a run.
 */
final class RecordSets {
    private RecordSets() {}

    static final String SEED_PROPERTY = "ucspi4j.cdb.seed";

    /** The run's base seed: the property if set, else fresh. */
    static final long BASE_SEED = Long.getLong(SEED_PROPERTY, new Random().nextLong());

    /** A named list of records and the seed that made it. */
    record RecordSet(String name, long seed, List<CdbRecord> records) {
        /** The records as cdbmake text, closing empty line included. */
        byte[] text() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                for (CdbRecord r : records) {
                    CdbText.write(out, r.key(), r.data());
                }
                CdbText.end(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        /** Every value of every key, in insertion order: what lookups must return. */
        Map<Key, List<byte[]>> byKey() {
            Map<Key, List<byte[]>> map = new LinkedHashMap<>();
            for (CdbRecord r : records) {
                map.computeIfAbsent(new Key(r.key()), k -> new ArrayList<>()).add(r.data());
            }
            return map;
        }

        @Override
        public String toString() {
            return name + " (" + records.size() + " records, seed " + seed + ")";
        }
    }

    /** A key usable as a map key. */
    record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }
    }

    /** The seed of the set called {@code name}: the base seed mixed with the name, so sets differ. */
    static long seed(String name) {
        long h = BASE_SEED;
        for (byte b : name.getBytes(US_ASCII)) {
            h = (h ^ b) * 0x100000001b3L;
        }
        return h;
    }

    static RecordSet logged(RecordSet set) {
        System.out.println("record set " + set + "; base seed " + BASE_SEED + ", replay with -D" + SEED_PROPERTY
                + "=" + BASE_SEED);
        return set;
    }

    /** The small and medium sets every differential test walks through, made (and logged) once per run. */
    static List<RecordSet> all() {
        return All.SETS;
    }

    private static final class All {
        static final List<RecordSet> SETS =
                List.of(empty(), one(), emptyKeysAndValues(), binary(), duplicates(), collisions(), random());
    }

    static RecordSet empty() {
        return logged(new RecordSet("empty", seed("empty"), List.of()));
    }

    static RecordSet one() {
        Random random = new Random(seed("one"));
        return logged(new RecordSet("one", seed("one"), List.of(new CdbRecord(printable(random, 1 + random.nextInt(20)),
                printable(random, random.nextInt(40))))));
    }

    static RecordSet emptyKeysAndValues() {
        Random random = new Random(seed("empty-keys-values"));
        List<CdbRecord> records = new ArrayList<>();
        records.add(new CdbRecord(new byte[0], new byte[0]));
        records.add(new CdbRecord(new byte[0], "first non-empty".getBytes(US_ASCII)));
        records.add(new CdbRecord("k".getBytes(US_ASCII), new byte[0]));
        for (int i = 0; i < 30; i++) {
            boolean emptyKey = random.nextBoolean();
            records.add(new CdbRecord(emptyKey ? new byte[0] : printable(random, 1 + random.nextInt(8)),
                    random.nextBoolean() ? new byte[0] : printable(random, random.nextInt(10))));
        }
        Collections.shuffle(records.subList(3, records.size()), random);
        return logged(new RecordSet("empty-keys-values", seed("empty-keys-values"), records));
    }

    /** Keys and data full of the bytes a text format might trip over. */
    static RecordSet binary() {
        Random random = new Random(seed("binary"));
        List<CdbRecord> records = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            records.add(new CdbRecord(awkward(random, random.nextInt(40)), awkward(random, random.nextInt(300))));
        }
        records.add(new CdbRecord("->".getBytes(US_ASCII), "\n".getBytes(US_ASCII)));
        records.add(new CdbRecord("+1,1:a->b\n".getBytes(US_ASCII), "\n\n+0,0:->\n".getBytes(US_ASCII)));
        records.add(new CdbRecord(new byte[] {0}, new byte[] {0, 0}));
        records.add(new CdbRecord(new byte[] {(byte) 0xff, (byte) 0x80, '\n'}, new byte[] {(byte) 0xfe}));
        Collections.shuffle(records, random);
        return logged(new RecordSet("binary", seed("binary"), records));
    }

    /** One key many times over, among others, some of them also repeated. */
    static RecordSet duplicates() {
        Random random = new Random(seed("duplicates"));
        List<CdbRecord> records = new ArrayList<>();
        byte[] hot = "hot-key".getBytes(US_ASCII);
        for (int i = 0; i < 1500; i++) {
            records.add(new CdbRecord(hot, ("value " + i).getBytes(US_ASCII)));
        }
        for (int i = 0; i < 20; i++) {
            byte[] warm = ("warm" + i).getBytes(US_ASCII);
            for (int j = 0; j < 1 + random.nextInt(12); j++) {
                records.add(new CdbRecord(warm, printable(random, random.nextInt(12))));
            }
        }
        for (int i = 0; i < 500; i++) {
            records.add(new CdbRecord(printable(random, 1 + random.nextInt(16)), printable(random, random.nextInt(16))));
        }
        // Shuffle, but keep each key's values in their numbered order within the hot key.
        Collections.shuffle(records, random);
        int n = 0;
        for (int i = 0; i < records.size(); i++) {
            if (java.util.Arrays.equals(records.get(i).key(), hot)) {
                records.set(i, new CdbRecord(hot, ("value " + n++).getBytes(US_ASCII)));
            }
        }
        return logged(new RecordSet("duplicates", seed("duplicates"), records));
    }

    /**
     * Keys that crowd one hash table (same low 8 bits of the hash), and families of keys that share
     * the whole 32-bit hash, built as multi-collisions: the hash is h*33^byte, so two 2-byte blocks
     * that lead from the same state to the same state can be found by search, and k such pairs in a
     * row give 2^k keys with one hash. Those land in one table at one start slot: long probe chains.
     */
    static RecordSet collisions() {
        Random random = new Random(seed("collisions"));
        List<CdbRecord> records = new ArrayList<>();
        int table = random.nextInt(256);
        for (int found = 0; found < 400; ) {
            byte[] key = printable(random, 1 + random.nextInt(12));
            if (CdbHash.table(CdbHash.hash(key)) == table) {
                records.add(new CdbRecord(key, ("same table " + found++).getBytes(US_ASCII)));
            }
        }
        for (int family = 0; family < 3; family++) {
            List<byte[]> keys = sameHash(printable(random, random.nextInt(5)), 6, random);
            for (byte[] key : keys) {
                records.add(new CdbRecord(key, ("family " + family + " " + random.nextInt(1000)).getBytes(US_ASCII)));
            }
            records.add(new CdbRecord(keys.get(0), "a duplicate in the family".getBytes(US_ASCII)));
        }
        Collections.shuffle(records, random);
        return logged(new RecordSet("collisions", seed("collisions"), records));
    }

    /** 2^blocks distinct keys starting with {@code prefix} that all have the same cdb hash. */
    static List<byte[]> sameHash(byte[] prefix, int blocks, Random random) {
        List<byte[]> keys = new ArrayList<>(List.of(prefix));
        int state = CdbHash.hash(prefix);
        for (int b = 0; b < blocks; b++) {
            byte[][] pair = collidingBlocks(state, random);
            List<byte[]> next = new ArrayList<>();
            for (byte[] key : keys) {
                for (byte[] block : pair) {
                    byte[] longer = java.util.Arrays.copyOf(key, key.length + 2);
                    longer[key.length] = block[0];
                    longer[key.length + 1] = block[1];
                    next.add(longer);
                }
            }
            keys = next;
            state = step(step(state, pair[0][0]), pair[0][1]);
        }
        return keys;
    }

    /** Two different 2-byte blocks that take the hash from {@code state} to the same value. */
    private static byte[][] collidingBlocks(int state, Random random) {
        int offset = random.nextInt(256);
        for (int i = 0; i < 256; i++) {
            int a = (i + offset) & 0xff;
            for (int a2 = 0; a2 < 256; a2++) {
                int diff = step(state, a) * 33 ^ step(state, a2) * 33;
                if (a2 != a && (diff & ~0xff) == 0) {
                    int b = random.nextInt(256);
                    int b2 = b ^ diff;
                    if (step(step(state, a), b) != step(step(state, a2), b2)) {
                        throw new AssertionError("construction is wrong");
                    }
                    return new byte[][] {{(byte) a, (byte) b}, {(byte) a2, (byte) b2}};
                }
            }
        }
        throw new AssertionError("no colliding block from state " + state);
    }

    private static int step(int h, int c) {
        return (h << 5) + h ^ (c & 0xff);
    }

    /** A few thousand records of every shape, some keys repeated. */
    static RecordSet random() {
        Random random = new Random(seed("random"));
        List<CdbRecord> records = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            byte[] key = i > 100 && random.nextInt(10) == 0
                    ? records.get(random.nextInt(records.size())).key()
                    : random.nextInt(4) == 0 ? awkward(random, random.nextInt(30)) : printable(random, random.nextInt(30));
            int dataLength = random.nextInt(100) == 0 ? 2000 + random.nextInt(20000) : random.nextInt(60);
            records.add(new CdbRecord(key, random.nextBoolean() ? printable(random, dataLength) : awkward(random, dataLength)));
        }
        return logged(new RecordSet("random", seed("random"), records));
    }

    static byte[] printable(Random random, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (0x21 + random.nextInt(0x5e)); // no space, so keys also work as shell words
        }
        return b;
    }

    private static final byte[][] TRICKY = {
        {0}, {'\n'}, {'-', '>'}, {'+'}, {','}, {':'}, {'\n', '\n'}, {'+', '1', ',', '1', ':'}, {(byte) 0x80},
        {(byte) 0xff}, {'\r', '\n'}, {' '}, {'-'}, {'>'}, {(byte) 0xc3, (byte) 0xa9}};

    /** Bytes biased toward NUL, newlines, "->", the format's punctuation and 0x80-0xff. */
    static byte[] awkward(Random random, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < length) {
            if (random.nextInt(3) == 0) {
                out.writeBytes(TRICKY[random.nextInt(TRICKY.length)]);
            } else {
                out.write(random.nextInt(256));
            }
        }
        return java.util.Arrays.copyOf(out.toByteArray(), length);
    }
}
