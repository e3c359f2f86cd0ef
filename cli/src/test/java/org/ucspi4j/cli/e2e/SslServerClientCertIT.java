package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client certificates: {@code -m} (a valid chain, no name check), {@code -z} (also the client's
 * reverse-DNS name), and neither (nothing requested even with CCAFILE set); {@code SSL_CLIENT_*} by
 * value, as openssl renders the same certificate.
 */
class SslServerClientCertIT {
    @TempDir
    static Path dir;

    static Pki pki;
    static ServerProcess mail;
    static ServerProcess named;
    static ServerProcess none;

    @BeforeAll
    static void start() {
        pki = Pki.get();
        String env = Programs.env(dir).toString();
        String ca = pki.file("ca.pem").toString();
        List<ServerProcess> s = ServerProcess.startAll(
                ServerProcess.in(dir).options("-v", "-s", "-m").pkiCertificate(pki).env("CAFILE", ca).env("CCAFILE", ca)
                        .program(env),
                ServerProcess.in(dir).options("-v", "-s", "-z").pkiCertificate(pki).env("CAFILE", ca).env("CCAFILE", ca)
                        .program(env),
                ServerProcess.in(dir).options("-v", "-s").pkiCertificate(pki).env("CAFILE", ca).env("CCAFILE", ca)
                        .program(env));
        mail = s.get(0);
        named = s.get(1);
        none = s.get(2);
    }

    @AfterAll
    static void stop() {
        for (ServerProcess s : new ServerProcess[] {mail, named, none}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void dashMExportsTheClientCertificate() {
        // the chain is given explicitly (else s_client completes it from -CAfile, which is the same here)
        Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", mail.port(), "-cert", "client.pem", "-key", "client.key",
                "-cert_chain", "ca.pem");
        assertThat(r.exit()).as(r.toString()).isZero();
        Map<String, String> env = r.environment();
        Map<String, String> client = new java.util.LinkedHashMap<>(CertView.of(pki.file("client.pem"), "SSL_CLIENT_"));
        // as 0.95b (OpenSSL's SSL_get_peer_cert_chain on a server): what the client sent after its own
        client.put("SSL_CLIENT_CERT_CHAIN_0", CertView.of(pki.file("ca.pem")).get("CERT"));
        assertThat(env).containsAllEntriesOf(client);
        assertThat(env.keySet().stream().filter(k -> k.startsWith("SSL_CLIENT_"))).as("nothing else of the client")
                .containsExactlyInAnyOrderElementsOf(client.keySet());
        assertThat(env).containsAllEntriesOf(CertView.of(pki.file("server.pem"), "SSL_SERVER_"));
    }

    @Test
    void dashMDropsClientsWithoutAValidCertificate() {
        assertDropped(mail, Peers.sClient(pki, "127.0.0.1", mail.port()));
        assertDropped(mail, Peers.sClient(pki, "127.0.0.1", mail.port(), "-cert", "rogue-client.pem", "-key",
                "rogue-client.key"));
    }

    @Test
    void dashZWantsTheClientsHostName() {
        String name = Tools.hostName("127.0.0.1").orElseThrow(() -> new AssertionError("127.0.0.1 has no name here"));
        assertThat(name).as("the client certificate is made for localhost").isEqualTo("localhost");
        Peers.SClientResult good = Peers.sClient(pki, "127.0.0.1", named.port(), "-cert", "client-localhost.pem", "-key",
                "client-localhost.key");
        assertThat(good.exit()).as(good.toString()).isZero();
        assertThat(good.environment()).containsAllEntriesOf(CertView.of(pki.file("client-localhost.pem"), "SSL_CLIENT_"));

        int mark = named.mark();
        Peers.SClientResult wrong = Peers.sClient(pki, "127.0.0.1", named.port(), "-cert", "client.pem", "-key",
                "client.key");
        assertThat(wrong.data()).as("the program never runs").isEmpty();
        named.awaitLine(mark, "sslserver: warning: dropping SSL connection, client hostname does not match certificate: "
                + name, Tools.PATIENCE);
        named.awaitLine(mark, "sslserver: end \\d+ status 28416", Tools.PATIENCE);
    }

    @Test
    void withoutDashZOrDashMNoCertificateIsAskedFor() {
        Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", none.port(), "-cert", "client.pem", "-key", "client.key");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.environment()).containsKey("SSL_SERVER_S_DN")
                .satisfies(env -> assertThat(env.keySet()).noneMatch(k -> k.startsWith("SSL_CLIENT_")));
    }

    private static void assertDropped(ServerProcess s, Peers.SClientResult r) {
        // TLS 1.3: the client may think the handshake done before the server rejects its (missing) certificate
        assertThat(r.data()).as("the program never runs: " + r).isEmpty();
        s.awaitLine("sslserver: warning: dropping SSL connection, unable to accept SSL: .*");
    }
}
