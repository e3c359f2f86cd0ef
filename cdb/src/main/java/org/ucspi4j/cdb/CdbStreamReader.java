package org.ucspi4j.cdb;

import java.io.DataInputStream;
import java.io.EOFException;
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

    /** A stream that ends before the record section does. */
    public static final class TruncatedException extends IOException {
        public TruncatedException(String message) {
            super(message);
        }
    }

    /** A record that is too large to hold in one Java array. */
    public static final class RecordTooLargeException extends IOException {
        public RecordTooLargeException(String message) {
            super(message);
        }
    }

    /** Calls {@code visitor} for each record in file order; returns the number of records. */
    public static long read(InputStream in, Consumer<CdbRecord> visitor) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[CdbWriter.HEADER_SIZE];
        readFully(data, header, "header");
        long end = le32(header, 0);
        long at = CdbWriter.HEADER_SIZE;
        long records = 0;
        byte[] lengths = new byte[8];
        while (at < end) {
            readFully(data, lengths, "record at " + at);
            long keyLength = le32(lengths, 0);
            long dataLength = le32(lengths, 4);
            if (keyLength > Integer.MAX_VALUE - 8 || dataLength > Integer.MAX_VALUE - 8) {
                throw new RecordTooLargeException("record at " + at + " is larger than 2 GiB");
            }
            byte[] key = new byte[(int) keyLength];
            byte[] value = new byte[(int) dataLength];
            readFully(data, key, "key of record at " + at);
            readFully(data, value, "data of record at " + at);
            visitor.accept(new CdbRecord(key, value));
            records++;
            at += 8 + keyLength + dataLength;
        }
        return records;
    }

    private static void readFully(DataInputStream in, byte[] buffer, String what) throws IOException {
        try {
            in.readFully(buffer);
        } catch (EOFException e) {
            throw new TruncatedException("truncated file: input ends inside the " + what);
        }
    }

    private static long le32(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }
}
