package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -B} (the banner travels inside TLS), {@code -w} (idle: the program gets end of input after
 * w, the session is cut after another w) and {@code -T} (a client that never starts TLS is cut after
 * T, while others are served).
 */
class SslServerTimeoutsIT {
    static final int IDLE = 2;
    static final int HANDSHAKE = 6;
    static final String BANNER = "hello from the banner";

    @TempDir
    static Path dir;

    static Pki pki;
    static ServerProcess server;

    @BeforeAll
    static void start() {
        pki = Pki.get();
        server = ServerProcess.in(dir)
                .options("-v", "-w", Integer.toString(IDLE), "-T", Integer.toString(HANDSHAKE), "-B", BANNER + "\r\n")
                .pkiCertificate(pki).program(Programs.idle(dir).toString()).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void bannerInsideTlsThenIdleProgramGetsEofThenSessionIsCut() {
        long start;
        long eof;
        long cut;
        int mark = server.mark();
        try (Peers.Interactive c = new Peers.Interactive(pki, "127.0.0.1", server.port())) {
            assertThat(c.awaitOutput(BANNER + "\r\n", Tools.PATIENCE)).as(c.report()).isTrue();
            start = System.nanoTime();
            assertThat(c.output()).startsWith(BANNER);
            assertThat(c.awaitOutput("got-eof\n", Tools.PATIENCE)).as(c.report()).isTrue();
            eof = System.nanoTime();
            assertThat(c.awaitExit(Tools.PATIENCE)).as("s_client sees the server close").isPresent();
            cut = System.nanoTime();
            assertThat(c.output()).isEqualTo(BANNER + "\r\ngot-eof\n");
        }
        assertThat(Duration.ofNanos(eof - start)).as("end of input after -w").isGreaterThan(Duration.ofMillis(IDLE * 1000L - 300));
        assertThat(Duration.ofNanos(cut - eof)).as("cut after another -w").isGreaterThan(Duration.ofMillis(IDLE * 1000L - 300));
        Duration wait = Tools.PATIENCE;
        long id = Long.parseLong(server.awaitLine(mark, "sslserver: pid (\\d+) from 127\\.0\\.0\\.1", wait).group(1));
        server.awaitLine(mark, "sslserver: warning: dropping SSL connection, unable to speak SSL: timeout", wait);
        assertThat(server.connection(id)).last().isEqualTo("sslserver: end " + id + " status 28416");
    }

    @Test
    void silentClientIsCutAfterTheHandshakeTimeoutWhileOthersAreServed() throws Exception {
        int mark = server.mark();
        try (Socket silent = Peers.plain("127.0.0.1", "127.0.0.1", server.port())) {
            long start = System.nanoTime();
            silent.setSoTimeout(HANDSHAKE * 5000);
            CompletableFuture<Long> closed = CompletableFuture.supplyAsync(() -> {
                Peers.readToEnd(silent);
                return System.nanoTime();
            }, Thread::startVirtualThread);
            long served;
            try (Peers.Interactive other = new Peers.Interactive(pki, "127.0.0.1", server.port())) {
                assertThat(other.awaitOutput(BANNER, Tools.PATIENCE)).as(other.report()).isTrue();
                served = System.nanoTime();
                assertThat(other.finish()).isZero();
            }
            long end = closed.get();
            assertThat(served).as("the other client is served before the silent one is cut").isLessThan(end);
            assertThat(Duration.ofNanos(end - start)).isGreaterThan(Duration.ofMillis(HANDSHAKE * 1000L - 300))
                    .isLessThan(Duration.ofSeconds(HANDSHAKE).plus(Tools.PATIENCE));
            String port = Integer.toString(silent.getLocalPort());
            long id = Long.parseLong(server.awaitLine("sslserver: ok (\\d+) .*:127\\.0\\.0\\.1::" + port).group(1));
            server.awaitLine("sslserver: end " + id + " status 28416");
            server.awaitLine(mark, "sslserver: warning: dropping SSL connection, unable to accept SSL: timeout",
                    Tools.PATIENCE);
        }
    }

    /** Nothing of the banner is sent in clear: a plain client reads nothing before it gives up. */
    @Test
    void bannerIsNotSentInClear() throws IOException {
        try (Socket plain = Peers.plain("127.0.0.1", "127.0.0.1", server.port())) {
            plain.setSoTimeout(1000);
            try {
                int b = plain.getInputStream().read();
                assertThat(b).as("nothing but an end of stream").isEqualTo(-1);
            } catch (SocketTimeoutException expected) {
                // nothing arrived
            }
        }
    }
}
