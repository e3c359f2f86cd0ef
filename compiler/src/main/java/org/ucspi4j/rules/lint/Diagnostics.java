package org.ucspi4j.rules.lint;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * One file's diagnostics in file order ({@link Diagnostic#ORDER}): references into the
 * {@link DiagnosticBlock}s that hold them. Read as a list, each element is made on demand; the
 * text report and the counts read the blocks directly.
 */
public final class Diagnostics extends AbstractList<Diagnostic> implements RandomAccess {
    private final String file;
    private DiagnosticBlock[] blocks;
    private int[] positions;
    private int size;

    Diagnostics(String file, int capacity) {
        this.file = file;
        this.blocks = new DiagnosticBlock[Math.max(16, capacity)];
        this.positions = new int[blocks.length];
    }

    /** {@code list}, in its order, as the diagnostics of {@code file}. */
    public static Diagnostics of(String file, List<Diagnostic> list) {
        if (list instanceof Diagnostics d) {
            return d;
        }
        Blocks found = new Blocks();
        for (Diagnostic d : list) {
            found.emit(d.line(), d.column(), d.code(), d.message(), d.hint());
        }
        return found.inOrderFound(file);
    }

    /** Diagnostics as they are found, block after block; their order is worked out at the end. */
    static final class Blocks implements Emitter {
        private final List<DiagnosticBlock> blocks = new ArrayList<>();
        private final int expectedSize;
        private final int expectedText;
        private DiagnosticBlock current;

        Blocks() {
            this(64, 4096);
        }

        /** Expecting about {@code size} diagnostics with {@code text} bytes of messages and hints. */
        Blocks(int size, int text) {
            this.expectedSize = size;
            this.expectedText = text;
        }

        @Override
        public void emit(long line, int column, LintCode code, String message, String hint) {
            if (current == null || current.full()) {
                current = blocks.isEmpty() ? new DiagnosticBlock(expectedSize, expectedText) : new DiagnosticBlock();
                blocks.add(current);
            }
            current.emit(line, column, code, message, hint);
        }

        /** Bytes of text held. */
        int textSize() {
            int n = 0;
            for (DiagnosticBlock b : blocks) {
                n += b.textSize();
            }
            return n;
        }

        int size() {
            int n = 0;
            for (DiagnosticBlock b : blocks) {
                n += b.size();
            }
            return n;
        }

        /** All of them, in the order they were found. */
        Diagnostics inOrderFound(String file) {
            Diagnostics d = new Diagnostics(file, size());
            for (DiagnosticBlock b : blocks) {
                for (int i = 0; i < b.size(); i++) {
                    d.add(b, i);
                }
            }
            return d;
        }

        /** All of them, in file order (stable: equal ones as found). */
        Diagnostics sorted(String file) {
            Diagnostics d = inOrderFound(file);
            d.sort();
            return d;
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Diagnostic get(int k) {
        DiagnosticBlock b = block(k);
        int i = position(k);
        return new Diagnostic(file, b.line(i), b.column(i), b.code(i), b.message(i), b.hint(i));
    }

    public Severity severity(int k) {
        return blocks[k].code(positions[k]).severity();
    }

    DiagnosticBlock block(int k) {
        if (k >= size) {
            throw new IndexOutOfBoundsException(k);
        }
        return blocks[k];
    }

    int position(int k) {
        return positions[k];
    }

    void add(DiagnosticBlock block, int position) {
        if (size == blocks.length) {
            blocks = Arrays.copyOf(blocks, size * 2);
            positions = Arrays.copyOf(positions, size * 2);
        }
        blocks[size] = block;
        positions[size++] = position;
    }

    /** Appends {@code other}'s diagnostics, in its order. */
    void append(Diagnostics other) {
        for (int k = 0; k < other.size; k++) {
            add(other.blocks[k], other.positions[k]);
        }
    }

    /** Appends {@code a} and {@code b}, each in file order, in file order; on a tie {@code a}'s first. */
    void addMerged(Diagnostics a, Diagnostics b) {
        int i = 0;
        int j = 0;
        while (i < a.size && j < b.size) {
            if (a.blocks[i].compare(a.positions[i], b.blocks[j], b.positions[j]) <= 0) {
                add(a.blocks[i], a.positions[i++]);
            } else {
                add(b.blocks[j], b.positions[j++]);
            }
        }
        for (; i < a.size; i++) {
            add(a.blocks[i], a.positions[i]);
        }
        for (; j < b.size; j++) {
            add(b.blocks[j], b.positions[j]);
        }
    }

    /** Into file order, stably: a merge sort of the references, a pass when they are in order already. */
    void sort() {
        boolean ordered = true;
        for (int k = 1; k < size && ordered; k++) {
            ordered = compare(k - 1, k) <= 0;
        }
        if (ordered) {
            return;
        }
        int[] order = new int[size];
        for (int k = 0; k < size; k++) {
            order[k] = k;
        }
        int[] spare = new int[size];
        for (int width = 1; width < size; width *= 2) {
            for (int from = 0; from < size; from += 2 * width) {
                int mid = Math.min(from + width, size);
                int to = Math.min(from + 2 * width, size);
                int i = from;
                int j = mid;
                int out = from;
                while (i < mid && j < to) {
                    spare[out++] = compare(order[i], order[j]) <= 0 ? order[i++] : order[j++];
                }
                while (i < mid) {
                    spare[out++] = order[i++];
                }
                while (j < to) {
                    spare[out++] = order[j++];
                }
            }
            int[] t = order;
            order = spare;
            spare = t;
        }
        DiagnosticBlock[] sortedBlocks = new DiagnosticBlock[blocks.length];
        int[] sortedPositions = new int[blocks.length];
        for (int k = 0; k < size; k++) {
            sortedBlocks[k] = blocks[order[k]];
            sortedPositions[k] = positions[order[k]];
        }
        blocks = sortedBlocks;
        positions = sortedPositions;
    }

    private int compare(int k, int l) {
        return blocks[k].compare(positions[k], blocks[l], positions[l]);
    }
}
