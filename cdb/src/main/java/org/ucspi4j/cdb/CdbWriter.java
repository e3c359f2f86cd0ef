package org.ucspi4j.cdb;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * Writes a cdb the way DJB's {@code cdb_make} does, so the bytes match it, tinycdb and freecdb for the
 * same records in the same order.
 *
 * <p>Records stream to the temporary file as they are added; only eight bytes per record (hash and
 * position) stay in memory for the hash tables. {@link #commit()} writes the tables and the header,
 * fsyncs and renames the temporary file over the target. {@link #close()} without a commit removes the
 * temporary file, so a failed run leaves the target untouched and no debris behind.
 */
public final class CdbWriter implements Closeable {
    /** Largest position a 32-bit cdb pointer can hold. */
    public static final long MAX_SIZE = 0xFFFF_FFFFL;

    static final int HEADER_SIZE = 2048;
    private static final int BUFFER_SIZE = 1 << 16;

    private final Path target;
    private final Path tmp;
    private final long maxSize;
    private final FileChannel channel;
    // A plain array, filled with plain stores: cheaper per record than ByteBuffer calls, above all
    // under the C1-only JIT the launcher picks for short-lived tools.
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int filled;
    private long position = HEADER_SIZE;
    private int[] hashes = new int[1024];
    private int[] positions = new int[1024];
    private int count;
    private boolean finished;

    private CdbWriter(Path target, Path tmp, long maxSize) throws IOException {
        this.target = target;
        this.tmp = tmp;
        this.maxSize = maxSize;
        this.channel = openTruncated(tmp);
        channel.position(HEADER_SIZE);
    }

    /** Starts a cdb that {@link #commit()} will move from {@code tmp} to {@code target}. */
    public static CdbWriter create(Path target, Path tmp) throws IOException {
        return new CdbWriter(target, tmp, MAX_SIZE);
    }

    /** As {@link #create}, with a lower size limit: lets tests reach the over-limit path cheaply. */
    static CdbWriter create(Path target, Path tmp, long maxSize) throws IOException {
        return new CdbWriter(target, tmp, maxSize);
    }

    // Mode 0644 like DJB's open_trunc; an existing file keeps its mode and owner.
    private static FileChannel openTruncated(Path tmp) throws IOException {
        try {
            return FileChannel.open(tmp, CREATE_NEW_WRITE,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        } catch (FileAlreadyExistsException | UnsupportedOperationException e) {
            return FileChannel.open(tmp, TRUNCATE_WRITE);
        }
    }

    public void add(byte[] key, byte[] data) throws IOException {
        add(key, 0, key.length, data, 0, data.length);
    }

    public void add(byte[] key, int keyOffset, int keyLength, byte[] data, int dataOffset, int dataLength)
            throws IOException {
        checkOpen();
        long end = position + 8L + keyLength + dataLength;
        if (end > maxSize) {
            throw new CdbTooLargeException(end);
        }
        if (count == hashes.length) {
            int grown = hashes.length + (hashes.length >> 1);
            hashes = Arrays.copyOf(hashes, grown);
            positions = Arrays.copyOf(positions, grown);
        }
        hashes[count] = CdbHash.hash(key, keyOffset, keyLength);
        positions[count] = (int) position;
        count++;
        ensure(8);
        putInt(keyLength);
        putInt(dataLength);
        put(key, keyOffset, keyLength);
        put(data, dataOffset, dataLength);
        position = end;
    }

    /** Records added so far. */
    public long records() {
        return count;
    }

    /** Bytes the file holds so far (header included). */
    public long position() {
        return position;
    }

    public Path target() {
        return target;
    }

    public Path tmp() {
        return tmp;
    }

    /** Writes the hash tables and header, fsyncs, and atomically renames the temporary file to the target. */
    public void commit() throws IOException {
        checkOpen();
        long tableBytes = 16L * count;
        if (position + tableBytes > maxSize) {
            throw new CdbTooLargeException(position + tableBytes);
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        writeTables(header);
        flush();
        header.flip();
        while (header.hasRemaining()) { // the buffer's position is the file offset, and advances
            channel.write(header, header.position());
        }
        channel.force(true);
        channel.close();
        finished = true;
        moveIntoPlace();
    }

    private void writeTables(ByteBuffer header) throws IOException {
        int[] perTable = new int[256];
        for (int i = 0; i < count; i++) {
            perTable[hashes[i] & 0xff]++;
        }
        // Records grouped by table, insertion order kept within each table (DJB's "split").
        int[] next = new int[256];
        int largest = 0;
        for (int t = 0, at = 0; t < 256; t++) {
            next[t] = at;
            at += perTable[t];
            largest = Math.max(largest, perTable[t]);
        }
        // Copied, not indexed: 256 sequential write streams here, then sequential reads per table,
        // where reading hashes[] and positions[] through an index would miss the cache every time.
        int[] groupedHashes = new int[count];
        int[] groupedPositions = new int[count];
        for (int i = 0; i < count; i++) {
            int at = next[hashes[i] & 0xff]++;
            groupedHashes[at] = hashes[i];
            groupedPositions[at] = positions[i];
        }
        int[] slots = new int[4 * largest]; // (hash, position) pairs, twice as many slots as records
        for (int t = 0, from = 0; t < 256; t++) {
            int records = perTable[t];
            int length = 2 * records;
            header.putInt((int) position).putInt(length);
            Arrays.fill(slots, 0, 2 * length, 0);
            for (int r = from; r < from + records; r++) {
                int h = groupedHashes[r];
                int slot = (h >>> 8) % length; // CdbHash.startSlot, in int arithmetic
                while (slots[2 * slot + 1] != 0) {
                    slot = slot + 1 == length ? 0 : slot + 1;
                }
                slots[2 * slot] = h;
                slots[2 * slot + 1] = groupedPositions[r];
            }
            putInts(slots, 2 * length);
            position += 8L * length;
            from += records;
        }
    }

    /** Appends {@code count} ints, little-endian, as bulk copies into the buffer (a memory copy on x86). */
    private void putInts(int[] values, int count) throws IOException {
        for (int done = 0; done < count; ) {
            int n = Math.min(count - done, (BUFFER_SIZE - filled) / 4);
            if (n == 0) {
                flush();
                continue;
            }
            ByteBuffer.wrap(buffer, filled, 4 * n).slice().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer()
                    .put(values, done, n);
            filled += 4 * n;
            done += n;
        }
    }

    private void putInt(int v) {
        byte[] b = buffer;
        int at = filled;
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
        filled = at + 4;
    }

    /** The finished temporary file could not be renamed to the target; the cause says why. */
    public static final class RenameException extends IOException {
        RenameException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private void moveIntoPlace() throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            removeTmp();
            throw new RenameException(e);
        }
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null) {
            // Make the rename durable; best effort, as not every file system lets a directory be opened.
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException ignored) {
                // the rename itself succeeded
            }
        }
    }

    /** Abandons an uncommitted cdb: the temporary file is removed, the target is not touched. */
    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            channel.close();
        } finally {
            removeTmp();
        }
    }

    /**
     * Removes the temporary file, if it is one: a temporary path naming a device or a fifo (say
     * /dev/full) was written through, not created, and must survive.
     */
    private void removeTmp() throws IOException {
        if (Files.isRegularFile(tmp, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(tmp);
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("cdb writer for " + tmp + " is already finished");
        }
    }

    private void put(byte[] bytes, int offset, int length) throws IOException {
        if (length > BUFFER_SIZE) {
            flush();
            write(ByteBuffer.wrap(bytes, offset, length));
            return;
        }
        ensure(length);
        System.arraycopy(bytes, offset, buffer, filled, length);
        filled += length;
    }

    private void ensure(int bytes) throws IOException {
        if (BUFFER_SIZE - filled < bytes) {
            flush();
        }
    }

    private void flush() throws IOException {
        write(ByteBuffer.wrap(buffer, 0, filled));
        filled = 0;
    }

    private void write(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private static final Set<StandardOpenOption> CREATE_NEW_WRITE =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    private static final Set<StandardOpenOption> TRUNCATE_WRITE =
            Set.of(StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
}
