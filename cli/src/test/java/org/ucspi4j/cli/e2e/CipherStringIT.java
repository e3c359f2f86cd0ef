package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CIPHERS and {@code sslclient -z} with OpenSSL cipher strings, through the launchers, with OpenSSL
 * as the peer proving what is negotiated: run scripts' {@code DEFAULT}, {@code HIGH:!aNULL:!MD5} and
 * {@code AES128-SHA} (the last needs {@code TLS_RSA_*} taken off JDK 25's
 * {@code jdk.tls.disabledAlgorithms}); {@code -v} names each weak suite enabled; a string that selects
 * nothing stays fatal.
 */
class CipherStringIT {
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
    void defaultIsOpensslsDefaultWithinTheJdk() {
        try (ServerProcess s = ServerProcess.in(dir).options("-v").pkiCertificate(pki).env("CIPHERS", "DEFAULT")
                .program(env).start()) {
            s.awaitLine("sslserver: warning: CIPHERS: ECDHE-RSA-AES128-SHA enabled: CBC mode, not in ucspi4j's default");
            assertThat(s.logText()).doesNotContain("ECDHE-RSA-AES128-GCM-SHA256 enabled");
            // OpenSSL's DEFAULT has CBC suites, which ucspi4j's own default leaves out
            assertNegotiates(s, "ECDHE-RSA-AES128-SHA");
            assertNegotiates(s, "DHE-RSA-AES256-SHA256");
            assertRefuses(s, "AES128-GCM-SHA256"); // RSA key exchange: off in JDK 25
            Peers.SClientResult tls13 = Peers.sClient(pki, "127.0.0.1", s.port());
            assertThat(tls13.protocol()).as(tls13.toString()).hasValue("TLSv1.3");
        }
    }

    @Test
    void highInOpensslsOrder() {
        try (ServerProcess s = ServerProcess.in(dir).options("-v").pkiCertificate(pki).env("CIPHERS", "HIGH:!aNULL:!MD5")
                .program(env).start()) {
            // the server's order decides: OpenSSL's, whose first RSA suite is this one
            Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", s.port(), "-tls1_2");
            assertThat(r.cipher()).as(r.toString()).hasValue("ECDHE-RSA-AES256-GCM-SHA384");
            assertNegotiates(s, "ECDHE-RSA-AES256-SHA");
            assertNegotiates(s, "DHE-RSA-AES128-SHA256");
            assertThat(s.logText()).contains("sslserver: warning: CIPHERS: DHE-RSA-AES128-SHA256 enabled: CBC mode");
        }
    }

    @Test
    void aNamedRsaKeyExchangeSuiteOnceTheJdkAllowsIt() throws IOException {
        // JDK 25 as shipped: TLS_RSA_* is disabled, so AES128-SHA selects nothing
        ServerProcess.Builder stock = ServerProcess.in(dir).options("-v").pkiCertificate(pki).env("CIPHERS", "AES128-SHA");
        Tools.Result refused = stock.runToExit("-v", "127.0.0.1", "0", env);
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(111);
        assertThat(refused.stderr()).contains("sslserver: warning: CIPHERS: \"AES128-SHA\" selects no TLS 1.2 suite")
                .endsWith("sslserver: fatal: unable to set cipher list\n");

        Path security = dir.resolve("rsa-kx.security");
        Files.writeString(security, "jdk.tls.disabledAlgorithms=SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, DES, "
                + "MD5withRSA, DH keySize < 1024, EC keySize < 224, 3DES_EDE_CBC, anon, NULL, ECDH\n");
        try (ServerProcess s = ServerProcess.in(dir).options("-v").pkiCertificate(pki).env("CIPHERS", "AES128-SHA")
                .env("UCSPI4J_JAVA_OPTS", "-Djava.security.properties=" + security).program(env).start()) {
            s.awaitLine("sslserver: warning: CIPHERS: AES128-SHA enabled: RSA key exchange \\(no forward secrecy\\),"
                    + " CBC mode, not in ucspi4j's default");
            assertNegotiates(s, "AES128-SHA");
            assertRefuses(s, "ECDHE-RSA-AES128-GCM-SHA256");
        }
    }

    @Test
    void aStringThatSelectsNothingIsFatal() {
        for (String ciphers : new String[] {"NO-SUCH-SUITE", "HIGH:!HIGH", "CAMELLIA", "HIGH:@NOSUCHCOMMAND"}) {
            Tools.Result r = ServerProcess.in(dir).pkiCertificate(pki).env("CIPHERS", ciphers)
                    .runToExit("127.0.0.1", "0", env);
            assertThat(r.exit()).as(ciphers + ": " + r).isEqualTo(111);
            assertThat(r.stderr()).as(ciphers).isEqualTo("sslserver: fatal: unable to set cipher list\n");
        }
    }

    @Test
    void sslclientTakesDefaultToo() {
        try (OpenSslServer server = OpenSslServer.start(pki, "server.pem", "server.key", "-tls1_2", "-cipher",
                "ECDHE-RSA-AES128-SHA")) {
            CompletableFuture<Tools.Result> run = ClientRun.of(dir, "sslclient", "-v", "-z", "DEFAULT", "-a",
                    pki.file("ca.pem").toString(), "localhost", Integer.toString(server.port()),
                    "sh", "-c", "echo hi >&7").start();
            server.awaitLine("hi");
            server.finish();
            Tools.Result r = run.join();
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(server.awaitOutput(Pattern.compile("(?m)^CIPHER is (\\S+)"), Tools.PATIENCE).group(1))
                    .isEqualTo("ECDHE-RSA-AES128-SHA");
            assertThat(r.stderr()).contains("sslclient: warning: -z: ECDHE-RSA-AES128-SHA enabled: CBC mode");
        }
    }

    private static void assertNegotiates(ServerProcess s, String cipher) {
        Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", s.port(), "-tls1_2", "-cipher", cipher);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.cipher()).as(r.toString()).hasValue(cipher);
    }

    private static void assertRefuses(ServerProcess s, String cipher) {
        Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", s.port(), "-tls1_2", "-cipher", cipher);
        assertThat(r.established()).as(r.toString()).isFalse();
    }
}
