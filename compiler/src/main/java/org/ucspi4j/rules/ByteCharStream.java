package org.ucspi4j.rules;

import java.nio.charset.StandardCharsets;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * Bytes as an ANTLR char stream, one char per byte (0..255), without copying: rule files are bytes,
 * and the lexer must see every byte value (NUL, 0x80-0xFF) as itself. Reset per line with
 * {@link #reset}.
 */
final class ByteCharStream implements CharStream {
    private byte[] bytes = new byte[0];
    private int offset;
    private int length;
    private int index;

    ByteCharStream reset(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.index = 0;
        return this;
    }

    @Override
    public String getText(Interval interval) {
        int start = Math.max(0, interval.a);
        int stop = Math.min(length - 1, interval.b);
        return stop < start ? "" : new String(bytes, offset + start, stop - start + 1, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void consume() {
        if (index >= length) {
            throw new IllegalStateException("cannot consume EOF");
        }
        index++;
    }

    @Override
    public int LA(int i) {
        if (i == 0) {
            return 0;
        }
        int at = i < 0 ? index + i : index + i - 1;
        if (at < 0 || at >= length) {
            return IntStream.EOF;
        }
        return bytes[offset + at] & 0xff;
    }

    @Override
    public int mark() {
        return -1;
    }

    @Override
    public void release(int marker) {
        // the whole input is in memory; nothing to release
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public void seek(int index) {
        this.index = Math.min(index, length);
    }

    @Override
    public int size() {
        return length;
    }

    @Override
    public String getSourceName() {
        return IntStream.UNKNOWN_SOURCE_NAME;
    }
}
