package org.ucspi4j.runtime.posix;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;

/**
 * Two connected AF_UNIX stream sockets from socketpair(2), each an ordinary blocking JDK
 * {@link SocketChannel} (virtual threads park on it) whose fd can also be given to a child. This is
 * the UCSPI-TLS control channel: the server keeps {@link #first()}, the program gets
 * {@link #second()}'s fd as SSLCTLFD, and the server then closes its copy of second.
 *
 * <p>Why socketpair and not a UNIX-domain listener with connect+accept (public API only): a
 * listener needs a path in the file system that the JVM can still reach and connect to for its whole
 * life, and ucspi4j drops the whole JVM to another uid and may chroot it, after which a path bound
 * as root in a private directory is either forbidden or gone. It would also accept any local peer
 * that gets to the path first, leave a socket file behind on a crash, and need peer checks.
 * socketpair has none of these problems and is what the C server uses; the price is the JDK's
 * internal SocketChannelImpl constructor for accepted connections, reached with the same
 * {@code --add-opens java.base/sun.nio.ch} that reading a channel's fd needs anyway.
 *
 * <p>Both fds are created close-on-exec; {@link Spawn} copies the child's end onto the target fd.
 */
public record UnixSocketPair(SocketChannel first, SocketChannel second) implements Closeable {

    /** A new connected pair. */
    public static UnixSocketPair open() throws IOException {
        int a;
        int b;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sv = arena.allocate(JAVA_INT, 2);
            Libc.check("socketpair", state -> (int) Libc.Sockets.SOCKETPAIR.invokeExact(state, Libc.AF_UNIX,
                    Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0, sv));
            a = sv.getAtIndex(JAVA_INT, 0);
            b = sv.getAtIndex(JAVA_INT, 1);
        }
        SocketChannel first;
        try {
            first = NioInternals.unixSocketChannel(a);
        } catch (RuntimeException e) {
            closeQuietly(a, e);
            closeQuietly(b, e);
            throw e;
        }
        try {
            return new UnixSocketPair(first, NioInternals.unixSocketChannel(b));
        } catch (RuntimeException e) {
            try {
                first.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            closeQuietly(b, e);
            throw e;
        }
    }

    /** The fd of {@link #first()}. */
    public int firstFd() throws ClosedChannelException {
        return Fds.fdOf(first);
    }

    /** The fd of {@link #second()}. */
    public int secondFd() throws ClosedChannelException {
        return Fds.fdOf(second);
    }

    /** Closes both ends (each one that is still open). */
    @Override
    public void close() throws IOException {
        try {
            first.close();
        } finally {
            second.close();
        }
    }

    private static void closeQuietly(int fd, Exception into) {
        try {
            Libc.close(fd);
        } catch (PosixException e) {
            into.addSuppressed(e);
        }
    }
}
