package org.ucspi4j.rules.lint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Diagnostics as they are found, compactly: their numbers in columns, their messages and hints as
 * UTF-8 back to back in one array. A big file's million diagnostics are then a few hundred arrays
 * for the collector, not three million objects, and the text report copies bytes. Filled by one
 * thread, then only read.
 */
final class DiagnosticBlock implements Emitter {
    /** Diagnostics per block, and text bytes: a block never comes near an array's 2 GB limit. */
    static final int MAX_SIZE = 1 << 16;
    static final int MAX_TEXT = 1 << 28;

    private static final LintCode[] CODES = LintCode.values();
    private long[] lines;
    private int[] columns;
    private byte[] codes;
    private int[] starts; // the message's first byte
    private int[] messageEnds; // and the hint's first
    private int[] hintEnds; // -1: no hint
    private byte[] text;
    private int used;
    private int size;

    DiagnosticBlock() {
        this(64, 4096);
    }

    /** With room for {@code size} diagnostics and {@code text} bytes of messages and hints. */
    DiagnosticBlock(int size, int text) {
        int n = Math.clamp(size, 16, MAX_SIZE);
        lines = new long[n];
        columns = new int[n];
        codes = new byte[n];
        starts = new int[n];
        messageEnds = new int[n];
        hintEnds = new int[n];
        this.text = new byte[Math.clamp(text, 256, MAX_TEXT)];
    }

    /** Bytes of text held. */
    int textSize() {
        return used;
    }

    /** Whether the next diagnostic belongs in a new block. */
    boolean full() {
        return size == MAX_SIZE || used > MAX_TEXT;
    }

    int size() {
        return size;
    }

    @Override
    public void emit(long line, int column, LintCode code, String message, String hint) {
        if (size == lines.length) {
            int n = size * 2;
            lines = Arrays.copyOf(lines, n);
            columns = Arrays.copyOf(columns, n);
            codes = Arrays.copyOf(codes, n);
            starts = Arrays.copyOf(starts, n);
            messageEnds = Arrays.copyOf(messageEnds, n);
            hintEnds = Arrays.copyOf(hintEnds, n);
        }
        lines[size] = line;
        columns[size] = column;
        codes[size] = (byte) code.ordinal();
        starts[size] = used;
        append(message.getBytes(StandardCharsets.UTF_8));
        messageEnds[size] = used;
        if (hint == null) {
            hintEnds[size] = -1;
        } else {
            append(hint.getBytes(StandardCharsets.UTF_8));
            hintEnds[size] = used;
        }
        size++;
    }

    private void append(byte[] b) {
        if (used + b.length > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, used + b.length));
        }
        System.arraycopy(b, 0, text, used, b.length);
        used += b.length;
    }

    long line(int i) {
        return lines[i];
    }

    int column(int i) {
        return columns[i];
    }

    LintCode code(int i) {
        return CODES[codes[i]];
    }

    /** The text of all messages and hints: message {@code i} is {@code [messageStart(i), messageEnd(i))}. */
    byte[] text() {
        return text;
    }

    int messageStart(int i) {
        return starts[i];
    }

    int messageEnd(int i) {
        return messageEnds[i];
    }

    boolean hasHint(int i) {
        return hintEnds[i] >= 0;
    }

    int hintEnd(int i) {
        return hintEnds[i];
    }

    String message(int i) {
        return new String(text, starts[i], messageEnds[i] - starts[i], StandardCharsets.UTF_8);
    }

    String hint(int i) {
        return hintEnds[i] < 0 ? null : new String(text, messageEnds[i], hintEnds[i] - messageEnds[i], StandardCharsets.UTF_8);
    }

    /** File order ({@link Diagnostic#ORDER}) between diagnostic {@code i} here and {@code j} of {@code other}. */
    int compare(int i, DiagnosticBlock other, int j) {
        int c = Long.compare(lines[i], other.lines[j]);
        if (c == 0) {
            c = Integer.compare(columns[i], other.columns[j]);
        }
        return c != 0 ? c : Integer.compare(codes[i], other.codes[j]);
    }
}
