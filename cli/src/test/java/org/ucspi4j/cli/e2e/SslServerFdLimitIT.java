package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fd limit reached: under {@code ulimit -n 64} (which the JVM cannot raise) the server runs out of
 * descriptors after a dozen connections. It says so in a warning line, refuses what it cannot serve,
 * stays up, and serves again once the held connections close.
 */
class SslServerFdLimitIT {
    static final int LIMIT = 64;
    static final int CLIENTS = 30;

    @TempDir
    Path dir;

    @Test
    void outOfDescriptorsTheServerWarnsRefusesAndRecovers() throws Exception {
        Pki pki = Pki.get();
        try (ServerProcess server = ServerProcess.in(dir).fileLimit(LIMIT).options("-v", "-c", "100")
                .pkiCertificate(pki).program(Programs.echo(dir).toString()).start()) {
            List<CompletableFuture<SSLSocket>> attempts = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                attempts.add(CompletableFuture.supplyAsync(() -> held(pki, server.port()), Thread::startVirtualThread));
            }
            List<SSLSocket> held = new ArrayList<>();
            for (var a : attempts) {
                SSLSocket s = a.join();
                if (s != null) {
                    held.add(s);
                }
            }
            try {
                assertThat(held).as("some are served, not all: " + CLIENTS + " connections need more than "
                        + LIMIT + " fds").isNotEmpty().hasSizeLessThan(CLIENTS);
                server.awaitLine("sslserver: warning: (unable to accept|dropping SSL connection, unable to"
                        + " (create pipe|run .*)): out of file descriptors");
                assertThat(server.isAlive()).isTrue();
            } finally {
                for (SSLSocket s : held) {
                    s.close();
                }
            }
            server.awaitLine("sslserver: status: 0/100");
            for (int i = 0; i < 3; i++) {
                try (SSLSocket again = Peers.tls(pki, "127.0.0.1", server.port())) {
                    assertThat(Peers.echoes(again, "served again " + i)).as(server.logText()).isTrue();
                }
            }
        }
    }

    /** A connection that completes its handshake and one echo within 30 s (a loaded machine is slow), else null (closed). */
    private static SSLSocket held(Pki pki, int port) {
        SSLSocket s;
        try {
            s = Peers.tls(pki, null, "127.0.0.1", port, Duration.ofSeconds(30));
        } catch (UncheckedIOException e) {
            return null;
        }
        if (Peers.echoes(s, "held")) {
            return s;
        }
        try {
            s.close();
        } catch (IOException e) {
            // refused anyway
        }
        return null;
    }
}
