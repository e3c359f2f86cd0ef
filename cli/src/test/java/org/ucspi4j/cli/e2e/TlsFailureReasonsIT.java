package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Why a handshake failed, as sslserver logs it and sslclient reports it: in the peer's terms, the way
 * the C tools' OpenSSL reasons say it ("tlsv1 alert unknown ca", "http request"), with both TLS
 * providers, and never a Java class name, a JSSE method name or JSSE's own wording.
 */
class TlsFailureReasonsIT {
    static final String DROP = "sslserver: warning: dropping SSL connection, unable to accept SSL: (.*)";
    static final List<String> PROVIDERS = List.of("SunJSSE", "BCJSSE");

    @TempDir
    static Path dir;

    static Pki pki;
    static List<ServerProcess> servers;

    @BeforeAll
    static void start() {
        pki = Pki.get();
        List<ServerProcess.Builder> builders = new ArrayList<>();
        for (String provider : PROVIDERS) {
            builders.add(ServerProcess.in(dir).options("-v").env("UCSPI4J_TLS_PROVIDER", provider)
                    .pkiCertificate(pki).program(Programs.echo(dir).toString()));
        }
        servers = ServerProcess.startAll(builders.toArray(ServerProcess.Builder[]::new));
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.forEach(ServerProcess::close);
        }
    }

    /** A client's way of failing the handshake, and the reason OpenSSL would log for it. */
    record Failure(String name, String reason, java.util.function.IntConsumer client) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> serverSideFailures() {
        List<Failure> failures = List.of(
                new Failure("client does not trust the server (TLS 1.3)", "tlsv1 alert unknown ca",
                        port -> sClient(port, "-tls1_3", "-CAfile", "rogue-ca.pem", "-verify_return_error")),
                new Failure("client does not trust the server (TLS 1.2)", "tlsv1 alert unknown ca",
                        port -> sClient(port, "-tls1_2", "-CAfile", "rogue-ca.pem", "-verify_return_error")),
                new Failure("plain HTTP to the TLS port", "http request",
                        port -> plainClient(port, "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")),
                new Failure("TLS 1.0 only", "unsupported protocol",
                        port -> sClient(port, "-tls1", "-cipher", "DEFAULT@SECLEVEL=0")),
                new Failure("no cipher in common", "no shared cipher",
                        port -> sClient(port, "-tls1_2", "-cipher", "AES128-SHA")),
                new Failure("connects and closes", "unexpected eof while reading", port -> plainClient(port, "")));
        List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < PROVIDERS.size(); i++) {
            for (Failure f : failures) {
                out.add(Arguments.of(i, PROVIDERS.get(i), f));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("serverSideFailures")
    void sslserverLogsTheReasonInThePeersTerms(int server, String provider, Failure failure) {
        ServerProcess s = servers.get(server);
        int mark = s.mark();
        failure.client().accept(s.port());
        String line = s.awaitLine(mark, DROP, Tools.PATIENCE).group();
        assertNoJavaWords(line);
        assertThat(line).isEqualTo("sslserver: warning: dropping SSL connection, unable to accept SSL: " + failure.reason());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SunJSSE", "BCJSSE"})
    void sslclientNamesTheCertificateProblem(String provider) {
        try (OpenSslServer expired = OpenSslServer.start(pki, "expired.pem", "server.key")) {
            Tools.Result r = sslclient(provider, "-v", "-a", pki.file("ca.pem").toString(), "localhost",
                    Integer.toString(expired.port()), "true");
            assertThat(r.exit()).as(r.toString()).isEqualTo(110);
            assertNoJavaWords(r.stderr());
            assertThat(r.stderr()).isEqualTo("sslclient: error: (110) missing credentials (CA) or unable to validate server certificate\n"
                    + "sslclient: certificate problem: certificate has expired\n");
        }
        try (OpenSslServer untrusted = OpenSslServer.start(pki, "server.pem", "server.key")) {
            Tools.Result r = sslclient(provider, "-v", "-a", pki.file("rogue-ca.pem").toString(), "localhost",
                    Integer.toString(untrusted.port()), "true");
            assertThat(r.exit()).as(r.toString()).isEqualTo(110);
            assertNoJavaWords(r.stderr());
            assertThat(r.stderr()).endsWith("sslclient: certificate problem: unable to get local issuer certificate"
                    + " (give the issuer's certificate with -a FILE or -A DIR)\n");
        }
        try (OpenSslServer untrusted = OpenSslServer.start(pki, "server.pem", "server.key")) {
            // without -v too: the reason is no verbose detail
            Tools.Result quiet = sslclient(provider, "-a", pki.file("rogue-ca.pem").toString(), "localhost",
                    Integer.toString(untrusted.port()), "true");
            assertThat(quiet.exit()).as(quiet.toString()).isEqualTo(110);
            assertThat(quiet.stderr()).isEqualTo("sslclient: error: (110) missing credentials (CA) or unable to validate"
                    + " server certificate\nsslclient: certificate problem: unable to get local issuer certificate"
                    + " (give the issuer's certificate with -a FILE or -A DIR)\n");
        }
    }

    @Test
    void sslclientNamesTheCaFileItCannotRead() {
        Tools.Result r = sslclient("SunJSSE", "-a", "/nonexistent/ca.pem", "localhost", "1", "true");
        assertThat(r.exit()).as(r.toString()).isEqualTo(111);
        assertThat(r.stderr()).isEqualTo(
                "sslclient: error: (111) unable to load CA list: /nonexistent/ca.pem: file does not exist\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SunJSSE", "BCJSSE"})
    void sslclientAgainstAPlainHttpServerSaysWrongVersionNumber(String provider) throws IOException {
        try (ServerSocket http = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> {
                try (Socket c = http.accept()) {
                    c.getInputStream().read(new byte[512]); // the ClientHello, unread
                    c.getOutputStream().write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, Thread::startVirtualThread);
            Tools.Result r = sslclient(provider, "-X", "127.0.0.1", Integer.toString(http.getLocalPort()), "true");
            answer.join();
            assertThat(r.exit()).as(r.toString()).isEqualTo(111);
            assertNoJavaWords(r.stderr());
            assertThat(r.stderr()).isEqualTo("sslclient: fatal: (111) unable to TLS connect: wrong version number\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SunJSSE", "BCJSSE"})
    void sslclientWithoutTheCertificateTheServerRequiresHearsItsAlert(String provider) {
        try (OpenSslServer server = OpenSslServer.start(pki, "server.pem", "server.key", "-Verify", "1",
                "-CAfile", "ca.pem", "-verify_return_error", "-tls1_3")) {
            Tools.Result r = sslclient(provider, "-a", pki.file("ca.pem").toString(), "localhost",
                    Integer.toString(server.port()), "sh", "-c", "cat <&6");
            assertThat(r.exit()).as(r.toString()).isEqualTo(110);
            assertNoJavaWords(r.stderr());
            assertThat(r.stderr()).isEqualTo("sslclient: drop: (110) unable to speak TLS: tlsv13 alert certificate required\n");
        }
    }

    // Java's words: class names, packages, JSSE's "(alert_name) " prefix, camelCase method names
    private static final Pattern JAVA_WORDS = Pattern.compile(
            "Exception|Error\\b|\\bsun\\.|\\bjava\\.|\\bjavax\\.|\\borg\\.bouncycastle|\\([a-z_]+\\) |\\b[a-z]+[A-Z][A-Za-z]*\\b");

    static void assertNoJavaWords(String text) {
        assertThat(JAVA_WORDS.matcher(text).find()).as("Java wording in: %s", text).isFalse();
    }

    private static void sClient(int port, String... extra) {
        List<String> cmd = Tools.command("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-brief");
        cmd.addAll(List.of(extra));
        Tools.run(pki.dir(), Map.of(), new byte[0], Peers.PEER_TIMEOUT, cmd);
    }

    private static void plainClient(int port, String send) {
        try (Socket s = Peers.plain(null, "127.0.0.1", port)) {
            s.getOutputStream().write(send.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.shutdownOutput();
            Peers.readToEnd(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Tools.Result sslclient(String provider, String... args) {
        return ClientRun.of(dir, "sslclient", args).env("UCSPI4J_TLS_PROVIDER", provider).run();
    }
}
