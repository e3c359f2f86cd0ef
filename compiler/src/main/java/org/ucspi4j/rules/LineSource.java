package org.ucspi4j.rules;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at '\n' (the '\n' stays with its line; the last line may lack
 * one), streaming: memory holds one read buffer plus the longest line.
 */
public final class LineSource {
    /** Receives each line: its 1-based number and its bytes {@code buffer[offset..offset+length)}. */
    @FunctionalInterface
    public interface LineVisitor {
        void line(long number, byte[] buffer, int offset, int length) throws IOException, RuleSyntaxException;
    }

    private static final int CHUNK = 1 << 16;

    private LineSource() {}

    /** Reads {@code in} to its end, calling {@code visitor} per line; returns the line count. */
    public static long forEach(InputStream in, LineVisitor visitor) throws IOException, RuleSyntaxException {
        byte[] buffer = new byte[CHUNK];
        int start = 0;
        int end = 0;
        long number = 0;
        for (;;) {
            int scanFrom = end;
            if (end == buffer.length) {
                if (start > 0) {
                    System.arraycopy(buffer, start, buffer, 0, end - start);
                    scanFrom -= start;
                    end -= start;
                    start = 0;
                } else {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2); // a line longer than the buffer
                }
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                if (end > start) {
                    visitor.line(++number, buffer, start, end - start);
                }
                return number;
            }
            end += n;
            for (int i = scanFrom; i < end; i++) {
                if (buffer[i] == '\n') {
                    visitor.line(++number, buffer, start, i + 1 - start);
                    start = i + 1;
                }
            }
            if (start == end) {
                start = 0;
                end = 0;
            }
        }
    }
}
