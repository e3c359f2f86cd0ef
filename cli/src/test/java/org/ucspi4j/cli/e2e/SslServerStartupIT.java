package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How sslserver starts: usage errors (exit 100), startup errors (exit 111, one fatal line), and the
 * key material it can serve: the embedded self-signed default, an encrypted key with {@code -3}, a
 * combined certificate and key file, CERTCHAINFILE; CIPHERS; the BCJSSE provider.
 */
class SslServerStartupIT {
    static final String USAGE = "sslserver: usage: sslserver [ -1346UXpPhHrRoOdDqQvVIeEsSnNmzZ ] [ -c limit ]"
            + " [ -y iprules.cdb ] [ -x rules.cdb ] [ -B banner ] [ -g gid ] [ -u uid ] [ -b backlog ] [ -l localname ]"
            + " [ -t timeout ] [ -I interface ] [ -T ssltimeout ] [ -w progtimeout ] host port program";

    @TempDir
    static Path dir;

    static Pki pki;
    static String env;

    @BeforeAll
    static void setUp() {
        pki = Pki.get();
        env = Programs.env(dir).toString();
    }

    @Test
    void usageErrorsExit100() {
        for (String[] args : new String[][] {{}, {"127.0.0.1", "0"}, {"-k", "127.0.0.1", "0", env}, {"-c"}}) {
            Tools.Result r = ServerProcess.in(dir).runToExit(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(100);
            assertThat(r.stderr()).as(String.join(" ", args)).isEqualTo(USAGE + "\n");
            assertThat(r.stdout()).isEmpty();
        }
    }

    /**
     * Numbers the C server read with scan_ulong, turning junk into another number (`-u nobody` ran the
     * program as root, `-T abc` dropped every handshake): each is a usage error that says what is
     * wrong, before anything is bound (the port asked for stays free).
     */
    @Test
    void badNumbersAreUsageErrorsBeforeAnythingIsBound() throws IOException {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String[][] cases = {
                {"-u", "nobody", "sslserver: -u uid is not a number: 'nobody' (ids are numbers, as in the C tools: -u $(id -u nobody))"},
                {"-u", "65534x", "sslserver: -u uid is not a number: '65534x'"},
                {"-u", "99999999999", "sslserver: -u uid must be from 0 to 4294967294: '99999999999'"},
                {"-g", "abc", "sslserver: -g gid is not a number: 'abc' (ids are numbers, as in the C tools: -g $(id -g abc))"},
                {"-T", "abc", "sslserver: -T ssltimeout is not a number: 'abc'"},
                {"-T", "-5", "sslserver: -T ssltimeout is not a number: '-5'"},
                {"-T", "0", "sslserver: -T ssltimeout must be from 1 to 2147483647: '0'"},
                {"-w", "1x", "sslserver: -w progtimeout is not a number: '1x'"},
                {"-t", "", "sslserver: -t timeout is not a number: ''"},
                {"-c", "abc", "sslserver: -c limit is not a number: 'abc'"},
                {"-c", "0", "sslserver: -c limit must be from 1 to 2147483647: '0'"},
                {"-b", "x", "sslserver: -b backlog is not a number: 'x'"},
        };
        for (String[] c : cases) {
            Tools.Result r = ServerProcess.in(dir).runToExit(c[0], c[1], "127.0.0.1", Integer.toString(port), env);
            assertThat(r.exit()).as(c[0] + " " + c[1] + ": " + r.stderr()).isEqualTo(100);
            assertThat(r.stderr()).as(c[0] + " " + c[1]).isEqualTo(c[2] + "\n" + USAGE + "\n");
        }
        Tools.Result r = ServerProcess.in(dir).env("UID", "nobody").runToExit("-U", "127.0.0.1", Integer.toString(port), env);
        assertThat(r.exit()).isEqualTo(100);
        assertThat(r.stderr()).startsWith("sslserver: -U: $UID uid is not a number: 'nobody'\n");
        try (java.net.ServerSocket stillFree = new java.net.ServerSocket(port, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            assertThat(stillFree.getLocalPort()).isEqualTo(port);
        }
    }

    /** The -v cafile and cadir lines show what is in force: CAFILE and CADIR verify clients only with -z or -m. */
    @Test
    void cafileAndCadirLinesShowTheValuesInForce() {
        try (ServerProcess s = ServerProcess.in(dir).options("-v").pkiCertificate(pki)
                .env("CAFILE", pki.file("ca.pem").toString()).env("CADIR", "/etc/ssl/certs").program(env).start()) {
            s.awaitLine("sslserver: cadir \\d+ ");
            assertThat(s.lines("sslserver: cafile \\d+ ")).hasSize(1);
        }
        try (ServerProcess s = ServerProcess.in(dir).options("-v", "-m").pkiCertificate(pki)
                .env("CAFILE", pki.file("ca.pem").toString()).env("CADIR", "/etc/ssl/certs")
                .env("CCAFILE", pki.file("ca.pem").toString()).program(env).start()) {
            s.awaitLine("sslserver: cadir \\d+ /etc/ssl/certs");
            assertThat(s.lines("sslserver: cafile \\d+ " + java.util.regex.Pattern.quote(pki.file("ca.pem").toString())))
                    .hasSize(1);
        }
    }

    /**
     * A host name no resolver could ask for (over 255 bytes, or a label over 63) gets the C tools'
     * message, their resolver's EPROTO, where the JDK would just find no address; sslclient too.
     */
    @Test
    void anImpossibleHostNameIsTheCToolsProtocolError() {
        String longName = "a".repeat(300) + ".example";
        Tools.Result r = ServerProcess.in(dir).pkiCertificate(pki).runToExit(longName, "0", env);
        assertThat(r.exit()).isEqualTo(111);
        assertThat(r.stderr()).isEqualTo("sslserver: fatal: temporarily unable to figure out IP address for " + longName
                + ": protocol error\n");
        String longLabel = "b".repeat(64) + ".example";
        Tools.Result c = ClientRun.of(dir, "sslclient", longLabel, "443", "true").run();
        assertThat(c.exit()).isEqualTo(111);
        assertThat(c.stderr()).isEqualTo("sslclient: fatal: (111) temporarily unable to figure out IP address for: "
                + longLabel + ": protocol error\n");
    }

    @Test
    void unreadableCertificateIsFatal() {
        assertFatal(ServerProcess.in(dir).env("CERTFILE", dir.resolve("missing.pem").toString())
                .env("KEYFILE", pki.file("server.key").toString()), "unable to load certificate.*");
    }

    @Test
    void keyThatDoesNotMatchIsFatal() {
        assertFatal(ServerProcess.in(dir).env("CERTFILE", pki.file("server.pem").toString())
                .env("KEYFILE", pki.file("other.key").toString()), "key does not match certificate.*");
    }

    @Test
    void wrongPassphraseIsFatal() throws IOException {
        Path wrong = dir.resolve("wrong-passphrase");
        Files.write(wrong, "not it\0".getBytes(StandardCharsets.ISO_8859_1));
        assertFatal(ServerProcess.in(dir).env("CERTFILE", pki.file("server.pem").toString())
                .env("KEYFILE", pki.file("server-enc.key").toString()).fd3(wrong).options("-3"), "unable to load key.*");
    }

    @Test
    void dashQSilencesEvenFatalErrors() {
        Tools.Result r = ServerProcess.in(dir).env("CERTFILE", dir.resolve("missing.pem").toString())
                .runToExit("-q", "127.0.0.1", "0", env);
        assertThat(r.exit()).isEqualTo(111);
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void unknownPortNameIsFatal() {
        Tools.Result r = ServerProcess.in(dir).pkiCertificate(pki).runToExit("127.0.0.1", "no-such-service", env);
        assertThat(r.exit()).isEqualTo(111);
        assertThat(r.stderr()).isEqualTo("sslserver: fatal: unable to figure out port number for no-such-service\n");
    }

    @Test
    void portInUseIsFatal() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            Tools.Result r = ServerProcess.in(dir).pkiCertificate(pki)
                    .runToExit("-1", "127.0.0.1", Integer.toString(taken.getLocalPort()), env);
            assertThat(r.exit()).isEqualTo(111);
            assertThat(r.stderr()).isEqualTo("sslserver: fatal: unable to bind: address already used\n");
            assertThat(r.stdout()).as("no port printed").isEmpty();
        }
    }

    @Test
    void withoutCertificateSettingsTheEmbeddedSelfSignedOneIsServed() {
        try (ServerProcess s = ServerProcess.in(dir).options("-v").program(env).start()) {
            s.awaitLine(Pattern.quote("sslserver: warning: no CERTFILE, KEYFILE or CERTCHAINFILE set: serving a"
                    + " self-signed certificate for localhost made in memory (not for production)"));
            Tools.Result r = Tools.run(dir, Map.of(), new byte[0], Peers.PEER_TIMEOUT, Tools.command("openssl",
                    "s_client", "-connect", "127.0.0.1:" + s.port(), "-brief", "-ign_eof"));
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.stderr()).contains("Peer certificate: CN = localhost", "self-signed certificate");
            assertThat(Peers.environment(r.stdout())).containsEntry("SSLLOCALIP", "127.0.0.1");
        }
    }

    @Test
    void encryptedKeyWithPassphraseOnFd3() throws IOException {
        Path passphrase = dir.resolve("passphrase");
        Files.write(passphrase, (Pki.PASSPHRASE + "\0").getBytes(StandardCharsets.ISO_8859_1));
        try (ServerProcess s = ServerProcess.in(dir).options("-3").env("CERTFILE", pki.file("server.pem").toString())
                .env("KEYFILE", pki.file("server-enc.key").toString()).fd3(passphrase).program(env).start()) {
            assertServes(s);
        }
    }

    @Test
    void combinedCertificateAndKeyWithoutKeyfile() {
        try (ServerProcess s = ServerProcess.in(dir).options("-v")
                .env("CERTFILE", pki.file("server-combined.pem").toString()).program(env).start()) {
            assertServes(s);
            s.awaitLine("sslserver: status: 0/40");
            assertThat(s.log()).contains("sslserver: cert " + s.pid() + " " + pki.file("server-combined.pem"),
                    "sslserver: key " + s.pid() + " ");
        }
    }

    @Test
    void certificateChainFileIsSentWhole() {
        try (ServerProcess s = ServerProcess.in(dir).options("-v")
                .env("CERTCHAINFILE", pki.file("server-chain.pem").toString())
                .env("KEYFILE", pki.file("server.key").toString()).program(env).start()) {
            s.awaitLine(Pattern.quote("sslserver: chainfile " + s.pid() + " " + pki.file("server-chain.pem")));
            Tools.Result r = Tools.run(dir, Map.of(), new byte[0], Peers.PEER_TIMEOUT, Tools.command("openssl",
                    "s_client", "-connect", "127.0.0.1:" + s.port(), "-showcerts", "-ign_eof", "-CAfile",
                    pki.file("ca.pem").toString(), "-verify_return_error"));
            assertThat(r.exit()).as(r.toString()).isZero();
            String shown = r.out();
            assertThat(shown.split("-----BEGIN CERTIFICATE-----", -1)).as(shown).hasSize(3);
            assertThat(shown).contains(" 0 s:C = US, ST = New York, L = Brooklyn, O = ucspi4j e2e, OU = servers,"
                    + " CN = localhost", " 1 s:C = US, O = ucspi4j e2e, CN = ucspi4j e2e CA");
        }
    }

    @Test
    void ciphersRestrictsTheSuites() {
        try (ServerProcess s = ServerProcess.in(dir).options("-V", "-s").pkiCertificate(pki)
                .env("CIPHERS", "TLS_CHACHA20_POLY1305_SHA256:ECDHE-RSA-AES128-GCM-SHA256").program(env).start()) {
            Peers.SClientResult tls13 = Peers.sClient(pki, "127.0.0.1", s.port());
            assertThat(tls13.exit()).as(tls13.toString()).isZero();
            assertThat(tls13.cipher()).hasValue("TLS_CHACHA20_POLY1305_SHA256");
            assertThat(tls13.environment()).containsEntry("SSL_CIPHER", "TLS_CHACHA20_POLY1305_SHA256")
                    .containsEntry("SSL_PROTOCOL", "TLSv1.3");
            s.awaitLine("sslserver: ssl \\d+ accept TLSv1\\.3:TLS_CHACHA20_POLY1305_SHA256");

            Peers.SClientResult tls12 = Peers.sClient(pki, "127.0.0.1", s.port(), "-tls1_2");
            assertThat(tls12.exit()).as(tls12.toString()).isZero();
            assertThat(tls12.cipher()).hasValue("ECDHE-RSA-AES128-GCM-SHA256");
            assertThat(tls12.environment()).containsEntry("SSL_CIPHER", "ECDHE-RSA-AES128-GCM-SHA256")
                    .containsEntry("SSL_PROTOCOL", "TLSv1.2").containsEntry("SSL_CIPHER_USEKEYSIZE", "128");

            Peers.SClientResult refused = Peers.sClient(pki, "127.0.0.1", s.port(), "-ciphersuites",
                    "TLS_AES_256_GCM_SHA384");
            assertThat(refused.exit()).as(refused.toString()).isNotZero();
            assertThat(refused.established()).isFalse();
            Peers.SClientResult refused12 = Peers.sClient(pki, "127.0.0.1", s.port(), "-tls1_2", "-cipher",
                    "ECDHE-RSA-AES256-GCM-SHA384");
            assertThat(refused12.established()).as(refused12.toString()).isFalse();
        }
    }

    @Test
    void bouncyCastleProviderServesToo() {
        try (ServerProcess s = ServerProcess.in(dir).options("-s").pkiCertificate(pki)
                .env("UCSPI4J_TLS_PROVIDER", "BCJSSE").program(env).start()) {
            Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", s.port());
            assertThat(r.exit()).as(r.toString()).isZero();
            Map<String, String> vars = r.environment();
            assertThat(vars.get("SSL_VERSION_LIBRARY")).contains("BCJSSE");
            assertThat(vars).containsEntry("SSL_PROTOCOL", r.protocol().orElseThrow())
                    .containsEntry("SSL_CIPHER", r.cipher().orElseThrow())
                    .containsAllEntriesOf(CertView.of(pki.file("server.pem"), "SSL_SERVER_"));
        }
    }

    /** The server answers a verifying s_client and runs its program. */
    private static void assertServes(ServerProcess s) {
        Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", s.port(), "-verify_hostname", "localhost");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.environment()).containsEntry("SSLLOCALPORT", Integer.toString(s.port()));
    }

    /** Started with {@code builder}, the server exits 111 with the single fatal line {@code message}. */
    private static void assertFatal(ServerProcess.Builder builder, String message) {
        Tools.Result r = builder.runToExit(withOptions(builder));
        assertThat(r.exit()).as(r.toString()).isEqualTo(111);
        assertThat(r.stderr()).as(r.toString()).matches("sslserver: fatal: " + message + "\n");
    }

    private static String[] withOptions(ServerProcess.Builder builder) {
        java.util.List<String> args = new java.util.ArrayList<>(builder.options());
        args.addAll(java.util.List.of("127.0.0.1", "0", env));
        return args.toArray(String[]::new);
    }
}
