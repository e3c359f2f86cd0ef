package org.ucspi4j.cdb;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The cdbmake/cdbdump text format: one {@code +klen,dlen:key->data\n} line per record, then one empty
 * line. Keys and data are raw bytes and may hold newlines or {@code ->}. Input after the empty line is
 * ignored, as cdbmake does.
 */
public final class CdbText {
    private CdbText() {}

    /** Receives parsed records. */
    @FunctionalInterface
    public interface RecordSink {
        void accept(byte[] key, byte[] data) throws IOException;
    }

    /** Parses text from {@code in}, streaming each record to {@code sink}; returns the record count. */
    public static long read(InputStream in, RecordSink sink) throws IOException {
        return new Parser(in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16))
                .parse(sink);
    }

    /** Writes one record in text form. */
    public static void write(OutputStream out, byte[] key, byte[] data) throws IOException {
        out.write(('+' + Integer.toString(key.length) + ',' + data.length + ':')
                .getBytes(StandardCharsets.US_ASCII));
        out.write(key);
        out.write('-');
        out.write('>');
        out.write(data);
        out.write('\n');
    }

    /** Writes the closing empty line. */
    public static void end(OutputStream out) throws IOException {
        out.write('\n');
    }

    private static final class Parser {
        private final InputStream in;
        private long entry;
        private long line = 1;
        private long offset; // offset of the next byte to read

        Parser(InputStream in) {
            this.in = in;
        }

        long parse(RecordSink sink) throws IOException {
            for (entry = 1; ; entry++) {
                int c = next();
                if (c == '\n') {
                    return entry - 1;
                }
                if (c != '+') {
                    throw fail(CdbTextFormatException.Defect.NO_PLUS);
                }
                long keyLength = number(',', CdbTextFormatException.Defect.BAD_KEY_LENGTH);
                long dataLength = number(':', CdbTextFormatException.Defect.BAD_DATA_LENGTH);
                if (keyLength + dataLength > 0xFFFF_FFFFL || keyLength + dataLength > Integer.MAX_VALUE - 16) {
                    throw fail(CdbTextFormatException.Defect.TOO_LARGE);
                }
                byte[] key = bytes((int) keyLength);
                if (next() != '-' || next() != '>') {
                    throw fail(CdbTextFormatException.Defect.NO_ARROW);
                }
                byte[] data = bytes((int) dataLength);
                if (next() != '\n') {
                    throw fail(CdbTextFormatException.Defect.NO_NEWLINE);
                }
                sink.accept(key, data);
            }
        }

        // Decimal digits up to the terminator; no digits means 0, as cdbmake reads it.
        private long number(char terminator, CdbTextFormatException.Defect defect) throws IOException {
            long value = 0;
            for (int c = next(); c != terminator; c = next()) {
                if (c < '0' || c > '9') {
                    throw fail(defect);
                }
                value = value * 10 + (c - '0');
                if (value > 0xFFFF_FFFFL) {
                    throw fail(CdbTextFormatException.Defect.TOO_LARGE);
                }
            }
            return value;
        }

        private byte[] bytes(int length) throws IOException {
            byte[] b = in.readNBytes(length);
            offset += b.length;
            for (byte x : b) {
                if (x == '\n') {
                    line++;
                }
            }
            if (b.length < length) {
                throw fail(CdbTextFormatException.Defect.UNEXPECTED_END);
            }
            return b;
        }

        private int next() throws IOException {
            int c = in.read();
            if (c < 0) {
                throw fail(CdbTextFormatException.Defect.UNEXPECTED_END);
            }
            offset++;
            if (c == '\n') {
                line++;
            }
            return c;
        }

        private CdbTextFormatException fail(CdbTextFormatException.Defect defect) {
            // Point at the offending byte (already consumed), or at the end of input.
            long at = defect == CdbTextFormatException.Defect.UNEXPECTED_END ? offset : offset - 1;
            return new CdbTextFormatException(defect, entry, line, Math.max(0, at));
        }
    }
}
