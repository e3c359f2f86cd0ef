package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sslclient through its launcher against {@code openssl s_server}: the fd 6/7 contract, TLS 1.2 and
 * 1.3 with RSA and EC certificates and the {@code -s -e} variables (the server's certificate as
 * openssl renders it), client certificates ({@code -c}/{@code -k}, combined, encrypted with
 * {@code -K} and {@code -3}), the default refusals (expired, not yet valid, untrusted, wrong name:
 * exit 110 with 0.13's messages) and {@code -X}/{@code -N}, SNI with {@code -m}, the {@code -T}
 * connect timeout, and a server that dies mid-stream.
 */
class SslClientIT {
    @TempDir
    static Path dir;

    static Pki pki;
    static String ca;

    @BeforeAll
    static void pki() {
        pki = Pki.get();
        ca = pki.file("ca.pem").toString();
    }

    /** fd 7 goes to the server, fd 6 comes from it; fds 0, 1 and 2 stay the program's own. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"SunJSSE", "BCJSSE"})
    void programWritesFd7ReadsFd6AndKeepsItsOwnStdio(String provider) {
        try (OpenSslServer server = OpenSslServer.start(pki, "server.pem", "server.key")) {
            CompletableFuture<Tools.Result> run = ClientRun.of(dir, "sslclient", "-v", "-a", ca, "localhost",
                    Integer.toString(server.port()), "sh", "-c", "echo hi >&7; cat <&6; cat; echo own-stderr >&2")
                    .env("UCSPI4J_TLS_PROVIDER", provider).stdin("own stdin\n").start();
            server.awaitLine("hi");
            server.send("reply\n");
            server.finish(); // s_server closes (no close_notify, which both providers take as the end)
            Tools.Result r = run.join();
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo("reply\nown stdin\n");
            assertThat(r.stderr()).isEqualTo("sslclient: tls connected to: 127.0.0.1 port: " + server.port()
                    + "\nown-stderr\n");
        }
    }

    /**
     * Every protocol and key type: the session and the server's certificate as variables, and the
     * program's end passed on to the server as close_notify (TLS 1.2 too), so the session ends.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"-tls1_3, server.pem", "-tls1_2, server.pem", "-tls1_3, server-ec.pem", "-tls1_2, server-ec.pem"})
    void variablesDescribeTheSessionAndTheServersCertificate(String version, String cert) {
        String key = cert.replace(".pem", ".key");
        try (OpenSslServer server = OpenSslServer.start(pki, cert, key, version)) {
            Tools.Result r = ClientRun.of(dir, "sslclient", "-s", "-e", "-a", ca, "localhost",
                    Integer.toString(server.port()), "env", "-0").run();
            assertThat(r.exit()).as(r.toString()).isZero();
            server.awaitLine("DONE"); // it got close_notify when the program ended
            Map<String, String> env = Peers.environment(r.stdout());
            String cipher = server.awaitOutput(Pattern.compile("(?m)^CIPHER is (\\S+)"), Tools.PATIENCE).group(1);
            assertThat(env).containsEntry("SSL_PROTOCOL", version.equals("-tls1_3") ? "TLSv1.3" : "TLSv1.2")
                    .containsEntry("SSL_CIPHER", cipher)
                    .containsEntry("SSL_CIPHER_USEKEYSIZE", Tools.encryptionBits(cipher))
                    .containsAllEntriesOf(CertView.of(pki.file(cert), "SSL_SERVER_"))
                    .containsEntry("SSL_SERVER_CERT_CHAIN_0", CertView.of(pki.file(cert)).get("CERT"))
                    .containsEntry("PROTO", "SSL");
            assertThat(env.keySet()).noneMatch(k -> k.startsWith("SSL_CLIENT_"));
            String localPort = env.get("SSLLOCALPORT");
            assertThat(localPort).matches("\\d+");
            String name = Tools.hostName("127.0.0.1").orElse(null);
            for (String prefix : List.of("SSL", "TCP")) {
                assertThat(env).containsEntry(prefix + "REMOTEIP", "127.0.0.1")
                        .containsEntry(prefix + "REMOTEPORT", Integer.toString(server.port()))
                        .containsEntry(prefix + "LOCALIP", "127.0.0.1")
                        .containsEntry(prefix + "LOCALPORT", localPort)
                        .doesNotContainKey(prefix + "REMOTEINFO");
                if (name != null) {
                    assertThat(env).containsEntry(prefix + "REMOTEHOST", name).containsEntry(prefix + "LOCALHOST", name);
                }
            }
        }
    }

    static Stream<Arguments> clientCertificates() {
        String cert = Pki.get().file("client.pem").toString();
        String encrypted = Pki.get().file("client-enc.key").toString();
        return Stream.of(
                Arguments.of("-c and -k", List.of("-c", cert, "-k", Pki.get().file("client.key").toString())),
                Arguments.of("combined -c", List.of("-c", Pki.get().file("client-combined.pem").toString())),
                Arguments.of("-K file", List.of("-c", cert, "-k", encrypted, "-K", passphraseFile("pass"))));
    }

    /** A server that requires a certificate gets the client's, however its key is given ({@code -3}: below). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("clientCertificates")
    void clientCertificateIsPresentedAndExported(String how, List<String> options) {
        try (OpenSslServer server = OpenSslServer.start(pki, "server.pem", "server.key", "-Verify", "1",
                "-CAfile", "ca.pem", "-verify_return_error")) {
            List<String> args = new ArrayList<>(List.of("-s", "-a", ca));
            args.addAll(options);
            args.addAll(List.of("localhost", Integer.toString(server.port()), "env", "-0"));
            Tools.Result r = ClientRun.of(dir, "sslclient", args.toArray(String[]::new)).run();
            assertThat(r.exit()).as(r.toString()).isZero();
            server.awaitOutput(Pattern.compile("(?m)^subject=.*CN = client\\.example"), Tools.PATIENCE);
            assertThat(Peers.environment(r.stdout())).containsAllEntriesOf(CertView.of(pki.file("client.pem"),
                    "SSL_CLIENT_"));
        }
    }

    /**
     * The configured certificate is sent whatever CA names the server lists, as the C client (OpenSSL)
     * sends it: here the list names the leaf itself (a C-style CCAFILE=leaf.pem, as in ucspi-ssl's
     * own tests), not its issuer. Before, no certificate went and the server answered
     * certificate_required (exit 110).
     */
    @Test
    void clientCertificateIsSentWhateverCaNamesTheServerLists() {
        try (OpenSslServer server = OpenSslServer.start(pki, "server.pem", "server.key", "-Verify", "1",
                "-CAfile", "client.pem")) {
            Tools.Result r = ClientRun.of(dir, "sslclient", "-a", ca, "-c", pki.file("client.pem").toString(), "-k",
                    pki.file("client.key").toString(), "localhost", Integer.toString(server.port()), "echo", "sent").run();
            assertThat(r.exit()).as(r.toString()).isZero();
            server.awaitOutput(Pattern.compile("(?m)^subject=.*CN = client\\.example"), Tools.PATIENCE);
        }
        // ucspi4j's own server with a C-style CCAFILE naming the leaf (verified against CAFILE)
        try (ServerProcess s = ServerProcess.in(dir).options("-m", "-s").pkiCertificate(pki)
                .env("CCAFILE", pki.file("client.pem").toString()).env("CAFILE", ca)
                .program("sh", "-c", "echo \"$SSL_CLIENT_S_DN_CN\"").start()) {
            Tools.Result r = ClientRun.of(dir, "sslclient", "-a", ca, "-c", pki.file("client.pem").toString(), "-k",
                    pki.file("client.key").toString(), "localhost", Integer.toString(s.port()), "sh", "-c", "cat <&6").run();
            assertThat(r.exit()).as(r + s.logText()).isZero();
            assertThat(r.out()).isEqualTo("client.example\n");
        }
    }

    /**
     * {@code -3} with an encrypted key: the passphrase is read up to its NUL, as ucspi-ssl does, so a
     * writer that keeps fd 3 open must not stall sslclient.
     */
    @Test
    void passphraseOnFd3EndsAtItsNul() {
        Path release = dir.resolve("fd3-released");
        try (OpenSslServer server = OpenSslServer.start(pki, "server.pem", "server.key", "-Verify", "1",
                "-CAfile", "ca.pem", "-verify_return_error")) {
            Tools.Result r = ClientRun.of(dir, "sslclient", "-3", "-c", pki.file("client.pem").toString(), "-k",
                    pki.file("client-enc.key").toString(), "-a", ca, "localhost", Integer.toString(server.port()),
                    "sh", "-c", "touch '" + release + "'; echo ran").fd3Held(Pki.PASSPHRASE, release).run();
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo("ran\n");
        }
    }

    @Test
    void unreadablePassphraseFileIsReportedAs013Does() {
        Tools.Result r = ClientRun.of(dir, "sslclient", "-c", pki.file("client.pem").toString(), "-k",
                pki.file("client-enc.key").toString(), "-K", "/nonexistent/passphrase", "localhost", "1", "true").run();
        assertThat(r.exit()).as(r.toString()).isEqualTo(111);
        assertThat(r.stderr()).isEqualTo("sslclient: error: (111) unable to read password from: /nonexistent/passphrase\n");
    }

    @Test
    void withoutTheRequiredClientCertificateTheSessionFails() {
        try (OpenSslServer server = OpenSslServer.start(pki, "server.pem", "server.key", "-Verify", "1",
                "-CAfile", "ca.pem", "-verify_return_error")) {
            Tools.Result r = ClientRun.of(dir, "sslclient", "-a", ca, "localhost", Integer.toString(server.port()),
                    "sh", "-c", "cat <&6").run();
            // TLS 1.3: the client's handshake is done before the server refuses; the refusal ends the session
            assertThat(r.exit()).as(r.toString()).isEqualTo(110);
            assertThat(r.stderr()).startsWith("sslclient: drop: (110) unable to speak TLS");
            assertThat(r.out()).isEmpty();
        }
    }

    /**
     * The default refuses what a browser would (exit 110, the program never runs), with 0.13's
     * messages; {@code -N} lets only the name go, {@code -X} everything.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "expired.pem       | -x | 110 | missing credentials (CA) or unable to validate server certificate | certificate has expired",
        "not-yet-valid.pem | -x | 110 | missing credentials (CA) or unable to validate server certificate | certificate is not yet valid",
        "self-signed.pem   | -x | 110 | missing credentials (CA) or unable to validate server certificate | unable to get local issuer certificate%1$s",
        "wrong-name.pem    | -x | 110 | server hostname does not match certificate: localhost <=> wrong.example | ",
        "server.pem        | -a | 110 | missing credentials (CA) or unable to validate server certificate | unable to get local issuer certificate%1$s",
        "wrong-name.pem    | -N | 0   | | ",
        "self-signed.pem   | -N | 110 | missing credentials (CA) or unable to validate server certificate | unable to get local issuer certificate%1$s",
        "expired.pem       | -X | 0   | | ",
        "self-signed.pem   | -X | 0   | | ",
    })
    void verificationRefusesBadCertificatesByDefault(String cert, String option, int exit, String message, String reason) {
        String key = cert.startsWith("wrong-name") ? "wrong-name.key" : "server.key";
        try (OpenSslServer server = OpenSslServer.start(pki, cert, key)) {
            // -a alone: no -a, so the JDK's trust store, which does not know the test CA
            List<String> args = new ArrayList<>(option.equals("-a") ? List.of() : List.of(option, "-a", ca));
            args.addAll(List.of("localhost", Integer.toString(server.port()), "sh", "-c", "echo ran"));
            Tools.Result r = ClientRun.of(dir, "sslclient", args.toArray(String[]::new)).run();
            assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
            if (exit == 0) {
                assertThat(r.out()).isEqualTo("ran\n");
                assertThat(r.stderr()).isEmpty();
            } else {
                assertThat(r.out()).as("the program never runs").isEmpty();
                // the reason is said without -v, with a hint where the issuer is what is missing
                String why = reason == null ? "" : "sslclient: certificate problem: "
                        + reason.formatted(" (give the issuer's certificate with -a FILE or -A DIR)") + "\n";
                assertThat(r.stderr()).isEqualTo("sslclient: error: (110) " + message + "\n" + why);
            }
        }
    }

    /** {@code -m} sends the host as SNI (s_server reports it); the default {@code -M} does not. */
    @Test
    void sniOnlyWithDashM() {
        for (String option : List.of("-m", "-M")) {
            try (OpenSslServer server = OpenSslServer.start(pki, "server.pem", "server.key", "-servername", "localhost",
                    "-cert2", "server-ec.pem", "-key2", "server-ec.key")) {
                Tools.Result r = ClientRun.of(dir, "sslclient", option, "-s", "-a", ca, "localhost",
                        Integer.toString(server.port()), "env", "-0").run();
                assertThat(r.exit()).as(r.toString()).isZero();
                server.awaitLine("DONE");
                // with SNI s_server switches to its second (EC) certificate
                String served = Peers.environment(r.stdout()).get("SSL_SERVER_A_KEY");
                if (option.equals("-m")) {
                    assertThat(server.output()).contains("Hostname in TLS extension: \"localhost\"");
                    assertThat(served).isEqualTo("id-ecPublicKey");
                } else {
                    assertThat(server.output()).doesNotContain("Hostname in TLS extension");
                    assertThat(served).isEqualTo("rsaEncryption");
                }
            }
        }
    }

    /**
     * {@code -T x+y} against a listener whose accept queue is full (the kernel drops further SYNs, so
     * connecting hangs as towards a blackholed address): one address gets x+y, then exit 110.
     */
    @Test
    void connectTimesOutAfterXPlusY() throws IOException {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<SocketChannel> queued = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    SocketChannel c = SocketChannel.open();
                    c.configureBlocking(false);
                    c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()));
                    queued.add(c);
                }
                String port = Integer.toString(full.getLocalPort());
                long start = System.nanoTime();
                Tools.Result r = ClientRun.of(dir, "sslclient", "-T", "1+1", "127.0.0.1", port, "sh", "-c", "echo ran")
                        .run();
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(r.exit()).as(r.toString()).isEqualTo(110);
                assertThat(r.out()).isEmpty();
                assertThat(r.stderr()).isEqualTo("sslclient: warning: unable to connect to: 127.0.0.1 port: " + port
                        + ": timed out\nsslclient: drop: (110) unable to connect to: 127.0.0.1 port: " + port + "\n");
                assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1900)).isLessThan(Tools.PATIENCE);
            } finally {
                for (SocketChannel c : queued) {
                    c.close();
                }
            }
        }
    }

    /**
     * A server killed mid-stream closes the connection without close_notify: as ucspi-ssl does, the
     * program gets end of input and sslclient exits with its status, saying nothing.
     */
    @Test
    void serverKilledMidStreamEndsTheProgramsInput() {
        try (OpenSslServer server = OpenSslServer.start(pki, "server.pem", "server.key")) {
            CompletableFuture<Tools.Result> run = ClientRun.of(dir, "sslclient", "-a", ca, "localhost",
                    Integer.toString(server.port()), "sh", "-c",
                    "echo hi >&7; head -n 1 <&6; echo got >&7; cat <&6; echo cat-done; exit 7").start();
            server.awaitLine("hi");
            server.send("partial\n");
            server.awaitLine("got");
            server.kill();
            Tools.Result r = run.join();
            assertThat(r.exit()).as(r.toString()).isEqualTo(7);
            assertThat(r.out()).isEqualTo("partial\ncat-done\n");
            assertThat(r.stderr()).isEmpty();
        }
    }

    /**
     * A server that dies with data of ours unread resets the connection: while the program still
     * talks, that is 0.13's {@code drop: (110) unable to speak TLS}, exit 110.
     */
    @Test
    void serverResetMidStreamIsADrop() throws IOException, InterruptedException {
        Path go = dir.resolve("go-reset");
        try (OpenSslServer server = OpenSslServer.start(pki, "server.pem", "server.key")) {
            CompletableFuture<Tools.Result> run = ClientRun.of(dir, "sslclient", "-a", ca, "localhost",
                    Integer.toString(server.port()), "sh", "-c",
                    "echo hi >&7; n=0; while [ ! -e '" + go + "' ] && [ $n -lt 1200 ]; do sleep 0.1; n=$((n+1)); done; echo more >&7; cat <&6; exit 7")
                    .start();
            server.awaitLine("hi");
            server.stop();
            Files.writeString(go, "");
            awaitUnread(server.port());
            server.kill();
            Tools.Result r = run.join();
            assertThat(r.exit()).as(r.toString()).isEqualTo(110);
            assertThat(r.stderr()).startsWith("sslclient: drop: (110) unable to speak TLS");
        }
    }

    /** Waits until the connection to local port {@code port} has received bytes nobody has read. */
    private static void awaitUnread(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Tools.PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Tools.Result ss = Tools.run(Path.of("/"), Tools.command("ss", "-tnH", "state", "established",
                    "( sport = :" + port + " )"));
            String[] f = ss.out().strip().split("\\s+");
            if (f.length > 1 && f[0].matches("\\d+") && Long.parseLong(f[0]) > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing arrived unread at port " + port);
    }

    static String passphraseFile(String name) {
        try {
            Path p = dir.resolve(name);
            Files.write(p, Pki.PASSPHRASE.getBytes(StandardCharsets.ISO_8859_1));
            return p.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
