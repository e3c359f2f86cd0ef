package org.ucspi4j.runtime.posix;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ucspi4j.runtime.posix.PosixTestSupport.PLAIN_ENV;
import static org.ucspi4j.runtime.posix.PosixTestSupport.bytes;
import static org.ucspi4j.runtime.posix.PosixTestSupport.readAll;
import static org.ucspi4j.runtime.posix.PosixTestSupport.virtual;
import static org.ucspi4j.runtime.posix.PosixTestSupport.writeAll;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FdsTest {

    private static String link(int fd) throws Exception {
        return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
    }

    @Test
    void pipeChannelFds() throws Exception {
        Pipe pipe = Pipe.open();
        try (var source = pipe.source(); var sink = pipe.sink()) {
            int r = Fds.fdOf(source);
            int w = Fds.fdOf(sink);
            assertThat(r).isNotEqualTo(w);
            assertThat(link(r)).startsWith("pipe:[").isEqualTo(link(w));
        }
        assertThatThrownBy(() -> Fds.fdOf(pipe.source())).isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void notAJdkSocketOrPipeChannel(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        try (FileChannel file = FileChannel.open(Files.createFile(dir.resolve("f")))) {
            assertThatThrownBy(() -> Fds.fdOf(file)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rawSocketOnFds0And1LikeSslserverMinusN() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertThat(link(Fds.fdOf(listener))).startsWith("socket:[");
            try (SocketChannel client = SocketChannel.open(listener.getLocalAddress())) {
                Child child;
                try (SocketChannel accepted = listener.accept()) {
                    int fd = Fds.fdOf(accepted);
                    assertThat(link(fd)).startsWith("socket:[").isNotEqualTo(link(Fds.fdOf(client)));
                    // The JVM never did I/O on it, so the child gets a blocking socket, as from the C server.
                    assertThat(Fds.isNonBlocking(fd)).isFalse();
                    child = Spawn.start(SpawnRequest.of(FdMap.empty().with(0, fd).with(1, fd).inherit(2), PLAIN_ENV,
                            "/bin/sh", "-c", "printf 'banner\\n'; IFS= read -r line; echo \"got $line\""));
                }
                CompletableFuture<byte[]> reply = virtual(() -> readAll(client));
                writeAll(client, bytes("hello\n"));
                assertThat(new String(reply.get(), StandardCharsets.US_ASCII)).isEqualTo("banner\ngot hello\n");
                assertThat(child.waitFor().exitCode()).isZero();
            }
        }
    }

    @Test
    void rawFdsAsStreamsAndClose() throws Exception {
        int a;
        int b;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sv = arena.allocate(JAVA_INT, 2);
            Libc.check("socketpair", state -> (int) Libc.Sockets.SOCKETPAIR.invokeExact(state, Libc.AF_UNIX,
                    Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0, sv));
            a = sv.getAtIndex(JAVA_INT, 0);
            b = sv.getAtIndex(JAVA_INT, 1);
        }
        assertThat(Fds.isOpen(a)).isTrue();
        assertThat(Fds.isNonBlocking(a)).isFalse();
        Fds.setNonBlocking(a, true);
        assertThat(Fds.isNonBlocking(a)).isTrue();
        Fds.setNonBlocking(a, false);
        assertThat(Fds.isNonBlocking(a)).isFalse();

        try (OutputStream out = Fds.outputStream(a)) {
            out.write(bytes("passphrase\0"));
        }
        assertThat(Fds.isOpen(a)).isFalse(); // closing the stream closed the fd
        try (InputStream in = Fds.inputStream(b)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes("passphrase\0"));
        }
        assertThat(Fds.isOpen(b)).isFalse();
        assertThatThrownBy(() -> Fds.close(b))
                .isInstanceOfSatisfying(PosixException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBADF));
        assertThatThrownBy(() -> Fds.fileDescriptor(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closeARawFd() throws Exception {
        int fd = (int) Libc.check("eventfd", state -> (int) Libc.Children.EVENTFD.invokeExact(state, 0, Libc.EFD_CLOEXEC));
        assertThat(link(fd)).contains("eventfd");
        Fds.close(fd);
        assertThat(Fds.isOpen(fd)).isFalse();
    }
}
