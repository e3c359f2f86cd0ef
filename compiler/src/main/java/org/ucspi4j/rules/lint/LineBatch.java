package org.ucspi4j.rules.lint;

import java.util.Arrays;

/** Consecutive lines, copied out of the reader's buffer, to be checked on a pool thread. */
final class LineBatch {
    static final int LINES = 4096;
    final long first;
    final int[] starts = new int[LINES + 1];
    byte[] bytes;
    int count;

    /** @param size bytes to start with: the last batch's, as the next one is likely alike */
    LineBatch(long first, int size) {
        this.first = first;
        this.bytes = new byte[size];
    }

    /** Adds a line; returns whether the batch is full. */
    boolean add(byte[] buffer, int offset, int length) {
        int used = starts[count];
        if (used + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + length));
        }
        System.arraycopy(buffer, offset, bytes, used, length);
        starts[++count] = used + length;
        return count == LINES;
    }

    /** Bytes of the lines held. */
    int size() {
        return starts[count];
    }
}
