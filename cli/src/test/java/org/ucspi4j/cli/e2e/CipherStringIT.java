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

    /**
     * Old run scripts name AES128-SHA: named outright, it is enabled (JDK 25 disables TLS_RSA_*; that
     * entry is lifted for the server), with a warning at -v; only what the string names, and never
     * without CIPHERS.
     */
    @Test
    void aNamedRsaKeyExchangeSuiteIsEnabledWithAWarning() {
        try (ServerProcess s = ServerProcess.in(dir).options("-v").pkiCertificate(pki).env("CIPHERS", "AES128-SHA")
                .program(env).start()) {
            s.awaitLine("sslserver: warning: CIPHERS names an RSA key exchange suite: TLS_RSA_\\* taken off the"
                    + " JDK's jdk.tls.disabledAlgorithms for this server");
            s.awaitLine("sslserver: warning: CIPHERS: AES128-SHA enabled: RSA key exchange \\(no forward secrecy\\),"
                    + " CBC mode, not in ucspi4j's default");
            assertNegotiates(s, "AES128-SHA");
            assertRefuses(s, "AES256-SHA");
            assertRefuses(s, "ECDHE-RSA-AES128-GCM-SHA256");
        }
        try (ServerProcess s = ServerProcess.in(dir).options("-v").pkiCertificate(pki).program(env).start()) {
            assertRefuses(s, "AES128-SHA");
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
