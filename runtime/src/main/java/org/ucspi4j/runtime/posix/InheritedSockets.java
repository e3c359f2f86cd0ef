package org.ucspi4j.runtime.posix;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;

/**
 * A listening socket a server is handed instead of binding one: by socket activation (systemd's
 * LISTEN_FDS, fd 3) or on fd 0 (inetd's {@code wait} mode, s6-tcpserver-socketbinder, a parent that
 * keeps the socket across restarts). {@link #inspect} says what an fd holds with getsockopt(2);
 * {@link #takeOver} makes it a JDK channel on a fresh close-on-exec fd and gives up the inherited
 * number, so that neither the programs the server starts nor whatever later lands on that number
 * (fds 0 and 1 are pointed at /dev/null once a server runs) hold the listener.
 */
public final class InheritedSockets {
    private InheritedSockets() {}

    private static final int SOL_SOCKET = 1;
    private static final int SO_TYPE = 3;
    private static final int SO_ACCEPTCONN = 30;
    private static final int SO_DOMAIN = 39;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    /** What an fd holds, as far as serving on it goes; {@link #problem()} is null for the two usable kinds. */
    public enum Kind {
        CLOSED("not open"),
        NOT_A_SOCKET("not a socket"),
        NOT_STREAM("not a stream socket"),
        NOT_INTERNET("not an IPv4 or IPv6 socket"),
        NOT_LISTENING("a socket that is not listening (a connected socket, or one nobody called listen on)"),
        LISTENING_IPV4(null),
        LISTENING_IPV6(null);

        private final String problem;

        Kind(String problem) {
            this.problem = problem;
        }

        /** Why a server cannot listen on it (after "fd N is "), or null when it can. */
        public String problem() {
            return problem;
        }

        public boolean listening() {
            return problem == null;
        }
    }

    /** What {@code fd} holds: checked in this order, open, a socket, a stream socket, IPv4 or IPv6, listening. */
    public static Kind inspect(int fd) throws PosixException {
        if (!Fds.isOpen(fd)) {
            return Kind.CLOSED;
        }
        int type;
        try {
            type = option(fd, SO_TYPE);
        } catch (PosixException e) {
            if (e.errno() == Errno.ENOTSOCK) {
                return Kind.NOT_A_SOCKET;
            }
            throw e;
        }
        if (type != Libc.SOCK_STREAM) {
            return Kind.NOT_STREAM;
        }
        int domain = option(fd, SO_DOMAIN);
        if (domain != AF_INET && domain != AF_INET6) {
            return Kind.NOT_INTERNET;
        }
        if (option(fd, SO_ACCEPTCONN) == 0) {
            return Kind.NOT_LISTENING;
        }
        return domain == AF_INET ? Kind.LISTENING_IPV4 : Kind.LISTENING_IPV6;
    }

    /**
     * The listening socket on {@code fd} as a blocking ServerSocketChannel on a new close-on-exec fd
     * (F_DUPFD_CLOEXEC, 3 or above); {@code fd} itself is then given up: fds 0, 1 and 2 are pointed at
     * /dev/null (a standard fd stays open, or the JVM would take the number for a file of its own),
     * any other is closed. The file status flags (O_NONBLOCK) are the activator's and left alone: the
     * channel accepts either way. Whoever passed the socket keeps its own copy and can pass it again.
     *
     * @throws IllegalArgumentException when {@link #inspect} does not find a listening IPv4 or IPv6
     *     stream socket there (fd is then left alone)
     */
    public static ServerSocketChannel takeOver(int fd) throws IOException {
        Kind kind = inspect(fd);
        if (!kind.listening()) {
            throw new IllegalArgumentException("fd " + fd + " is " + kind.problem());
        }
        ProtocolFamily family = kind == Kind.LISTENING_IPV4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        int own = Libc.fcntl(fd, Libc.F_DUPFD_CLOEXEC, 3);
        ServerSocketChannel channel;
        try {
            channel = NioInternals.listeningSocketChannel(own, family);
        } catch (IOException | RuntimeException e) {
            try {
                Libc.close(own);
            } catch (PosixException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        try {
            if (fd <= 2) {
                Fds.redirectToDevNull(fd);
            } else {
                Libc.close(fd);
            }
        } catch (PosixException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /** getsockopt(fd, SOL_SOCKET, name) of an int option. */
    private static int option(int fd, int name) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, (int) JAVA_INT.byteSize());
            Libc.check("getsockopt", state -> (int) Libc.Sockets.GETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, name, value, length));
            return value.get(JAVA_INT, 0);
        }
    }
}
