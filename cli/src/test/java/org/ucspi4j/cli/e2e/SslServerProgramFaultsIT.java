package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Programs that fail their clients: they crash (SIGSEGV), exit 139, exit at once, never read their
 * input while the client sends a lot, or hang. One server with {@code -w 2} runs a program that picks
 * its fault by the client's address (127.0.0.2 and up); 127.0.0.1 gets {@code cat}. Each fault ends
 * its session with the right status and log line, a program left running when its session is cut
 * gets SIGTERM, and the next client is served.
 */
class SslServerProgramFaultsIT {
    static final int IDLE = 2;

    @TempDir
    static Path dir;

    static Pki pki;
    static ServerProcess server;

    @BeforeAll
    static void start() throws IOException {
        pki = Pki.get();
        Path program = Programs.script(dir, "faulty.sh", """
                case $SSLREMOTEIP in
                127.0.0.2) kill -SEGV $$ ;;
                127.0.0.3) exit 139 ;;
                127.0.0.4) exit 0 ;;
                127.0.0.5) echo "$$" > '%1$s/never-reads.pid'; echo ready; exec sleep 3600 ;;
                127.0.0.6) echo "$$" > '%1$s/hangs.pid'; exec sleep 3600 ;;
                *) exec cat ;;
                esac
                """.formatted(dir));
        server = ServerProcess.in(dir).options("-v", "-w", Integer.toString(IDLE)).pkiCertificate(pki)
                .program(program.toString()).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String idOf(SSLSocket s) {
        return server.awaitLine("sslserver: ok (\\d+) .*:" + s.getLocalAddress().getHostAddress().replace(".", "\\.")
                + "::" + s.getLocalPort()).group(1);
    }

    static void theNextClientIsServed(String why) {
        try (SSLSocket c = Peers.tls(pki, "127.0.0.1", server.port())) {
            assertThat(Peers.echoes(c, "served after " + why)).as(server.logText()).isTrue();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Connects from {@code from}, sends a line, reads to the end; the connection's end line. */
    static String sessionFrom(String from, String expectedOutput) throws IOException {
        try (SSLSocket s = Peers.tls(pki, from, "127.0.0.1", server.port())) {
            String id = idOf(s);
            try {
                s.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            } catch (IOException e) {
                // the program may be gone already
            }
            assertThat(new String(Peers.readToEnd(s), StandardCharsets.ISO_8859_1)).isEqualTo(expectedOutput);
            return server.awaitLine("sslserver: end " + id + " status (\\d+)").group();
        }
    }

    @Test
    void aProgramKilledBySigsegvIsLoggedWithItsSignal() throws IOException {
        // 11, or 139 (128 + 11) where the machine lets it dump core
        assertThat(sessionFrom("127.0.0.2", "")).matches("sslserver: end \\d+ status (11|139)");
        theNextClientIsServed("a crash");
    }

    @Test
    void aProgramThatExits139IsLoggedWithItsStatus() throws IOException {
        assertThat(sessionFrom("127.0.0.3", "")).matches("sslserver: end \\d+ status 35584"); // 139 << 8
        theNextClientIsServed("exit 139");
    }

    @Test
    void aProgramThatExitsAtOnceEndsTheSessionCleanly() throws IOException {
        assertThat(sessionFrom("127.0.0.4", "")).matches("sslserver: end \\d+ status 0");
        theNextClientIsServed("an immediate exit");
    }

    @Test
    void aProgramThatNeverReadsDoesNotHoldAClientThatSendsALotForever() throws Exception {
        int mark = server.mark();
        try (SSLSocket s = Peers.tls(pki, "127.0.0.5", "127.0.0.1", server.port())) {
            String id = idOf(s);
            InputStream in = s.getInputStream();
            assertThat(new String(in.readNBytes(6), StandardCharsets.US_ASCII)).isEqualTo("ready\n");
            long start = System.nanoTime();
            // 8 MiB: far more than the program's pipe and the socket buffers hold
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> {
                byte[] block = new byte[64 * 1024];
                long n = 0;
                try {
                    OutputStream out = s.getOutputStream();
                    for (int i = 0; i < 128; i++) {
                        out.write(block);
                        n += block.length;
                    }
                    out.flush();
                } catch (IOException e) {
                    // cut while sending: also an end
                }
                return n;
            }, Thread::startVirtualThread);
            byte[] rest = Peers.readToEnd(s);
            long ended = System.nanoTime();
            assertThat(sent.get()).as("the client's writes end").isGreaterThan(0);
            assertThat(new String(rest, StandardCharsets.ISO_8859_1)).doesNotContain("ready");
            assertThat(Duration.ofNanos(ended - start)).as("the session is cut, not held forever")
                    .isLessThan(Duration.ofSeconds(2L * IDLE).plus(Tools.PATIENCE));
            server.awaitLine("sslserver: end " + id + " status 28416");
        }
        server.awaitLine(mark, "sslserver: warning: dropping SSL connection, unable to speak SSL: timeout", Tools.PATIENCE);
        assertProgramTerminated(dir.resolve("never-reads.pid"));
        theNextClientIsServed("a program that never reads");
    }

    @Test
    void aHangingProgramIsCutAfterTwiceTheIdleTimeoutAndTerminated() throws Exception {
        int mark = server.mark();
        try (SSLSocket s = Peers.tls(pki, "127.0.0.6", "127.0.0.1", server.port())) {
            String id = idOf(s);
            s.getOutputStream().write("anybody there?\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            long start = System.nanoTime();
            assertThat(Peers.readToEnd(s)).isEmpty();
            Duration cut = Duration.ofNanos(System.nanoTime() - start);
            assertThat(cut).as("input closed after -w, session cut after another -w")
                    .isGreaterThan(Duration.ofMillis(2L * IDLE * 1000 - 300))
                    .isLessThan(Duration.ofSeconds(2L * IDLE).plus(Tools.PATIENCE));
            server.awaitLine("sslserver: end " + id + " status 28416");
        }
        server.awaitLine(mark, "sslserver: warning: dropping SSL connection, unable to speak SSL: timeout", Tools.PATIENCE);
        assertProgramTerminated(dir.resolve("hangs.pid"));
        theNextClientIsServed("a hanging program");
    }

    /** The program that wrote {@code pidFile} is gone soon (SIGTERM, as the C server sends it). */
    static void assertProgramTerminated(Path pidFile) throws IOException, InterruptedException {
        String pid = Files.readString(pidFile).strip();
        long deadline = System.nanoTime() + Tools.PATIENCE.toNanos();
        while (Files.exists(Path.of("/proc", pid)) && !isZombie(pid) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Files.exists(Path.of("/proc", pid)) && !isZombie(pid))
                .as("program " + pid + " still running after its session was cut").isFalse();
    }

    private static boolean isZombie(String pid) {
        try {
            return Files.readString(Path.of("/proc", pid, "stat")).matches("\\d+ \\(.*\\) Z .*(?s)");
        } catch (IOException e) {
            return false;
        }
    }
}
