package org.ucspi4j.rules.lint;

/**
 * A set of longs, open addressing: what a {@code HashSet<Long>} does without an object per
 * element (the overlap analysis asks it once per nested pair of rules, hundreds of thousands of
 * times on a big file).
 */
final class LongSet {
    private long[] slots = new long[1 << 10];
    private boolean[] used = new boolean[1 << 10];
    private int size;

    /** Adds {@code v}; whether it was new. */
    boolean add(long v) {
        int mask = slots.length - 1;
        for (int i = spread(v) & mask;; i = (i + 1) & mask) {
            if (!used[i]) {
                used[i] = true;
                slots[i] = v;
                if (++size * 2 > slots.length) {
                    grow();
                }
                return true;
            }
            if (slots[i] == v) {
                return false;
            }
        }
    }

    private void grow() {
        long[] oldSlots = slots;
        boolean[] oldUsed = used;
        slots = new long[oldSlots.length * 2];
        used = new boolean[oldSlots.length * 2];
        int mask = slots.length - 1;
        for (int j = 0; j < oldSlots.length; j++) {
            if (oldUsed[j]) {
                int i = spread(oldSlots[j]) & mask;
                while (used[i]) {
                    i = (i + 1) & mask;
                }
                used[i] = true;
                slots[i] = oldSlots[j];
            }
        }
    }

    private static int spread(long v) {
        long h = v * 0x9e3779b97f4a7c15L;
        return (int) (h ^ h >>> 32);
    }
}
