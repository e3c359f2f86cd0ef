package org.ucspi4j.runtime.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InheritedSocketsTest {
    private static final int FD_CLOEXEC = 1;

    private static ServerSocketChannel listening(StandardProtocolFamily family, String address) throws Exception {
        ServerSocketChannel ch = ServerSocketChannel.open(family);
        ch.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        return ch;
    }

    /** A second fd for the socket of {@code fd}, as an activator's child would hold it. */
    private static int dup(int fd) throws PosixException {
        return Libc.fcntl(fd, Libc.F_DUPFD_CLOEXEC, 3);
    }

    @Test
    void listeningSocketsOfEitherFamily() throws Exception {
        try (ServerSocketChannel v4 = listening(StandardProtocolFamily.INET, "127.0.0.1");
                ServerSocketChannel v6 = listening(StandardProtocolFamily.INET6, "::1");
                ServerSocketChannel dual = ServerSocketChannel.open().bind(new InetSocketAddress(0))) {
            assertThat(InheritedSockets.inspect(Fds.fdOf(v4))).isEqualTo(InheritedSockets.Kind.LISTENING_IPV4);
            assertThat(InheritedSockets.inspect(Fds.fdOf(v6))).isEqualTo(InheritedSockets.Kind.LISTENING_IPV6);
            assertThat(InheritedSockets.inspect(Fds.fdOf(dual))).isEqualTo(InheritedSockets.Kind.LISTENING_IPV6);
            assertThat(InheritedSockets.Kind.LISTENING_IPV4.listening()).isTrue();
            assertThat(InheritedSockets.Kind.LISTENING_IPV4.problem()).isNull();
        }
    }

    @Test
    void whatIsNoListeningSocketSaysWhy() throws Exception {
        try (ServerSocketChannel server = listening(StandardProtocolFamily.INET, "127.0.0.1");
                SocketChannel connected = SocketChannel.open(server.getLocalAddress());
                SocketChannel unbound = SocketChannel.open();
                DatagramChannel datagram = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                UnixSocketPair unix = UnixSocketPair.open()) {
            Pipe pipe = Pipe.open();
            try (var source = pipe.source(); var sink = pipe.sink()) {
                assertThat(InheritedSockets.inspect(Fds.fdOf(connected))).isEqualTo(InheritedSockets.Kind.NOT_LISTENING);
                assertThat(InheritedSockets.inspect(Fds.fdOf(unbound))).isEqualTo(InheritedSockets.Kind.NOT_LISTENING);
                assertThat(InheritedSockets.inspect(Fds.fdOf(datagram))).isEqualTo(InheritedSockets.Kind.NOT_STREAM);
                assertThat(InheritedSockets.inspect(unix.firstFd())).isEqualTo(InheritedSockets.Kind.NOT_INTERNET);
                assertThat(InheritedSockets.inspect(Fds.fdOf(source))).isEqualTo(InheritedSockets.Kind.NOT_A_SOCKET);
            }
        }
        int unused = 4000;
        while (Fds.isOpen(unused)) {
            unused++;
        }
        assertThat(InheritedSockets.inspect(unused)).isEqualTo(InheritedSockets.Kind.CLOSED);
        assertThat(InheritedSockets.Kind.NOT_STREAM.problem()).isEqualTo("not a stream socket");
        assertThat(InheritedSockets.Kind.NOT_LISTENING.listening()).isFalse();
    }

    /**
     * The inherited fd becomes a channel on a new close-on-exec fd and is closed itself; the channel
     * knows its address and accepts, on a blocking socket and on a non-blocking one (the socket is the
     * same one: the activator's own fd still works).
     */
    @Test
    void takeOverMovesTheSocketToACloseOnExecFdAndClosesTheInheritedOne() throws Exception {
        for (StandardProtocolFamily family : new StandardProtocolFamily[] {StandardProtocolFamily.INET,
                StandardProtocolFamily.INET6}) {
            try (ServerSocketChannel activator = listening(family, family == StandardProtocolFamily.INET ? "127.0.0.1" : "::1")) {
                int inherited = dup(Fds.fdOf(activator));
                Libc.fcntl(inherited, 2 /* F_SETFD */, 0); // as passed: not close-on-exec
                boolean nonBlocking = family == StandardProtocolFamily.INET6; // as s6-tcpserver-socketbinder passes it
                Fds.setNonBlocking(inherited, nonBlocking);
                try (ServerSocketChannel taken = InheritedSockets.takeOver(inherited)) {
                    int own = Fds.fdOf(taken);
                    assertThat(own).isNotEqualTo(inherited).isGreaterThanOrEqualTo(3);
                    assertThat(Libc.fcntl(own, Libc.F_GETFD) & FD_CLOEXEC).isEqualTo(FD_CLOEXEC);
                    assertThat(Files.readSymbolicLink(Path.of("/proc/self/fd/" + own)))
                            .isEqualTo(Files.readSymbolicLink(Path.of("/proc/self/fd/" + Fds.fdOf(activator))));
                    assertThat(Fds.isOpen(inherited) && Files.readSymbolicLink(Path.of("/proc/self/fd/" + inherited))
                            .equals(Files.readSymbolicLink(Path.of("/proc/self/fd/" + own)))).as("inherited fd given up").isFalse();
                    assertThat(taken.isBlocking()).isTrue();
                    assertThat(Fds.isNonBlocking(own)).as("the activator's flag, left alone").isEqualTo(nonBlocking);
                    assertThat(taken.getLocalAddress()).isEqualTo(activator.getLocalAddress());
                    assertThat(taken.socket().getLocalPort()).isEqualTo(activator.socket().getLocalPort());
                    try (SocketChannel client = SocketChannel.open(activator.getLocalAddress());
                            SocketChannel accepted = taken.accept()) {
                        client.write(ByteBuffer.wrap(new byte[] {42}));
                        ByteBuffer one = ByteBuffer.allocate(1);
                        accepted.read(one);
                        assertThat(one.array()).containsExactly(42);
                        assertThat(accepted.getRemoteAddress()).isEqualTo(client.getLocalAddress());
                    }
                }
                assertThat(activator.isOpen()).isTrue();
            }
        }
    }

    @Test
    void takeOverRefusesWhatDoesNotListenAndLeavesItAlone() throws Exception {
        try (DatagramChannel datagram = DatagramChannel.open()) {
            int fd = Fds.fdOf(datagram);
            assertThatThrownBy(() -> InheritedSockets.takeOver(fd)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("fd " + fd + " is not a stream socket");
            assertThat(Fds.isOpen(fd)).isTrue();
        }
    }
}
