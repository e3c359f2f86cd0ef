package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucspi4j.cli.e2e.Tools.openssl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCSP stapling against the real {@code openssl ocsp} responder and {@code openssl s_client -status}:
 * a test CA of its own, whose server certificates name a responder on 127.0.0.1 in their Authority
 * Information Access. {@code OCSP=1} staples "good" and "revoked" as the responder says; with the
 * responder down (nothing listening, then a listener that never answers) handshakes go on at full
 * speed with no staple and one warning. {@code OCSPFILE} staples a response made with
 * {@code openssl ocsp -respout}, and a replacement of the file within seconds. A client that does not
 * ask gets nothing it did not ask for.
 */
class OcspStaplingIT {
    static final String GOOD_SERIAL = "5001";
    static final String REVOKED_SERIAL = "5002";
    static final String DOWN_SERIAL = "5003";

    static final String CONFIG = """
            [req]
            distinguished_name = dn
            [dn]
            [v3_ca]
            basicConstraints = critical,CA:TRUE
            keyUsage = critical,keyCertSign,cRLSign
            subjectKeyIdentifier = hash
            [ca]
            default_ca = now
            [now]
            database = index.txt
            new_certs_dir = .
            serial = serial.txt
            default_md = sha256
            policy = any_name
            unique_subject = no
            [later]
            database = index-later.txt
            new_certs_dir = .
            serial = serial.txt
            default_md = sha256
            policy = any_name
            unique_subject = no
            [any_name]
            commonName = supplied
            """;

    @TempDir
    static Path dir;

    static Process responder;
    static int responderPort;
    /** The port the "down" certificate's responder would be on: nothing there at first. */
    static int downPort;

    /** {@code OCSP=1}, the good certificate. */
    static ServerProcess good;
    /** {@code OCSP=1}, the revoked certificate. */
    static ServerProcess revoked;
    /** {@code OCSP=1}, the certificate whose responder is down. */
    static ServerProcess down;
    /** {@code OCSPFILE=ocsp.der}, the good certificate. */
    static ServerProcess file;

    @BeforeAll
    static void start() throws Exception {
        responderPort = freePort();
        downPort = freePort();
        Files.writeString(dir.resolve("openssl.cnf"), CONFIG + serverExtensions("good", responderPort)
                + serverExtensions("revoked", responderPort) + serverExtensions("down", downPort));
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("index-later.txt"), "");
        Files.writeString(dir.resolve("serial.txt"), "6000\n");
        req("-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
                "-out", "ca.pem", "-days", "30", "-subj", "/O=ucspi4j e2e/CN=ucspi4j OCSP test CA", "-extensions", "v3_ca",
                "-set_serial", "0x4001");
        issue("good", GOOD_SERIAL);
        issue("revoked", REVOKED_SERIAL);
        issue("down", DOWN_SERIAL);
        // what the responder knows: good is valid, revoked is revoked (down's responder never answers)
        ocspCa("now", "-valid", "good.pem");
        ocspCa("now", "-revoke", "revoked.pem", "-crl_reason", "keyCompromise");
        // the index the OCSPFILE's replacement is made from: there, good is revoked (superseded)
        ocspCa("later", "-revoke", "good.pem", "-crl_reason", "superseded");
        openssl(dir, "ocsp", "-issuer", "ca.pem", "-cert", "good.pem", "-no_nonce", "-reqout", "good-request.der");
        respond("index.txt", "good-request.der", "ocsp.der");

        ProcessBuilder pb = new ProcessBuilder("openssl", "ocsp", "-index", "index.txt", "-port", Integer.toString(responderPort),
                "-rsigner", "ca.pem", "-rkey", "ca.key", "-CA", "ca.pem", "-ndays", "1")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("responder.log").toFile());
        responder = pb.start();
        awaitResponder();

        Path hello = Programs.script(dir, "hello.sh", "echo hello\n");
        List<ServerProcess> s = ServerProcess.startAll(
                server("good").env("OCSP", "1").program(hello.toString()),
                server("revoked").env("OCSP", "1").program(hello.toString()),
                server("down").env("OCSP", "1").program(hello.toString()),
                server("good").env("OCSPFILE", dir.resolve("ocsp.der").toString()).program(hello.toString()));
        good = s.get(0);
        revoked = s.get(1);
        down = s.get(2);
        file = s.get(3);
    }

    @AfterAll
    static void stop() {
        for (ServerProcess s : new ServerProcess[] {good, revoked, down, file}) {
            if (s != null) {
                s.close();
            }
        }
        if (responder != null) {
            responder.destroy();
        }
    }

    /** The extensions of a server certificate whose responder is on {@code port}. */
    static String serverExtensions(String name, int port) {
        return "[v3_" + name + "]\n"
                + "basicConstraints = critical,CA:FALSE\n"
                + "keyUsage = critical,digitalSignature,keyEncipherment\n"
                + "extendedKeyUsage = serverAuth\n"
                + "subjectAltName = DNS:localhost,IP:127.0.0.1\n"
                + "authorityInfoAccess = OCSP;URI:http://127.0.0.1:" + port + "\n";
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** {@code openssl req} with the test configuration. */
    static void req(String... args) {
        List<String> a = new ArrayList<>(List.of("req", "-config", "openssl.cnf"));
        a.addAll(List.of(args));
        openssl(dir, a.toArray(String[]::new));
    }

    /** A server certificate from the CA, with the extensions of its name; its chain file holds the CA. */
    static void issue(String name, String serial) throws IOException {
        req("-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key",
                "-out", name + ".csr", "-subj", "/O=ucspi4j e2e/CN=localhost");
        openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "0x" + serial,
                "-days", "30", "-extfile", "openssl.cnf", "-extensions", "v3_" + name, "-out", name + ".pem");
        Files.writeString(dir.resolve(name + "-chain.pem"),
                Files.readString(dir.resolve(name + ".pem")) + Files.readString(dir.resolve("ca.pem")));
    }

    /** {@code openssl ca} on one of the CA's two databases ({@code now} or {@code later}). */
    static void ocspCa(String database, String... args) {
        List<String> a = new ArrayList<>(List.of("ca", "-config", "openssl.cnf", "-name", database, "-cert", "ca.pem",
                "-keyfile", "ca.key"));
        a.addAll(List.of(args));
        openssl(dir, a.toArray(String[]::new));
    }

    /** What {@code openssl ocsp} as a responder answers to {@code request}, by {@code index}, written to {@code out}. */
    static void respond(String index, String request, String out) {
        openssl(dir, "ocsp", "-index", index, "-rsigner", "ca.pem", "-rkey", "ca.key", "-CA", "ca.pem", "-ndays", "1",
                "-reqin", request, "-respout", out);
    }

    static void awaitResponder() throws Exception {
        long deadline = System.nanoTime() + Tools.PATIENCE.toNanos();
        Path log = dir.resolve("responder.log");
        while (!(Files.exists(log) && Files.readString(log).contains("ACCEPT"))) {
            if (System.nanoTime() > deadline || !responder.isAlive()) {
                throw new AssertionError("openssl ocsp did not start: " + (Files.exists(log) ? Files.readString(log) : ""));
            }
            Thread.sleep(50);
        }
    }

    static ServerProcess.Builder server(String certificate) {
        return ServerProcess.in(dir).env("CERTFILE", dir.resolve(certificate + "-chain.pem").toString())
                .env("KEYFILE", dir.resolve(certificate + ".key").toString());
    }

    /** One s_client session that verifies the server against the test CA; stdout and stderr together. */
    static Tools.Result sClient(ServerProcess server, String... extra) {
        List<String> cmd = Tools.command("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(), "-ign_eof",
                "-CAfile", dir.resolve("ca.pem").toString(), "-verify_return_error");
        cmd.addAll(List.of(extra));
        return Tools.run(dir, Map.of(), new byte[0], Peers.PEER_TIMEOUT, cmd);
    }

    static String all(Tools.Result r) {
        return r.out() + "\n" + r.stderr();
    }

    /** s_client -status until what it prints satisfies {@code done} (the first fetch runs in the background). */
    static String awaitStatus(ServerProcess server, Predicate<String> done, String... extra) {
        List<String> args = new ArrayList<>(List.of("-status"));
        args.addAll(List.of(extra));
        long deadline = System.nanoTime() + Tools.PATIENCE.toNanos();
        while (true) {
            Tools.Result r = sClient(server, args.toArray(String[]::new));
            assertThat(r.exit()).as(r.toString()).isZero();
            if (done.test(all(r))) {
                return all(r);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("s_client never saw what was expected; last run:\n" + r + "\nserver log:\n"
                        + server.logText());
            }
            sleep(200);
        }
    }

    static boolean stapled(String s) {
        return s.contains("OCSP Response Status: successful");
    }

    @Test
    void aGoodCertificateIsStapledAsGoodInTls13AndTls12() {
        for (String version : new String[] {"-tls1_3", "-tls1_2"}) {
            String out = awaitStatus(good, OcspStaplingIT::stapled, version);
            assertThat(out).contains("OCSP Response Status: successful (0x0)", "Cert Status: good",
                    "Serial Number: " + GOOD_SERIAL, "Responder Id: O = ucspi4j e2e, CN = ucspi4j OCSP test CA",
                    "Verify return code: 0 (ok)", "hello");
        }
        assertThat(good.log()).as(good.logText()).noneMatch(l -> l.contains("warning"));
    }

    @Test
    void aClientThatDoesNotAskGetsNoStatusExtension() {
        awaitStatus(good, OcspStaplingIT::stapled); // there is a staple to send
        for (String version : new String[] {"-tls1_3", "-tls1_2"}) {
            Tools.Result asked = sClient(good, version, "-tlsextdebug", "-status");
            assertThat(all(asked)).as(asked.toString()).contains("TLS server extension \"status request\"");
            Tools.Result plain = sClient(good, version, "-tlsextdebug");
            assertThat(plain.exit()).as(plain.toString()).isZero();
            assertThat(all(plain)).as(plain.toString()).contains("Verify return code: 0 (ok)", "hello")
                    .doesNotContain("status request").doesNotContain("OCSP response").doesNotContain("OCSP Response");
        }
    }

    @Test
    void aRevokedCertificateIsStapledAsRevokedWithAWarning() {
        String out = awaitStatus(revoked, OcspStaplingIT::stapled);
        assertThat(out).contains("Cert Status: revoked", "Revocation Reason: keyCompromise (0x1)",
                "Serial Number: " + REVOKED_SERIAL);
        revoked.awaitLine("sslserver: warning: OCSP=1: http://127\\.0\\.0\\.1:" + responderPort + " says the certificate"
                + " \\(.*serial " + REVOKED_SERIAL + "\\) is revoked \\(since .*\\): stapled all the same");
        assertThat(revoked.lines(".*warning.*")).as(revoked.logText()).hasSize(1);
    }

    @Test
    void aResponderThatIsDownDelaysNoHandshake() throws Exception {
        String warning = "sslserver: warning: OCSP=1: no OCSP response for the certificate \\(.*serial " + DOWN_SERIAL
                + "\\) from http://127\\.0\\.0\\.1:" + downPort + ": .*; nothing stapled, retrying";
        down.awaitLine(warning); // nothing listening: refused
        // The server's first handshake compiles and loads what every later one uses: on a loaded
        // machine it took 2.5 s in one CI run (a parallel testssl scan). It must succeed unstapled;
        // the 40 timed below show no handshake waits for a fetch (each would wait 3 s).
        Tools.Result first = sClient(down, "-status");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(all(first)).contains("OCSP response: no response sent", "Verify return code: 0 (ok)", "hello");
        handshakesWithoutStaple(20);
        // now a responder that takes connections and never answers, caught in the middle of a fetch
        List<Socket> held = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket silent = new ServerSocket()) {
            silent.setReuseAddress(true);
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), downPort), 50);
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            long deadline = System.nanoTime() + Tools.PATIENCE.toNanos();
            while (held.isEmpty()) { // the fetcher's next retry
                assertThat(System.nanoTime()).as("no retry reached the responder").isLessThan(deadline);
                sleep(20);
            }
            handshakesWithoutStaple(20);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        assertThat(down.lines(".*warning.*")).as(down.logText()).hasSize(1);
        assertThat(down.lines(warning)).hasSize(1);
    }

    /**
     * {@code n} s_client -status handshakes, one after another: each succeeds, unstapled, in under two
     * seconds. (One takes about 60 ms here, under 1 s on a loaded machine; a handshake that waited for
     * a fetch would take at least SunJSSE's response timeout, 3 s.)
     */
    static void handshakesWithoutStaple(int n) {
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            Tools.Result r = sClient(down, "-status");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(all(r)).contains("OCSP response: no response sent", "Verify return code: 0 (ok)", "hello");
            assertThat(took).as("handshake %d", i).isLessThan(Duration.ofMillis(2000));
        }
    }

    @Test
    void anOcspFileIsStapledAndItsReplacementWithinSeconds() throws Exception {
        String before = awaitStatus(file, OcspStaplingIT::stapled);
        assertThat(before).contains("Cert Status: good", "Serial Number: " + GOOD_SERIAL);
        assertThat(file.log()).as(file.logText()).noneMatch(l -> l.contains("warning"));

        respond("index-later.txt", "good-request.der", "ocsp.der.new");
        Files.move(dir.resolve("ocsp.der.new"), dir.resolve("ocsp.der"), StandardCopyOption.ATOMIC_MOVE);
        long start = System.nanoTime();
        String after = awaitStatus(file, s -> s.contains("Cert Status: revoked"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(after).contains("Revocation Reason: superseded (0x4)", "Serial Number: " + GOOD_SERIAL);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        file.awaitLine("sslserver: warning: OCSPFILE=" + Pattern.quote(dir.resolve("ocsp.der").toString()) + ": the OCSP response says the"
                + " certificate \\(.*serial " + GOOD_SERIAL + "\\) is revoked \\(since .*\\): stapled all the same");
    }

    @Test
    void anOcspFileThatIsNotThereStopsTheServer() {
        Tools.Result r = server("good").env("OCSPFILE", dir.resolve("missing.der").toString())
                .runToExit("127.0.0.1", "0", "true");
        assertThat(r.exit()).as(r.toString()).isEqualTo(111);
        assertThat(r.stderr()).contains("sslserver: fatal: unable to load OCSP response: " + dir.resolve("missing.der")
                + ": file does not exist");
    }

    static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

}
