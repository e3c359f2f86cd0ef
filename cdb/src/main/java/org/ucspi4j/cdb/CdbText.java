package org.ucspi4j.cdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The cdbmake/cdbdump text format: one {@code +klen,dlen:key->data\n} line per record, then one empty
 * line. Keys and data are raw bytes and may hold newlines or {@code ->}. Input after the empty line is
 * ignored, as cdbmake does.
 *
 * <p>Errors are reported at the byte where freecdb's cdbmake reports them, with the same defect, so
 * the command layer can print freecdb's message.
 */
public final class CdbText {
    private CdbText() {}

    /**
     * The largest key or data length freecdb's cdbmake accepts. From 4294967210 on it fails with
     * "out of memory" as soon as the digit that reaches the limit is read, before the record (measured
     * on freecdb 0.76; the limit is the same for keys and data and does not depend on the position).
     */
    static final long MAX_LENGTH = 4_294_967_209L;

    /** Longest record text (key, "->", data, newline) held in one buffer: what one Java array can hold. */
    private static final int MAX_BODY = Integer.MAX_VALUE - 16;

    /** Receives parsed records. */
    @FunctionalInterface
    public interface RecordSink {
        void accept(byte[] key, byte[] data) throws IOException;
    }

    /**
     * Receives parsed records without a copy: key and data are slices of the parser's buffer, valid
     * only during the call. {@link CdbWriter#add(byte[], int, int, byte[], int, int)} fits it.
     */
    @FunctionalInterface
    public interface SliceSink {
        void accept(byte[] buffer, int keyOffset, int keyLength, int dataOffset, int dataLength)
                throws IOException;
    }

    /** Parses text from {@code in}, streaming a copy of each record to {@code sink}; returns the count. */
    public static long read(InputStream in, RecordSink sink) throws IOException {
        return readSlices(in, (b, ko, kl, dataOffset, dl) ->
                sink.accept(Arrays.copyOfRange(b, ko, ko + kl), Arrays.copyOfRange(b, dataOffset, dataOffset + dl)));
    }

    /** Parses text from {@code in}, handing each record to {@code sink} as buffer slices; returns the count. */
    public static long readSlices(InputStream in, SliceSink sink) throws IOException {
        return new Parser(in).parse(sink);
    }

    /** Writes one record in text form. */
    public static void write(OutputStream out, byte[] key, byte[] data) throws IOException {
        writeHead(out, key.length, data.length);
        out.write(key);
        out.write('-');
        out.write('>');
        out.write(data);
        out.write('\n');
    }

    /** Writes {@code +klen,dlen:}, the part of a record line before the key. */
    public static void writeHead(OutputStream out, long keyLength, long dataLength) throws IOException {
        byte[] head = new byte[23];
        int at = head.length;
        head[--at] = ':';
        at = digits(head, at, dataLength);
        head[--at] = ',';
        at = digits(head, at, keyLength);
        head[--at] = '+';
        out.write(head, at, head.length - at);
    }

    private static int digits(byte[] into, int end, long value) {
        int at = end;
        do {
            into[--at] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        return at;
    }

    /** Writes the closing empty line. */
    public static void end(OutputStream out) throws IOException {
        out.write('\n');
    }

    /**
     * Parses straight out of a byte buffer refilled from the stream: one record's text (key, "->", data,
     * newline) is made contiguous in the buffer, so records reach the sink without copies.
     */
    private static final class Parser {
        private final InputStream in;
        private byte[] buffer = new byte[1 << 16];
        private int position; // next byte to parse
        private int limit; // end of the bytes read so far
        private long base; // stream offset of buffer[0]
        private boolean eof;
        private long entry;
        private long line = 1;

        Parser(InputStream in) {
            this.in = in;
        }

        long parse(SliceSink sink) throws IOException {
            for (entry = 1; ; entry++) {
                int c = next();
                if (c == '\n') {
                    return entry - 1;
                }
                if (c != '+') {
                    throw fail(CdbTextFormatException.Defect.NO_PLUS, position - 1);
                }
                long keyLength = number(',', CdbTextFormatException.Defect.BAD_KEY_LENGTH);
                long dataLength = number(':', CdbTextFormatException.Defect.BAD_DATA_LENGTH);
                if (keyLength + dataLength > MAX_BODY - 3) {
                    skipOversized(keyLength, dataLength);
                }
                int k = (int) keyLength;
                int d = (int) dataLength;
                int available = fill(k + d + 3);
                // In freecdb's order: the key, the arrow, the data, the newline.
                int key = position;
                int arrow = key + k;
                int data = arrow + 2;
                int newline = data + d;
                int end = position + available;
                if (arrow > end) {
                    throw consumedThenFail(CdbTextFormatException.Defect.UNEXPECTED_END, end, end);
                }
                check(arrow, end, '-', CdbTextFormatException.Defect.NO_ARROW);
                check(arrow + 1, end, '>', CdbTextFormatException.Defect.NO_ARROW);
                if (newline > end) {
                    throw consumedThenFail(CdbTextFormatException.Defect.UNEXPECTED_END, end, end);
                }
                check(newline, end, '\n', CdbTextFormatException.Defect.NO_NEWLINE);
                countLines(key, newline + 1);
                position = newline + 1;
                sink.accept(buffer, key, k, data, d);
            }
        }

        private void check(int at, int end, char expected, CdbTextFormatException.Defect defect)
                throws CdbTextFormatException {
            if (at == end) {
                throw consumedThenFail(CdbTextFormatException.Defect.UNEXPECTED_END, end, end);
            }
            if (buffer[at] != expected) {
                throw consumedThenFail(defect, at + 1, at);
            }
        }

        /** Marks everything before {@code consumed} read (for the line count) and reports at {@code at}. */
        private CdbTextFormatException consumedThenFail(CdbTextFormatException.Defect defect, int consumed, int at) {
            countLines(position, consumed);
            position = consumed;
            return fail(defect, at);
        }

        // Decimal digits up to the terminator; no digits means 0, as cdbmake reads it.
        private long number(char terminator, CdbTextFormatException.Defect defect) throws IOException {
            long value = 0;
            for (int c = next(); c != terminator; c = next()) {
                if (c < '0' || c > '9') {
                    throw fail(defect, position - 1);
                }
                value = value * 10 + (c - '0');
                if (value > MAX_LENGTH) {
                    throw fail(CdbTextFormatException.Defect.TOO_LARGE, position - 1);
                }
            }
            return value;
        }

        /**
         * A record too large for one array. Reads past it as cdbmake would, so that input ending early is
         * still reported as such; a record that is really there is refused as too large.
         */
        private void skipOversized(long keyLength, long dataLength) throws IOException {
            skip(keyLength);
            for (char expected : new char[] {'-', '>'}) {
                int c = next();
                if (c != expected) {
                    throw fail(CdbTextFormatException.Defect.NO_ARROW, position - 1);
                }
            }
            skip(dataLength);
            throw fail(CdbTextFormatException.Defect.TOO_LARGE, position);
        }

        private void skip(long length) throws IOException {
            for (long left = length; left > 0; ) {
                if (position == limit && !refill()) {
                    throw fail(CdbTextFormatException.Defect.UNEXPECTED_END, position);
                }
                int n = (int) Math.min(left, limit - position);
                countLines(position, position + n);
                position += n;
                left -= n;
            }
        }

        private int next() throws IOException {
            if (position == limit && !refill()) {
                throw fail(CdbTextFormatException.Defect.UNEXPECTED_END, position);
            }
            byte c = buffer[position++];
            if (c == '\n') {
                line++;
            }
            return c & 0xff;
        }

        /**
         * Makes up to {@code wanted} bytes available from {@code position}; returns how many are. The
         * buffer grows only as input arrives, so a record that claims gigabytes but is not there costs
         * nothing.
         */
        private int fill(int wanted) throws IOException {
            if (limit - position >= wanted) {
                return wanted;
            }
            if (position > 0 && wanted > buffer.length - position) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                base += position;
                limit -= position;
                position = 0;
            }
            while (limit - position < wanted && !eof) {
                if (limit == buffer.length) {
                    buffer = Arrays.copyOf(buffer, (int) Math.min(position + (long) wanted, 2L * buffer.length));
                }
                int n = in.read(buffer, limit, buffer.length - limit);
                if (n < 0) {
                    eof = true;
                } else {
                    limit += n;
                }
            }
            return Math.min(wanted, limit - position);
        }

        /** Reads more into an empty buffer; false at the end of input. */
        private boolean refill() throws IOException {
            if (eof) {
                return false;
            }
            base += limit;
            position = 0;
            limit = 0;
            while (limit == 0) {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    eof = true;
                    return false;
                }
                limit = n;
            }
            return true;
        }

        private void countLines(int from, int to) {
            for (int i = from; i < to; i++) {
                if (buffer[i] == '\n') {
                    line++;
                }
            }
        }

        private CdbTextFormatException fail(CdbTextFormatException.Defect defect, int at) {
            return new CdbTextFormatException(defect, entry, line, base + at);
        }
    }
}
