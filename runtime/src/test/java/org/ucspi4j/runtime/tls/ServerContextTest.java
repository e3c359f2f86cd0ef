package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucspi4j.runtime.tls.Tools.openssl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ucspi4j.runtime.SslVariable;

/**
 * The server context end to end: a JSSE server socket in this JVM and {@code openssl s_client} or
 * {@code gnutls-cli} as the client, then the SSL_* variables of the live session compared with what
 * the peer and {@code openssl x509} say about the same session and certificates.
 */
class ServerContextTest {
    static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.get();
    }

    static List<String> sClient(int port, String... extra) {
        List<String> c = Tools.command("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-ign_eof",
                "-CAfile", "root.pem", "-verify_hostname", "localhost", "-servername", "localhost");
        c.addAll(List.of(extra));
        return c;
    }

    static String field(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1).strip() : null;
    }

    static TlsServerConfig config(String key, TlsProvider provider) {
        return TlsServerConfig.of(pki.keyMaterial(key)).withProvider(provider);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "server-rsa, TLSv1.3, SUN_JSSE", "server-rsa, TLSv1.2, SUN_JSSE",
        "server-ec, TLSv1.3, SUN_JSSE", "server-ec, TLSv1.2, SUN_JSSE",
        "server-rsa, TLSv1.3, BC_JSSE", "server-ec, TLSv1.2, BC_JSSE",
    })
    void handshakeWithOpensslAndTheVariablesOfTheSession(String key, String protocol, TlsProvider provider)
            throws Exception {
        ServerTlsContext context = TlsContexts.server(config(key, provider));
        String flag = protocol.equals("TLSv1.3") ? "-tls1_3" : "-tls1_2";
        // -no_ticket: with a ticket, OpenSSL's client replaces the session ID by a hash of the ticket.
        Peers.ServerRun run = Peers.serve(context, pki.dir, port -> sClient(port, flag, "-no_ticket"));
        String out = run.client().all();
        assertThat(run.server().failure()).isNull();
        assertThat(out).contains(Peers.GREETING).contains("Verify return code: 0 (ok)");

        // The session as s_client reports it.
        Peers.Served s = run.server();
        assertThat(s.get("SSL_PROTOCOL")).isEqualTo(protocol).isEqualTo(field(out, "New, (\\S+), Cipher is"));
        assertThat(s.get("SSL_CIPHER")).isEqualTo(field(out, "New, \\S+, Cipher is (\\S+)"));
        if (protocol.equals("TLSv1.2")) {
            // In TLS 1.2 (without tickets) the client's Session-ID is the one the server chose.
            assertThat(s.get("SSL_SESSION_ID")).isEqualTo(field(out, "Session-ID:\\s*(\\S+)").toLowerCase());
        }
        String ciphersV = openssl(pki.dir, "ciphers", "-v", "-ciphersuites", "TLS_AES_256_GCM_SHA384:"
                + "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256", "ALL:@SECLEVEL=0");
        assertThat(field(ciphersV, "(?m)^" + Pattern.quote(s.get("SSL_CIPHER")) + " .*Enc=\\S*\\((\\d+)\\)"))
                .isEqualTo(s.get("SSL_CIPHER_ALGKEYSIZE"));
        assertThat(s.get("SSL_CIPHER_EXPORT")).isEqualTo("false");
        assertThat(s.get("SSL_VERSION_INTERFACE")).isEqualTo("ucspi-ssl");
        assertThat(s.get("SSL_VERSION_LIBRARY")).startsWith("ucspi4j").contains(provider.provider().getName());

        // The server's own certificate as openssl x509 prints it; no chain, no client group.
        OpensslView leaf = OpensslView.of(pki.dir, key + ".pem");
        assertThat(s.get("SSL_SERVER_S_DN")).isEqualTo(leaf.subject());
        assertThat(s.get("SSL_SERVER_I_DN")).isEqualTo(leaf.issuer());
        assertThat(s.get("SSL_SERVER_S_DN_CN")).isEqualTo("localhost");
        assertThat(s.get("SSL_SERVER_S_DN_L")).isEqualTo("Brooklyn");
        assertThat(s.get("SSL_SERVER_A_KEY")).isEqualTo(leaf.keyAlgorithm());
        assertThat(s.get("SSL_SERVER_A_SIG")).isEqualTo(leaf.signatureAlgorithm());
        assertThat(s.get("SSL_SERVER_V_END")).isEqualTo(leaf.notAfter());
        assertThat(s.get("SSL_SERVER_CERT")).isEqualTo(leaf.pem());
        assertThat(s.get("SSL_SERVER_SAN_DNS_0")).isEqualTo("localhost");
        assertThat(s.variables()).noneMatch(v -> v.name().startsWith("SSL_CLIENT_") || v.name().contains("CHAIN"));

        // ucspi-ssl's order. BCJSSE gives TLS 1.3 sessions no ID, and a missing value means a missing
        // variable, so the -V log line must look SSL_PROTOCOL and SSL_CIPHER up by name.
        List<String> names = new ArrayList<>(s.variables().stream().map(SslVariable::name).toList());
        if (provider == TlsProvider.BC_JSSE && protocol.equals("TLSv1.3")) {
            assertThat(names).doesNotContain("SSL_SESSION_ID");
            names.add(1, "SSL_SESSION_ID");
        }
        assertThat(names.subList(0, 8)).containsExactly("SSL_PROTOCOL", "SSL_SESSION_ID", "SSL_CIPHER",
                "SSL_CIPHER_EXPORT", "SSL_CIPHER_USEKEYSIZE", "SSL_CIPHER_ALGKEYSIZE", "SSL_VERSION_INTERFACE",
                "SSL_VERSION_LIBRARY");
        assertThat(names.subList(8, names.size())).containsExactly("SSL_SERVER_M_VERSION", "SSL_SERVER_M_SERIAL",
                "SSL_SERVER_S_DN", "SSL_SERVER_S_DN_C", "SSL_SERVER_S_DN_ST", "SSL_SERVER_S_DN_L", "SSL_SERVER_S_DN_O",
                "SSL_SERVER_S_DN_CN", "SSL_SERVER_I_DN", "SSL_SERVER_I_DN_C", "SSL_SERVER_I_DN_O", "SSL_SERVER_I_DN_CN",
                "SSL_SERVER_A_SIG", "SSL_SERVER_A_KEY", "SSL_SERVER_SAN_DNS_0", "SSL_SERVER_V_START",
                "SSL_SERVER_V_END", "SSL_SERVER_CERT");
    }

    static TlsServerConfig requiringClientCerts(String ccaFile, int depth, TlsProvider provider) {
        return config("server-ec", provider).withTrust(pki.file("root.pem"), null, depth)
                .withClientAuth(ClientAuth.REQUIRED, ccaFile == null ? null : pki.file(ccaFile));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"-tls1_3, SUN_JSSE", "-tls1_2, SUN_JSSE", "-tls1_3, BC_JSSE"})
    void clientCertificateRequiredAndPresented(String flag, TlsProvider provider) throws Exception {
        ServerTlsContext context = TlsContexts.server(requiringClientCerts("root.pem", 1, provider));
        Peers.ServerRun run = Peers.serve(context, pki.dir, port -> sClient(port, flag, "-cert", "client.pem",
                "-key", "client.key", "-cert_chain", "inter.pem"));
        assertThat(run.server().failure()).isNull();
        String out = run.client().all();
        assertThat(out).contains(Peers.GREETING)
                .containsPattern("Acceptable client certificate CA names\\n(C = US, O = ucspi4j test, CN = Test Root CA)\\n");

        // The client's certificate and the chain it sent after it, as the 0.95b server exported them.
        Peers.Served s = run.server();
        OpensslView client = OpensslView.of(pki.dir, "client.pem");
        assertThat(s.get("SSL_CLIENT_S_DN")).isEqualTo(client.subject())
                .isEqualTo("/C=DE/O=ucspi4j test/OU=clients/CN=client.example/emailAddress=client@example.org");
        assertThat(s.get("SSL_CLIENT_I_DN")).isEqualTo(client.issuer());
        assertThat(s.get("SSL_CLIENT_S_DN_CN")).isEqualTo("client.example");
        assertThat(s.get("SSL_CLIENT_S_DN_Email")).isEqualTo("client@example.org");
        assertThat(s.get("SSL_CLIENT_M_SERIAL")).isEqualTo(client.serial().toString());
        assertThat(s.get("SSL_CLIENT_V_START")).isEqualTo(client.notBefore());
        assertThat(s.get("SSL_CLIENT_SAN_DNS_0")).isEqualTo("client.example");
        assertThat(s.get("SSL_CLIENT_SAN_Email_0")).isEqualTo("client@example.org");
        assertThat(s.get("SSL_CLIENT_CERT")).isEqualTo(client.pem());
        assertThat(s.get("SSL_CLIENT_CERT_CHAIN_0")).isEqualTo(OpensslView.of(pki.dir, "inter.pem").pem());
        assertThat(s.get("SSL_CLIENT_CERT_CHAIN_1")).isNull();
        // Own group first, then the peer's.
        List<String> names = s.variables().stream().map(SslVariable::name).toList();
        assertThat(names.indexOf("SSL_SERVER_CERT")).isLessThan(names.indexOf("SSL_CLIENT_M_VERSION"));
        assertThat(names.getLast()).isEqualTo("SSL_CLIENT_CERT_CHAIN_0");

        assertThat(ClientNameCheck.check(pki.keyMaterial("client").certificate(), "CLIENT.example").matches()).isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"-tls1_3, SUN_JSSE", "-tls1_2, SUN_JSSE", "-tls1_3, BC_JSSE"})
    void clientCertificateRequiredAndMissing(String flag, TlsProvider provider) throws Exception {
        ServerTlsContext context = TlsContexts.server(requiringClientCerts("root.pem", 1, provider));
        Peers.ServerRun run = Peers.serve(context, pki.dir, port -> sClient(port, flag));
        // As in ucspi-ssl, the server's accept fails; in TLS 1.3 the client may have finished already.
        // BCJSSE reports its alerts as IOExceptions that are not SSLExceptions.
        assertThat(run.server().failure()).isInstanceOf(java.io.IOException.class);
        assertThat(run.client().all()).doesNotContain(Peers.GREETING);
    }

    @Test
    void verifyDepthCountsIntermediates() throws Exception {
        ServerTlsContext strict = TlsContexts.server(requiringClientCerts("root.pem", 0, TlsProvider.SUN_JSSE));
        Peers.ServerRun run = Peers.serve(strict, pki.dir, port -> sClient(port, "-cert", "client.pem", "-key",
                "client.key", "-cert_chain", "inter.pem"));
        assertThat(run.server().failure()).isInstanceOf(SSLException.class);
        // An untrusted client certificate fails the same way.
        ServerTlsContext normal = TlsContexts.server(requiringClientCerts("root.pem", 1, TlsProvider.SUN_JSSE));
        run = Peers.serve(normal, pki.dir, port -> sClient(port, "-cert", "selfsigned.pem", "-key", "selfsigned.key"));
        assertThat(run.server().failure()).isInstanceOf(SSLException.class);
    }

    @Test
    void acceptableCaNamesComeFromCcafileOnly() throws Exception {
        ServerTlsContext none = TlsContexts.server(requiringClientCerts(null, 1, TlsProvider.SUN_JSSE));
        Peers.ServerRun run = Peers.serve(none, pki.dir, port -> sClient(port, "-tls1_2", "-cert", "client.pem",
                "-key", "client.key", "-cert_chain", "inter.pem"));
        assertThat(run.server().failure()).isNull();
        assertThat(run.client().all()).contains("No client certificate CA names sent");

        ServerTlsContext other = TlsContexts.server(requiringClientCerts("other-root.pem", 1, TlsProvider.SUN_JSSE));
        run = Peers.serve(other, pki.dir, port -> sClient(port, "-cert", "client.pem", "-key", "client.key",
                "-cert_chain", "inter.pem"));
        // The list names the other root; verification still uses CAFILE, so the client gets in.
        assertThat(field(run.client().all(), "Acceptable client certificate CA names\\n((?:.*\\n)*?)Requested"))
                .isEqualTo("C = US, O = somebody else, CN = Other Root CA");
        assertThat(run.server().failure()).isNull();
    }

    @Test
    void cipherRestrictionIsHonoured() throws Exception {
        ServerTlsContext chacha = TlsContexts.server(config("server-ec", TlsProvider.SUN_JSSE)
                .withCiphers("TLS_CHACHA20_POLY1305_SHA256"));
        Peers.ServerRun run = Peers.serve(chacha, pki.dir, port -> sClient(port, "-tls1_3"));
        assertThat(field(run.client().all(), "New, \\S+, Cipher is (\\S+)")).isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
        assertThat(run.server().get("SSL_CIPHER_USEKEYSIZE")).isEqualTo("256");

        ServerTlsContext aes128 = TlsContexts.server(config("server-ec", TlsProvider.SUN_JSSE)
                .withCiphers("ECDHE-ECDSA-AES128-GCM-SHA256"));
        run = Peers.serve(aes128, pki.dir, port -> sClient(port, "-tls1_2"));
        assertThat(field(run.client().all(), "New, \\S+, Cipher is (\\S+)")).isEqualTo("ECDHE-ECDSA-AES128-GCM-SHA256");
        assertThat(run.server().get("SSL_CIPHER")).isEqualTo("ECDHE-ECDSA-AES128-GCM-SHA256");
        assertThat(run.server().get("SSL_CIPHER_ALGKEYSIZE")).isEqualTo("128");

        run = Peers.serve(aes128, pki.dir, port -> sClient(port, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384"));
        assertThat(run.server().failure()).isInstanceOf(SSLException.class);
    }

    /** Without CIPHERS: TLS 1.3 and, for TLS 1.2, forward-secret AEAD suites only; CIPHERS may still name CBC. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"SUN_JSSE", "BC_JSSE"})
    void defaultSuitesAreForwardSecretAeadOnly(TlsProvider provider) throws Exception {
        for (String key : List.of("server-ec", "server-rsa")) {
            List<String> suites = List.of(TlsContexts.server(config(key, provider)).parameters().getCipherSuites());
            assertThat(suites).isNotEmpty().allMatch(TlsContexts::serverDefault)
                    .noneMatch(s -> s.contains("_CBC_") || s.startsWith("TLS_RSA_") || s.contains("_anon_")
                            || s.contains("_NULL_") || s.contains("_RC4_") || s.contains("3DES"))
                    .contains("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        }
        ServerTlsContext cbc = TlsContexts.server(config("server-ec", provider)
                .withCiphers("ECDHE-ECDSA-AES128-SHA256"));
        assertThat(cbc.parameters().getCipherSuites()).contains("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"NORMAL, TLSv1.3", "NORMAL:-VERS-TLS1.3, TLSv1.2"})
    void gnutlsClient(String priority, String protocol) throws Exception {
        ServerTlsContext context = TlsContexts.server(config("server-rsa", TlsProvider.SUN_JSSE));
        Peers.ServerRun run = Peers.serve(context, pki.dir, port -> Tools.command("gnutls-cli", "-p",
                Integer.toString(port), "--x509cafile", "root.pem", "--priority", priority, "127.0.0.1"));
        assertThat(run.server().failure()).isNull();
        assertThat(run.client().all()).contains("Handshake was completed").contains(Peers.GREETING)
                .contains("The certificate is trusted");
        assertThat(run.server().get("SSL_PROTOCOL")).isEqualTo(protocol);
        assertThat(run.client().all()).contains("- Description: (" + protocol.replace("v", "") + "-");
    }

    @Test
    void contextErrorsAreTheServersErrors() {
        var bad = new ArrayList<TlsServerConfig>();
        bad.add(config("server-ec", TlsProvider.SUN_JSSE).withCiphers("HIGH:!HIGH"));
        for (TlsServerConfig c : bad) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TlsContexts.server(c))
                    .isInstanceOf(TlsSetupException.CipherList.class);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TlsContexts.server(
                        requiringClientCerts("missing.pem", 1, TlsProvider.SUN_JSSE)))
                .isInstanceOf(TlsSetupException.ClientCaList.class)
                .extracting(e -> ((TlsSetupException) e).serverMessage()).isEqualTo("unable to load client CA list");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TlsContexts.server(config("server-ec",
                        TlsProvider.SUN_JSSE).withTrust(pki.file("missing.pem"), null, 1)
                        .withClientAuth(ClientAuth.REQUIRED, null)))
                .isInstanceOf(TlsSetupException.CaList.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TlsContexts.server(config("server-ec",
                        TlsProvider.SUN_JSSE).withProtocols(List.of("TLSv1.4"))))
                .isInstanceOf(TlsSetupException.Context.class);
    }
}
