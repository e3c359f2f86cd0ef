package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertificateException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ucspi4j.runtime.SslVariable;

/**
 * The client context end to end against {@code openssl s_server}: verification against a CA file,
 * host names and IP literals, expired and untrusted certificates, SNI, client certificates, and the
 * client-side SSL_* variables of the live session.
 */
class ClientContextTest {
    static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.get();
    }

    /** s_server with a key (and its chain), answering SNI for "localhost" so it logs the name it got. */
    static Peers.SServer sServer(String key, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("-cert", key + ".pem", "-key", key + ".key",
                "-servername", "localhost", "-cert2", key + ".pem", "-key2", key + ".key"));
        if (!key.equals("selfsigned")) {
            args.addAll(List.of("-cert_chain", "inter.pem", "-chainCAfile", "inter.pem"));
        }
        args.addAll(List.of(extra));
        return new Peers.SServer(pki.dir, args.toArray(String[]::new));
    }

    static TlsClientConfig trusting(TlsProvider provider) {
        return TlsClientConfig.defaults().withTrust(pki.file("root.pem"), null, 1).withProvider(provider);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void verifiedConnectionAndTheVariables(TlsProvider provider) throws Exception {
        ClientTlsContext context = TlsContexts.client(trusting(provider));
        try (Peers.SServer server = sServer("server-ec")) {
            Peers.Served s = Peers.connect(context, server, "localhost");
            String log = server.output();
            assertThat(s.failure()).isNull();
            assertThat(log).contains(Peers.GREETING);

            // Session: as s_server reports it.
            assertThat(log).contains("CIPHER is " + s.get("SSL_CIPHER"));
            assertThat(s.get("SSL_PROTOCOL")).isEqualTo("TLSv1.3");
            // The server's certificate and the chain it sent, starting with its own (OpenSSL's client view).
            OpensslView leaf = OpensslView.of(pki.dir, "server-ec.pem");
            assertThat(s.get("SSL_SERVER_S_DN")).isEqualTo(leaf.subject())
                    .isEqualTo("/C=US/ST=New York/L=Brooklyn/O=ucspi4j test/CN=localhost");
            assertThat(s.get("SSL_SERVER_I_DN")).isEqualTo(leaf.issuer());
            assertThat(s.get("SSL_SERVER_M_SERIAL")).isEqualTo(leaf.serial().toString());
            assertThat(s.get("SSL_SERVER_V_START")).isEqualTo(leaf.notBefore());
            assertThat(s.get("SSL_SERVER_A_SIG")).isEqualTo(leaf.signatureAlgorithm());
            assertThat(s.get("SSL_SERVER_CERT")).isEqualTo(leaf.pem());
            assertThat(s.get("SSL_SERVER_CERT_CHAIN_0")).isEqualTo(leaf.pem());
            assertThat(s.get("SSL_SERVER_CERT_CHAIN_1")).isEqualTo(OpensslView.of(pki.dir, "inter.pem").pem());
            assertThat(s.variables()).noneMatch(v -> v.name().startsWith("SSL_CLIENT_"));
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void sniWhenAsked(TlsProvider provider) throws Exception {
        // s_server answers SNI from its second context, which has no chain: trust the intermediate.
        ClientTlsContext context = TlsContexts.client(TlsClientConfig.defaults().withTrust(pki.file("inter.pem"), null, 1)
                .withProvider(provider).withSni(true));
        try (Peers.SServer server = sServer("server-ec")) {
            assertThat(Peers.connect(context, server, "localhost").failure()).isNull();
            assertThat(server.output()).contains("Hostname in TLS extension: \"localhost\"").contains(Peers.GREETING);
        }
    }

    @Test
    void ipLiteralMatchesAnIpSanAndSendsNoSni() throws Exception {
        ClientTlsContext context = TlsContexts.client(trusting(TlsProvider.SUN_JSSE).withSni(true));
        try (Peers.SServer server = sServer("server-rsa", "-tls1_2")) {
            Peers.Served s = Peers.connect(context, server, "127.0.0.1");
            assertThat(s.failure()).isNull();
            assertThat(server.output()).doesNotContain("Hostname in TLS extension");
            assertThat(s.get("SSL_PROTOCOL")).isEqualTo("TLSv1.2");
            assertThat(s.get("SSL_SERVER_A_KEY")).isEqualTo("rsaEncryption");
        }
    }

    @Test
    void noSniUnlessAsked() throws Exception {
        ClientTlsContext context = TlsContexts.client(trusting(TlsProvider.SUN_JSSE));
        try (Peers.SServer server = sServer("server-ec")) {
            assertThat(Peers.connect(context, server, "localhost").failure()).isNull();
            assertThat(server.output()).doesNotContain("Hostname in TLS extension");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void wrongNameFailsUnlessNamesAreNotChecked(TlsProvider provider) throws Exception {
        try (Peers.SServer server = sServer("server-ec")) {
            Peers.Served s = Peers.connect(TlsContexts.client(trusting(provider)), server, "wrong.example");
            // SunJSSE: SSLHandshakeException caused by a CertificateException; BCJSSE: a fatal alert.
            assertThat(s.failure()).isInstanceOf(java.io.IOException.class);
            if (provider == TlsProvider.SUN_JSSE) {
                assertThat(causes(s.failure())).anyMatch(t -> t instanceof CertificateException);
            }
        }
        try (Peers.SServer server = sServer("server-ec")) {
            ClientTlsContext lax = TlsContexts.client(trusting(provider).withChecks(true, false));
            assertThat(Peers.connect(lax, server, "wrong.example").failure()).isNull();
        }
    }

    @Test
    void expiredCertificateFails() throws Exception {
        try (Peers.SServer server = sServer("expired")) {
            Peers.Served s = Peers.connect(TlsContexts.client(trusting(TlsProvider.SUN_JSSE)), server, "localhost");
            assertThat(s.failure()).isInstanceOf(SSLHandshakeException.class);
            assertThat(causes(s.failure())).anyMatch(t -> t instanceof java.security.cert.CertificateExpiredException
                    || String.valueOf(t.getMessage()).contains("validity check failed"));
        }
    }

    @Test
    void untrustedSelfSignedFailsUnlessVerificationIsOff() throws Exception {
        try (Peers.SServer server = sServer("selfsigned")) {
            Peers.Served s = Peers.connect(TlsContexts.client(trusting(TlsProvider.SUN_JSSE)), server, "localhost");
            assertThat(s.failure()).isInstanceOf(SSLHandshakeException.class);
        }
        try (Peers.SServer server = sServer("selfsigned")) {
            ClientTlsContext unverified = TlsContexts.client(trusting(TlsProvider.SUN_JSSE).withChecks(false, true));
            Peers.Served s = Peers.connect(unverified, server, "wrong.example");
            assertThat(s.failure()).isNull();
            assertThat(s.get("SSL_SERVER_S_DN")).isEqualTo("/CN=localhost");
        }
    }

    @Test
    void jdkDefaultTrustStoreDoesNotKnowTheTestRoot() throws Exception {
        try (Peers.SServer server = sServer("server-ec")) {
            Peers.Served s = Peers.connect(TlsContexts.client(TlsClientConfig.defaults()), server, "localhost");
            assertThat(s.failure()).isInstanceOf(SSLHandshakeException.class);
            assertThat(causes(s.failure())).anyMatch(t -> String.valueOf(t.getMessage()).contains("PKIX path"));
        }
    }

    @Test
    void verifyDepthLimitsTheServerChain() throws Exception {
        try (Peers.SServer server = sServer("server-ec")) {
            ClientTlsContext strict = TlsContexts.client(TlsClientConfig.defaults().withTrust(pki.file("root.pem"), null, 0));
            assertThat(Peers.connect(strict, server, "localhost").failure()).isInstanceOf(SSLHandshakeException.class);
        }
        try (Peers.SServer server = sServer("server-ec")) {
            ClientTlsContext unlimited = TlsContexts.client(TlsClientConfig.defaults().withTrust(pki.file("root.pem"), null, -1));
            assertThat(Peers.connect(unlimited, server, "localhost").failure()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void clientCertificateForAServerThatAsks(TlsProvider provider) throws Exception {
        ClientTlsContext context = TlsContexts.client(trusting(provider).withKeyMaterial(pki.keyMaterial("client")));
        try (Peers.SServer server = sServer("server-ec", "-Verify", "2", "-CAfile", "root.pem", "-verify_return_error")) {
            Peers.Served s = Peers.connect(context, server, "localhost");
            String log = server.output();
            assertThat(s.failure()).isNull();
            assertThat(log).contains("depth=0 C = DE, O = ucspi4j test, OU = clients, CN = client.example")
                    .contains(Peers.GREETING);
            OpensslView own = OpensslView.of(pki.dir, "client.pem");
            assertThat(s.get("SSL_CLIENT_S_DN")).isEqualTo(own.subject());
            assertThat(s.get("SSL_CLIENT_CERT")).isEqualTo(own.pem());
            assertThat(s.get("SSL_CLIENT_SAN_Email_0")).isEqualTo("client@example.org");
            // Own group (no chain) before the peer's.
            List<String> names = s.variables().stream().map(SslVariable::name).toList();
            assertThat(names).doesNotContain("SSL_CLIENT_CERT_CHAIN_0");
            assertThat(names.indexOf("SSL_CLIENT_CERT")).isLessThan(names.indexOf("SSL_SERVER_M_VERSION"));
        }
    }

    @Test
    void cipherListReachesTheWire() throws Exception {
        ClientTlsContext context = TlsContexts.client(trusting(TlsProvider.SUN_JSSE)
                .withProtocols(List.of("TLSv1.2")).withCiphers("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305"));
        try (Peers.SServer server = sServer("server-ec")) {
            Peers.Served s = Peers.connect(context, server, "localhost");
            String log = server.output();
            assertThat(s.failure()).isNull();
            assertThat(log).contains("Shared ciphers:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305\n");
            assertThat(s.get("SSL_CIPHER")).isIn("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305");
        }
    }

    static List<Throwable> causes(Throwable t) {
        List<Throwable> out = new java.util.ArrayList<>();
        for (Throwable c = t; c != null && out.size() < 20; c = c.getCause()) {
            out.add(c);
        }
        return out;
    }
}
