package org.ucspi4j.cdb;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes a cdb the way DJB's {@code cdb_make} does, so the bytes match it, tinycdb and freecdb for the
 * same records in the same order.
 *
 * <p>Records stream to the temporary file as they are added; only eight bytes per record (hash and
 * position) stay in memory for the hash tables. Every 16 MiB written, a background thread starts an
 * fdatasync of what is there, so that the disk works while records are still coming.
 * {@link #commit()} writes the tables and the header, fsyncs and renames the temporary file over the
 * target. {@link #close()} without a commit removes the temporary file, so a failed run leaves the
 * target untouched and no debris behind. The temporary file is a {@link TempFile}: created afresh,
 * never through a link, removed if the JVM is ended by a signal.
 */
public final class CdbWriter implements Closeable {
    /** Largest position a 32-bit cdb pointer can hold. */
    public static final long MAX_SIZE = 0xFFFF_FFFFL;

    static final int HEADER_SIZE = 2048;
    private static final int BUFFER_SIZE = 1 << 17;
    /** After this many bytes, the written part starts going to disk in the background (see {@link #syncBehind}). */
    private static final long SYNC_BEHIND_STEP = 16L << 20;

    private final Path target;
    private final Path tmp;
    private final long maxSize;
    private final TempFile file;
    private final FileChannel channel;
    // A heap buffer filled with plain stores: cheaper per record than a direct buffer's putInt.
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int buffered;
    private long flushed = HEADER_SIZE;
    private long synced = HEADER_SIZE;
    private Thread syncing;
    private IOException syncFailure;
    private long position = HEADER_SIZE;
    private int[] hashes = new int[1024];
    private int[] positions = new int[1024];
    private int count;
    private boolean finished;
    private boolean committing;

    private final long syncStep;

    private CdbWriter(Path target, Path tmp, long maxSize, long syncStep) throws IOException {
        this.target = target;
        this.tmp = tmp;
        this.maxSize = maxSize;
        this.syncStep = syncStep;
        this.file = TempFile.create(tmp);
        this.channel = file.channel();
        try {
            channel.position(HEADER_SIZE);
        } catch (IOException e) {
            file.close();
            throw e;
        }
    }

    /** Starts a cdb that {@link #commit()} will move from {@code tmp} to {@code target}. */
    public static CdbWriter create(Path target, Path tmp) throws IOException {
        return new CdbWriter(target, tmp, MAX_SIZE, SYNC_BEHIND_STEP);
    }

    /** As {@link #create}, with a lower size limit: lets tests reach the over-limit path cheaply. */
    static CdbWriter create(Path target, Path tmp, long maxSize) throws IOException {
        return new CdbWriter(target, tmp, maxSize, SYNC_BEHIND_STEP);
    }

    /** As {@link #create}, syncing behind every {@code syncStep} bytes: lets tests reach that path cheaply. */
    static CdbWriter create(Path target, Path tmp, long maxSize, long syncStep) throws IOException {
        return new CdbWriter(target, tmp, maxSize, syncStep);
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
        committing = true;
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
        awaitSync();
        channel.force(true);
        finished = true;
        moveIntoPlace();
    }

    private void writeTables(ByteBuffer header) throws IOException {
        int[] perTable = new int[256];
        for (int i = 0; i < count; i++) {
            perTable[hashes[i] & 0xff]++;
        }
        // (hash, position) pairs grouped by table, insertion order kept within each table (DJB's "split").
        int[] next = new int[256];
        int largest = 0;
        for (int t = 0, at = 0; t < 256; t++) {
            next[t] = at;
            at += perTable[t];
            largest = Math.max(largest, perTable[t]);
        }
        int[] grouped = new int[2 * count];
        for (int i = 0; i < count; i++) {
            int h = hashes[i];
            int at = 2 * next[h & 0xff]++;
            grouped[at] = h;
            grouped[at + 1] = positions[i];
        }
        hashes = null; // done with them: let the memory go before the tables are laid out
        positions = null;
        int[] slots = new int[4 * largest]; // (hash, position) pairs, twice as many slots as records
        int[] free = new int[2 * largest];
        for (int t = 0, from = 0; t < 256; t++) {
            int records = perTable[t];
            int length = 2 * records;
            header.putInt((int) position).putInt(length);
            Arrays.fill(slots, 0, 2 * length, 0);
            // Linear probing, as cdb_make does: each record goes to the first empty slot at or after its
            // start slot, wrapping around. free[s] leads from slot s towards that slot (free[s] == s:
            // empty), with the path halved on every walk, so that many equal keys (one start slot) do
            // not cost a probe per record already there. The slots chosen are the same.
            for (int s = 0; s < length; s++) {
                free[s] = s;
            }
            for (int r = 2 * from, end = 2 * (from + records); r < end; r += 2) {
                int h = grouped[r];
                int slot = (h >>> 8) % length; // CdbHash.startSlot, in int arithmetic: h >>> 8 < 2^24
                while (free[slot] != slot) {
                    int further = free[free[slot]];
                    free[slot] = further;
                    slot = further;
                }
                slots[2 * slot] = h;
                slots[2 * slot + 1] = grouped[r + 1];
                free[slot] = slot + 1 == length ? 0 : slot + 1;
            }
            for (int s = 0, n = 2 * length; s < n; ) {
                if (buffered + 4 > BUFFER_SIZE) {
                    flush();
                }
                int k = Math.min(n - s, (BUFFER_SIZE - buffered) >> 2);
                for (int e = s + k; s < e; s++) {
                    int v = slots[s];
                    buffer[buffered] = (byte) v;
                    buffer[buffered + 1] = (byte) (v >>> 8);
                    buffer[buffered + 2] = (byte) (v >>> 16);
                    buffer[buffered + 3] = (byte) (v >>> 24);
                    buffered += 4;
                }
            }
            position += 8L * length;
            from += records;
        }
    }

    /**
     * The finished temporary file could not be renamed to the target; the cause says why (a
     * {@link TempFileLostException} when another process had taken the temporary path).
     */
    public static final class RenameException extends IOException {
        RenameException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private void moveIntoPlace() throws IOException {
        try {
            file.install(target);
        } catch (IOException e) {
            file.discardQuietly(); // removed if still ours; the rename's failure is what to report
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
            awaitSync();
        } catch (IOException ignored) {
            // abandoning the file anyway
        }
        file.close();
    }

    private void checkOpen() {
        if (finished || committing) {
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
        System.arraycopy(bytes, offset, buffer, buffered, length);
        buffered += length;
    }

    private void putInt(int v) {
        buffer[buffered] = (byte) v;
        buffer[buffered + 1] = (byte) (v >>> 8);
        buffer[buffered + 2] = (byte) (v >>> 16);
        buffer[buffered + 3] = (byte) (v >>> 24);
        buffered += 4;
    }

    private void ensure(int bytes) throws IOException {
        if (BUFFER_SIZE - buffered < bytes) {
            flush();
        }
    }

    private void flush() throws IOException {
        if (buffered > 0) {
            write(ByteBuffer.wrap(buffer, 0, buffered));
            buffered = 0;
        }
    }

    private void write(ByteBuffer b) throws IOException {
        flushed += b.remaining();
        while (b.hasRemaining()) {
            channel.write(b);
        }
        syncBehind();
    }

    /**
     * Starts writing what is in the file so far to disk, on another thread, once every
     * {@link #SYNC_BEHIND_STEP} bytes (16 MiB): the disk then works while the caller produces the rest, and
     * the {@code fsync} in {@link #commit()} has only the tail left to wait for. The commit's fsync
     * is what makes the file durable, as before; this only starts it early.
     */
    private void syncBehind() throws IOException {
        if (flushed - synced < syncStep) {
            return;
        }
        if (syncing != null) {
            if (syncing.isAlive()) {
                return;
            }
            awaitSync();
        }
        synced = flushed;
        syncing = Thread.ofPlatform().daemon().name("cdb-sync-behind").start(() -> {
            try {
                channel.force(false);
            } catch (IOException e) {
                syncFailure = e;
            }
        });
    }

    private void awaitSync() throws IOException {
        Thread t = syncing;
        if (t == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        syncing = null;
        IOException failure = syncFailure;
        syncFailure = null;
        if (failure != null) {
            throw failure;
        }
    }
}
