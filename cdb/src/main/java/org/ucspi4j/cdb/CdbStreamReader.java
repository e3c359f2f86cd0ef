package org.ucspi4j.cdb;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Reads a cdb front to back from a stream, as DJB's cdbdump does: the header's first table position
 * marks the end of the records, which are read in file order. Works on pipes; does not look at the
 * hash tables (use {@link CdbReader} to check a whole file).
 */
public final class CdbStreamReader {
    private CdbStreamReader() {}

    /** Which part of the file a stream ended in. */
    public enum Part {
        HEADER, RECORD_LENGTHS, KEY, DATA
    }

    /** A stream that ends before the record section does. */
    public static final class TruncatedException extends IOException {
        private final Part part;

        public TruncatedException(Part part, long at) {
            super("truncated file: input ends inside the " + part.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ') + " at " + at);
            this.part = part;
        }

        public Part part() {
            return part;
        }
    }

    /** A record that is too large to hold in one Java array. */
    public static final class RecordTooLargeException extends IOException {
        public RecordTooLargeException(String message) {
            super(message);
        }
    }

    /**
     * Receives a record piece by piece, as it streams by: records of any size pass without being held
     * whole, and after a truncation the visitor has seen exactly the bytes that were there.
     */
    public interface Visitor {
        /** A record starts; its key and data follow in zero or more chunks each. */
        void start(long keyLength, long dataLength) throws IOException;

        void key(byte[] bytes, int offset, int length) throws IOException;

        /** The key is complete; data chunks follow. */
        void keyEnd() throws IOException;

        void data(byte[] bytes, int offset, int length) throws IOException;

        /** The record is complete. */
        void end() throws IOException;
    }

    /** Streams every record to {@code visitor}; returns the number of records. */
    public static long stream(InputStream in, Visitor visitor) throws IOException {
        return new Stream(in).run(visitor);
    }

    /** Calls {@code visitor} for each whole record in file order; returns the number of records. */
    public static long read(InputStream in, Consumer<CdbRecord> visitor) throws IOException {
        return stream(in, new Visitor() {
            private byte[] key;
            private byte[] data;
            private int filled;

            @Override
            public void start(long keyLength, long dataLength) throws RecordTooLargeException {
                if (keyLength > Integer.MAX_VALUE - 8 || dataLength > Integer.MAX_VALUE - 8) {
                    throw new RecordTooLargeException("record of " + keyLength + "+" + dataLength
                            + " bytes is larger than 2 GiB");
                }
                key = new byte[(int) keyLength];
                data = new byte[(int) dataLength];
                filled = 0;
            }

            @Override
            public void key(byte[] bytes, int offset, int length) {
                System.arraycopy(bytes, offset, key, filled, length);
                filled += length;
            }

            @Override
            public void keyEnd() {
                filled = 0;
            }

            @Override
            public void data(byte[] bytes, int offset, int length) {
                System.arraycopy(bytes, offset, data, filled, length);
                filled += length;
            }

            @Override
            public void end() {
                visitor.accept(new CdbRecord(key, data));
            }
        });
    }

    private static final class Stream {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        private long offset; // stream offset of buffer[position]

        Stream(InputStream in) {
            this.in = in;
        }

        long run(Visitor visitor) throws IOException {
            byte[] header = new byte[CdbWriter.HEADER_SIZE];
            readFully(header, Part.HEADER);
            long end = le32(header, 0);
            long records = 0;
            byte[] lengths = new byte[8];
            while (offset < end) {
                readFully(lengths, Part.RECORD_LENGTHS);
                long keyLength = le32(lengths, 0);
                long dataLength = le32(lengths, 4);
                visitor.start(keyLength, dataLength);
                copy(keyLength, Part.KEY, visitor);
                visitor.keyEnd();
                copy(dataLength, Part.DATA, visitor);
                visitor.end();
                records++;
            }
            return records;
        }

        private void copy(long length, Part part, Visitor visitor) throws IOException {
            for (long left = length; left > 0; ) {
                if (position == limit && !refill()) {
                    throw new TruncatedException(part, offset);
                }
                int n = (int) Math.min(left, limit - position);
                if (part == Part.KEY) {
                    visitor.key(buffer, position, n);
                } else {
                    visitor.data(buffer, position, n);
                }
                position += n;
                offset += n;
                left -= n;
            }
        }

        private void readFully(byte[] into, Part part) throws IOException {
            for (int filled = 0; filled < into.length; ) {
                if (position == limit && !refill()) {
                    throw new TruncatedException(part, offset);
                }
                int n = Math.min(into.length - filled, limit - position);
                System.arraycopy(buffer, position, into, filled, n);
                position += n;
                offset += n;
                filled += n;
            }
        }

        private boolean refill() throws IOException {
            int n;
            do {
                n = in.read(buffer, 0, buffer.length);
            } while (n == 0);
            position = 0;
            limit = Math.max(n, 0);
            return n > 0;
        }
    }

    private static long le32(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }
}
