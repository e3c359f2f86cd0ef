package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that attack the handshake: they reset the connection halfway through their ClientHello,
 * send random bytes instead of one, or send a ClientHello a byte a second (slowloris). Each is
 * dropped (status 28416, the program never runs), the slow ones at {@code -T}, and a normal client
 * is served meanwhile and afterwards.
 */
class SslServerHostileClientsIT {
    static final int HANDSHAKE = 5;
    static final String ID = "(\\d+)";

    @TempDir
    static Path dir;

    static Pki pki;
    static ServerProcess server;

    @BeforeAll
    static void start() {
        pki = Pki.get();
        server = ServerProcess.in(dir).options("-v", "-c", "30", "-T", Integer.toString(HANDSHAKE))
                .pkiCertificate(pki).program(Programs.echo(dir).toString()).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The connection number the server gave the client on local port {@code port} (its {@code ok} line). */
    static String idOf(Socket s) {
        return server.awaitLine("sslserver: ok " + ID + " .*:127\\.0\\.0\\.1::" + s.getLocalPort()).group(1);
    }

    /** Each connection ended as dropped before its program ran. */
    static void droppedWithoutProgram(List<String> ids) {
        for (String id : ids) {
            server.awaitLine("sslserver: end " + id + " status 28416");
            assertThat(server.lines("sslserver: ssl " + id + " accept.*")).as("program of connection " + id).isEmpty();
        }
    }

    static void aNormalClientIsServed(String line) {
        try (SSLSocket c = Peers.tls(pki, "127.0.0.1", server.port())) {
            assertThat(Peers.echoes(c, line)).as(server.logText()).isTrue();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void clientsThatResetHalfwayThroughTheirClientHelloAreDropped() throws IOException {
        byte[] hello = Peers.clientHello();
        int mark = server.mark();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Socket s = Peers.plain(null, "127.0.0.1", server.port());
            s.getOutputStream().write(hello, 0, hello.length / 2);
            s.getOutputStream().flush();
            ids.add(idOf(s));
            s.setSoLinger(true, 0); // close with a reset
            s.close();
        }
        droppedWithoutProgram(ids);
        assertThat(server.lines(mark, "sslserver: warning: dropping SSL connection, unable to accept SSL: .*"))
                .hasSizeGreaterThanOrEqualTo(ids.size())
                .noneMatch(m -> m.group().endsWith("timeout"));
        aNormalClientIsServed("after 20 resets");
    }

    @Test
    void randomBytesInsteadOfAClientHelloAreDroppedAtOnce() throws IOException {
        Random random = new Random(20261126);
        int mark = server.mark();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            byte[] junk = new byte[i < 8 ? 2048 : 517];
            random.nextBytes(junk);
            if (i >= 8) {
                // a well-formed handshake record header with a random body: reaches the ClientHello parser
                junk[0] = 0x16;
                junk[1] = 0x03;
                junk[2] = (byte) (i % 2 == 0 ? 0x01 : 0x03);
                junk[3] = 0x02;
                junk[4] = 0x00;
                junk[5] = 0x01; // client_hello
            }
            try (Socket s = Peers.plain(null, "127.0.0.1", server.port())) {
                try {
                    s.getOutputStream().write(junk);
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    // the server may have given up before all of it was sent
                }
                ids.add(idOf(s));
                Peers.readToEnd(s); // an alert at most, then the end
            }
        }
        droppedWithoutProgram(ids);
        List<String> drops = server.lines(mark, "sslserver: warning: dropping SSL connection, unable to accept SSL: (.*)")
                .stream().map(m -> m.group(1)).toList();
        assertThat(drops).as("dropped for what they sent, not at the -T deadline").hasSizeGreaterThanOrEqualTo(ids.size())
                .doesNotContain("timeout");
        aNormalClientIsServed("after random bytes");
    }

    @Test
    void slowlorisClientsAreCutAtTheHandshakeTimeoutWhileAnotherIsServed() throws Exception {
        byte[] hello = Peers.clientHello();
        int mark = server.mark();
        List<Socket> slow = new ArrayList<>();
        List<CompletableFuture<Long>> cut = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int i = 0; i < 5; i++) {
                Socket s = Peers.plain(null, "127.0.0.1", server.port());
                slow.add(s);
                ids.add(idOf(s));
                Thread.startVirtualThread(() -> trickle(s, hello));
                cut.add(CompletableFuture.supplyAsync(() -> {
                    Peers.readToEnd(s);
                    return System.nanoTime();
                }, Thread::startVirtualThread));
            }
            long served;
            aNormalClientIsServed("while five clients trickle");
            served = System.nanoTime();
            for (CompletableFuture<Long> c : cut) {
                long end = c.get();
                assertThat(served).as("served before the slow ones are cut").isLessThan(end);
                assertThat(Duration.ofNanos(end - start)).isGreaterThan(Duration.ofMillis(HANDSHAKE * 1000L - 300))
                        .isLessThan(Duration.ofSeconds(HANDSHAKE).plus(Tools.PATIENCE));
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        droppedWithoutProgram(ids);
        server.awaitLines(mark, "sslserver: warning: dropping SSL connection, unable to accept SSL: timeout", ids.size(),
                Tools.PATIENCE);
        aNormalClientIsServed("after the slow ones");
    }

    /** Sends {@code hello} a byte a second until the connection fails. */
    private static void trickle(Socket s, byte[] hello) {
        try {
            OutputStream out = s.getOutputStream();
            for (byte b : hello) {
                out.write(b);
                out.flush();
                Thread.sleep(1000);
            }
        } catch (IOException | InterruptedException e) {
            // cut by the server: what the test waits for
        }
    }
}
