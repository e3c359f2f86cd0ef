package org.ucspi4j.cdb;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The cdb hash: start at 5381, then {@code h = (h * 33) ^ byte} for each unsigned key byte, mod 2^32. */
public final class CdbHash {
    private CdbHash() {}

    public static final int SEED = 5381;

    public static int hash(byte[] key) {
        return hash(key, 0, key.length);
    }

    public static int hash(byte[] key, int offset, int length) {
        int h = SEED;
        for (int i = offset, end = offset + length; i < end; i++) {
            h = ((h << 5) + h) ^ (key[i] & 0xff);
        }
        return h;
    }

    /**
     * The hash of {@code length} bytes of {@code segment}, copied out through {@code scratch} (any size
     * but 0) first: a bulk copy and an array loop beat a bounds-checked access per byte, most of all
     * under the C1-only JIT the launcher uses for short-lived tools.
     */
    static int hash(MemorySegment segment, long offset, long length, byte[] scratch) {
        int h = SEED;
        for (long at = offset, end = offset + length; at < end; ) {
            int n = (int) Math.min(scratch.length, end - at);
            MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, at, scratch, 0, n);
            for (int i = 0; i < n; i++) {
                h = ((h << 5) + h) ^ (scratch[i] & 0xff);
            }
            at += n;
        }
        return h;
    }

    /** The table (0..255) a hash belongs to. */
    public static int table(int hash) {
        return hash & 0xff;
    }

    /** The first slot probed in a table of {@code slots} slots. */
    public static long startSlot(int hash, long slots) {
        return Integer.toUnsignedLong(hash >>> 8) % slots;
    }
}
