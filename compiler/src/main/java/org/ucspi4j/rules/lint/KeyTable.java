package org.ucspi4j.rules.lint;

import java.util.Arrays;

/**
 * Byte-string keys to the line that first had them, compactly: the keys sit back to back in one
 * growing arena, the table holds entry numbers. A million-line file holds its 1.7 million keys in
 * about 60 MB instead of the several hundred a HashMap of wrappers would take.
 */
final class KeyTable {
    private byte[] arena = new byte[1 << 16];
    private long used;
    private long[] places = new long[1 << 10]; // offset << 32 | length: one cache line to compare a key
    private long[] lines = new long[1 << 10];
    private int[] hashes = new int[1 << 10];
    private int size;
    private long[] slots = new long[1 << 11]; // hash << 32 | entry + 1; 0 = empty
    private boolean full;
    private long touched; // what touch() reads, kept so that the reads are not optimized away

    /**
     * Reads, and so brings into the cache, the slot a key of hash {@code h} starts probing at. The
     * table is far bigger than the cache: one put after another, each waits for memory in turn;
     * touched first, a run of them is fetched at once.
     */
    void touch(int h) {
        touched += slots[h & (slots.length - 1)];
    }

    /**
     * The line that first had {@code key}, or -1 after recording {@code line} for it; {@code h} is
     * the key's {@link #hash}, worked out already (on another thread). Past 2 GB of keys the table
     * takes no more, and every new key counts as first seen.
     */
    long putIfAbsent(byte[] key, int h, long line) {
        int mask = slots.length - 1;
        for (int i = h & mask;; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == 0) {
                if (full || !append(key)) {
                    full = true;
                    return -1;
                }
                lines[size] = line;
                hashes[size] = h;
                slots[i] = (long) h << 32 | ++size;
                if (size * 2 > slots.length) {
                    rehash();
                }
                return -1;
            }
            int e = (int) slot - 1;
            if ((int) (slot >>> 32) == h && equal(e, key)) {
                return lines[e];
            }
        }
    }

    private boolean append(byte[] key) {
        if (used + key.length > Integer.MAX_VALUE - 16) {
            return false;
        }
        if (used + key.length > arena.length) {
            arena = Arrays.copyOf(arena, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(used + key.length, arena.length * 2L)));
        }
        if (size == places.length) {
            places = Arrays.copyOf(places, size * 2);
            lines = Arrays.copyOf(lines, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        System.arraycopy(key, 0, arena, (int) used, key.length);
        places[size] = used << 32 | key.length;
        used += key.length;
        return true;
    }

    private boolean equal(int e, byte[] key) {
        long place = places[e];
        if ((int) place != key.length) {
            return false;
        }
        int from = (int) (place >>> 32);
        return Arrays.equals(arena, from, from + key.length, key, 0, key.length);
    }

    private void rehash() {
        long[] bigger = new long[slots.length * 2];
        int mask = bigger.length - 1;
        for (int e = 0; e < size; e++) {
            int i = hashes[e] & mask;
            while (bigger[i] != 0) {
                i = (i + 1) & mask;
            }
            bigger[i] = (long) hashes[e] << 32 | (e + 1);
        }
        slots = bigger;
    }

    /** FNV-1a, its high half folded in: the slots go by the low bits. */
    static int hash(byte[] key) {
        int h = 0x811c9dc5;
        for (byte b : key) {
            h = (h ^ (b & 0xff)) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
