package org.ucspi4j.runtime.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucspi4j.runtime.posix.PosixTestSupport.PLAIN_ENV;
import static org.ucspi4j.runtime.posix.PosixTestSupport.bytes;
import static org.ucspi4j.runtime.posix.PosixTestSupport.readAll;
import static org.ucspi4j.runtime.posix.PosixTestSupport.virtual;
import static org.ucspi4j.runtime.posix.PosixTestSupport.writeAll;

import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class UnixSocketPairTest {

    @Test
    void bothEndsAreBlockingChannelsForVirtualThreads() throws Exception {
        UnixSocketPair pair = UnixSocketPair.open();
        try (pair) {
            assertThat(pair.first().isBlocking()).isTrue();
            assertThat(pair.second().isBlocking()).isTrue();
            assertThat(pair.first().isConnected()).isTrue();
            assertThat(pair.first().getRemoteAddress()).isEqualTo(UnixDomainSocketAddress.of(""));
            assertThat(pair.firstFd()).isNotEqualTo(pair.secondFd());
            assertThat(Files.readSymbolicLink(Path.of("/proc/self/fd/" + pair.firstFd())).toString())
                    .startsWith("socket:[");

            // A reader parked on one end before anything is written, in both directions.
            CompletableFuture<byte[]> atSecond = virtual(() -> readAll(pair.second()));
            CompletableFuture<byte[]> atFirst = virtual(() -> {
                ByteBuffer one = ByteBuffer.allocate(1);
                pair.first().read(one);
                return one.array();
            });
            Thread.sleep(20);
            writeAll(pair.second(), bytes("Y"));
            assertThat(atFirst.get()).isEqualTo(bytes("Y"));
            writeAll(pair.first(), bytes("SSL_PROTOCOL=TLSv1.3\0\0"));
            pair.first().shutdownOutput();
            assertThat(atSecond.get()).isEqualTo(bytes("SSL_PROTOCOL=TLSv1.3\0\0"));
        }
        assertThat(pair.first().isOpen()).isFalse();
        assertThat(pair.second().isOpen()).isFalse();
    }

    @Test
    void controlChannelToAChild() throws Exception {
        // The UCSPI-TLS exchange in miniature: the program writes 'y' on SSLCTLFD, the server answers on
        // the same (bidirectional) socket, and the server sees EOF once the program is gone.
        UnixSocketPair control = UnixSocketPair.open();
        Pipe out = Pipe.open();
        Child child;
        try (SocketChannel programEnd = control.second(); var sink = out.sink()) {
            FdMap fds = FdMap.empty().with(1, Fds.fdOf(sink)).inherit(2).with(5, Fds.fdOf(programEnd));
            child = Spawn.start(SpawnRequest.of(fds, new String[] {"PATH=/usr/bin:/bin", "SSLCTLFD=5"},
                    "/bin/sh", "-c", "printf y >&$SSLCTLFD; IFS= read -r line <&$SSLCTLFD; printf '%s|' \"$line\""));
        }
        try (SocketChannel serverEnd = control.first(); var source = out.source()) {
            byte[] command = virtual(() -> {
                ByteBuffer one = ByteBuffer.allocate(1);
                serverEnd.read(one);
                return one.array();
            }).get();
            assertThat(command).isEqualTo(bytes("y"));
            writeAll(serverEnd, bytes("go ahead\n"));
            assertThat(new String(readAll(source), StandardCharsets.US_ASCII)).isEqualTo("go ahead|");
            assertThat(child.waitFor().exitCode()).isZero();
            // Nobody else holds the program's end: not this JVM, not other children.
            assertThat(virtual(() -> serverEnd.read(ByteBuffer.allocate(1))).get()).isEqualTo(-1);
        }
    }
}
