package org.ucspi4j.cdb;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The temporary file a cdb is written to before it is renamed over the target, made so that the
 * path can neither redirect the write nor be shared by two runs:
 * <ul>
 *   <li>created with {@code O_CREAT|O_EXCL|O_NOFOLLOW} (mode 0644): never written through a symbolic
 *       link, a hard link, a device or a fifo. A regular file already there is a stale temporary file
 *       and is unlinked first (for a hard link that drops only this name); anything else is refused;</li>
 *   <li>locked (fcntl) for as long as it lives, so another run takes it for a live file, not a stale one;</li>
 *   <li>renamed or removed only while the path still names the file written (the same device and
 *       inode), so a run whose path was taken over never installs or deletes the other run's file;</li>
 *   <li>removed by a shutdown hook when the JVM ends on SIGTERM, SIGINT or SIGHUP.</li>
 * </ul>
 */
public final class TempFile implements Closeable {
    private static final FileAttribute<?> MODE_0644 =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));
    /** O_WRONLY|O_CREAT|O_EXCL|O_NOFOLLOW. */
    private static final Set<OpenOption> CREATE_EXCLUSIVE = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    private enum State { OPEN, INSTALLED, DISCARDED }

    private final Path path;
    private final FileChannel channel;
    private final Object key;
    private State state = State.OPEN;

    private TempFile(Path path, FileChannel channel, Object key) {
        this.path = path;
        this.channel = channel;
        this.key = key;
    }

    /**
     * Creates {@code path} afresh. A refusal ({@link TempFileRefusedException}) says why in C-tool
     * words: "is a symbolic link", "is a directory", "not a regular file", "in use by another process".
     */
    public static TempFile create(Path path) throws IOException {
        removeStale(path);
        LiveTempFiles.hook(); // before the file exists: a signal must not find it unregistered
        FileChannel channel = FileChannel.open(path, CREATE_EXCLUSIVE, MODE_0644);
        try {
            lock(channel);
            TempFile file = new TempFile(path, channel, claim(path, channel));
            LiveTempFiles.add(file);
            return file;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Takes the lock that marks the file live (see {@link #removeStale}), held until it is installed or
     * removed. A file system without fcntl locks still gets its temporary file, unguarded.
     */
    private static void lock(FileChannel channel) {
        try {
            channel.lock();
        } catch (IOException unsupported) {
            // the O_EXCL create and the identity checks still hold
        }
    }

    public FileChannel channel() {
        return channel;
    }

    public Path path() {
        return path;
    }

    /**
     * Renames the file over {@code target}, if the path still names it; otherwise fails with
     * {@link TempFileLostException} and touches neither path. The caller has synced the file.
     */
    public synchronized void install(Path target) throws IOException {
        if (state != State.OPEN) {
            throw new TempFileLostException(path, "removed on a signal");
        }
        if (!ours()) {
            discardQuietly();
            throw new TempFileLostException(path, "taken over by another process");
        }
        // A plain rename(2): it replaces the target atomically, as the C tools' rename does.
        Files.move(path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        state = State.INSTALLED;
        LiveTempFiles.remove(this);
        channel.close(); // only now: closing releases the lock
    }

    /** Abandons the file: removed if the path still names it, left alone otherwise. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        try {
            remove();
        } finally {
            channel.close();
        }
    }

    /** As {@link #close}, for a file already lost or a rename that failed: nothing more to report. */
    void discardQuietly() {
        try {
            close();
        } catch (IOException | RuntimeException ignored) {
            // the run has failed already
        }
    }

    /**
     * For the shutdown hook: removes the file but leaves the channel open, so that the compile still
     * running on another thread does not fail (and say so) in the moment before the JVM ends.
     */
    synchronized void removeOnExit() {
        try {
            remove();
        } catch (IOException | RuntimeException ignored) {
            // the JVM is ending
        }
    }

    private void remove() throws IOException {
        if (state != State.OPEN) {
            return;
        }
        state = State.DISCARDED;
        LiveTempFiles.remove(this);
        if (ours()) { // checked and removed while the lock is held, so no other run is mid-takeover
            Files.deleteIfExists(path);
        }
    }

    private boolean ours() throws IOException {
        BasicFileAttributes now = lstat(path);
        return now != null && key.equals(now.fileKey());
    }

    /** Clears the way for O_EXCL: a stale regular file goes, anything else is refused. */
    private static void removeStale(Path path) throws IOException {
        BasicFileAttributes a;
        try {
            a = lstat(path);
        } catch (IOException e) {
            return; // say, a missing directory: the create that follows reports it as the C tools do
        }
        if (a == null) {
            return;
        }
        if (a.isSymbolicLink()) {
            throw new TempFileRefusedException(path, "is a symbolic link");
        }
        if (a.isDirectory()) {
            throw new TempFileRefusedException(path, "is a directory");
        }
        if (!a.isRegularFile()) {
            throw new TempFileRefusedException(path, "not a regular file");
        }
        if (lockedByAnother(path)) {
            throw new TempFileRefusedException(path, "in use by another process");
        }
        Files.deleteIfExists(path);
    }

    /** Whether a live run holds the file (its lock): a killed run's lock went with its process. */
    private static boolean lockedByAnother(Path path) throws IOException {
        try (FileChannel probe = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            FileLock lock = probe.tryLock(0, Long.MAX_VALUE, true);
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true; // this JVM writes it
        } catch (AccessDeniedException | NoSuchFileException e) {
            return false; // unreadable, so no lock to test; or gone already
        }
    }

    /**
     * The file key (device, inode) of the file just created, read back through the path. Another run
     * could have removed and replaced it before this one's lock was taken; the size, set here to a
     * random value within the header (rewritten at commit), tells whether the path still names this
     * channel's file, as fstat would.
     */
    private static Object claim(Path path, FileChannel channel) throws IOException {
        BasicFileAttributes created = lstat(path);
        if (created == null || !created.isRegularFile()) {
            throw new TempFileRefusedException(path, "in use by another process");
        }
        long mark = 1 + unpredictableBelow(CdbWriter.HEADER_SIZE);
        try {
            channel.write(ByteBuffer.allocate(1), mark - 1);
        } catch (IOException e) {
            // Under a file size limit (ulimit -f) below the mark: keep the unverified key, and let the
            // cdb's own first write fail with the message the C tools give.
            return created.fileKey();
        }
        BasicFileAttributes a = lstat(path);
        if (a == null || !created.fileKey().equals(a.fileKey()) || a.size() != mark || channel.size() != mark) {
            throw new TempFileRefusedException(path, "in use by another process");
        }
        channel.truncate(0);
        return a.fileKey();
    }

    /**
     * A number another process cannot guess, from the kernel's generator: SecureRandom would give the
     * same, after loading the JDK's security properties and providers, a third of a small tcprules
     * run's own time.
     */
    static int unpredictableBelow(int bound) throws IOException {
        byte[] b = new byte[8];
        try (java.io.FileInputStream in = new java.io.FileInputStream("/dev/urandom")) {
            if (in.readNBytes(b, 0, 8) != 8) {
                throw new IOException("/dev/urandom: short read");
            }
        } catch (java.io.FileNotFoundException e) {
            return new SecureRandom().nextInt(bound); // no /dev/urandom here (a chroot): the JDK's way
        }
        return (int) Long.remainderUnsigned(ByteBuffer.wrap(b).getLong(), bound);
    }

    /** lstat(2): the attributes of the name itself, or null when there is none. */
    private static BasicFileAttributes lstat(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
