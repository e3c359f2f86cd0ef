package org.ucspi4j.runtime.posix;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;

/**
 * Raw file descriptors and the JDK's channels and streams.
 *
 * <p>The JVM keeps using ordinary blocking channels (Pipe, SocketChannel) in virtual threads while a
 * child gets the same fds through {@link FdMap}. One caveat: a blocking channel used by a virtual
 * thread is switched to O_NONBLOCK for good, and that flag belongs to the open file, which a child
 * given the same fd shares. Give children ends the JVM does not do I/O on (the other end of a pipe
 * or socket pair), or check with {@link #isNonBlocking}.
 */
public final class Fds {
    private Fds() {}

    /**
     * The fd behind a JDK socket, server socket or pipe channel. The channel still owns it: closing
     * the channel closes the fd.
     */
    public static int fdOf(Channel channel) throws ClosedChannelException {
        if (!NioInternals.isSelectableChannel(channel)) {
            throw new IllegalArgumentException("not one of the JDK's socket or pipe channels: " + channel.getClass());
        }
        if (!channel.isOpen()) {
            throw new ClosedChannelException();
        }
        return NioInternals.fdVal(channel);
    }

    /** A FileDescriptor for {@code fd}; streams made from it close fd when closed. */
    public static FileDescriptor fileDescriptor(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("negative fd " + fd);
        }
        return NioInternals.fileDescriptor(fd);
    }

    /**
     * Reads the inherited {@code fd} itself (e.g. 3 for {@code -3}, the key passphrase). Unlike opening
     * /proc/self/fd/3 this also works for sockets and does not reopen the file. Closing the stream
     * closes fd.
     */
    public static InputStream inputStream(int fd) {
        return new FileInputStream(fileDescriptor(fd));
    }

    /** Writes to {@code fd}; closing the stream closes fd. */
    public static OutputStream outputStream(int fd) {
        return new FileOutputStream(fileDescriptor(fd));
    }

    /**
     * ioctl(FIONREAD): how many bytes can be read from {@code fd} (a pipe or socket) now without
     * blocking.
     */
    public static int readable(int fd) throws PosixException {
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment count = arena.allocate(java.lang.foreign.ValueLayout.JAVA_INT);
            Libc.check("ioctl", state -> (int) Libc.Descriptors.IOCTL_PTR.invokeExact(state, fd, Libc.FIONREAD, count));
            return count.get(java.lang.foreign.ValueLayout.JAVA_INT, 0);
        }
    }

    /** close(2). Never for an fd a channel or stream still owns: the number could be reused under it. */
    public static void close(int fd) throws PosixException {
        Libc.close(fd);
    }

    /** Whether {@code fd} is an open file descriptor of this process. */
    public static boolean isOpen(int fd) throws PosixException {
        try {
            Libc.fcntl(fd, Libc.F_GETFD);
            return true;
        } catch (PosixException e) {
            if (e.errno() == Errno.EBADF) {
                return false;
            }
            throw e;
        }
    }

    /** Whether O_NONBLOCK is set on the open file behind {@code fd}. */
    public static boolean isNonBlocking(int fd) throws PosixException {
        return (Libc.fcntl(fd, Libc.F_GETFL) & Libc.O_NONBLOCK) != 0;
    }

    /** Sets or clears O_NONBLOCK on the open file behind {@code fd} (shared with every dup of it). */
    public static void setNonBlocking(int fd, boolean nonBlocking) throws PosixException {
        int flags = Libc.fcntl(fd, Libc.F_GETFL);
        int wanted = nonBlocking ? flags | Libc.O_NONBLOCK : flags & ~Libc.O_NONBLOCK;
        if (wanted != flags) {
            Libc.fcntl(fd, Libc.F_SETFL, wanted);
        }
    }

    /**
     * Points {@code fd} at /dev/null (read-only for 0, write-only otherwise), as a server does with
     * its stdin and stdout once started: whoever read the {@code -1} port sees EOF.
     */
    public static void redirectToDevNull(int fd) throws PosixException {
        int flags = fd == 0 ? 0 : 1; // O_RDONLY, O_WRONLY
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment path = arena.allocateFrom("/dev/null");
            int nul = (int) Libc.check("open", state -> (int) Libc.Descriptors.OPEN.invokeExact(state, path, flags | 0x80000));
            try {
                Libc.check("dup2", state -> (int) Libc.Descriptors.DUP2.invokeExact(state, nul, fd));
            } finally {
                close(nul);
            }
        }
    }

    /**
     * Writes all of {@code bytes} to {@code fd} with write(2), leaving the fd's flags alone: a JDK
     * channel written from a virtual thread is switched to non-blocking mode for good, which a child
     * sharing the fd would then see too (sslserver -n writes its banner to the socket it hands over).
     */
    public static void writeFully(int fd, byte[] bytes) throws PosixException {
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment buf = arena.allocate(Math.max(1, bytes.length));
            java.lang.foreign.MemorySegment.copy(bytes, 0, buf, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes.length);
            long done = 0;
            while (done < bytes.length) {
                long at = done;
                done += Libc.checkRetrying("write", state -> (long) Libc.Descriptors.WRITE.invokeExact(state, fd,
                        buf.asSlice(at), (long) bytes.length - at));
            }
        }
    }
}
