package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SNI certificates ({@code CERTFILE:NAME}, {@code KEYFILE:NAME}) and ALPN ({@code ALPN=}) through
 * bin/sslserver, with openssl s_client, curl and gnutls-cli: exact name, wildcard, default, no
 * default; the program's {@code SSL_TLS_SNI}, {@code SSL_SERVER_*} and {@code SSL_ALPN_PROTOCOL};
 * the {@code -v} tls lines; resumption of a named certificate's sessions; sslclient offering ALPN.
 */
class SslServerSniAlpnIT {
    @TempDir
    static Path dir;

    static Pki pki;
    /** Default (the test PKI's localhost), a/b/c.example and *.w.example; {@code -v -s}, HTTP env dump. */
    static ServerProcess named;
    /** Only a.example, no default; env dump. */
    static ServerProcess noDefault;
    /** ALPN=h2,http/1.1 and {@code -v}; env dump. */
    static ServerProcess h2First;
    /** ALPN=http/1.1,h2; HTTP env dump. */
    static ServerProcess http11First;

    static final List<String> NAMES = List.of("a.example", "b.example", "c.example", "*.w.example");

    @BeforeAll
    static void start() {
        pki = Pki.get();
        for (int i = 0; i < NAMES.size(); i++) {
            ServerNames.issue(pki, dir, NAMES.get(i), "0x5e1" + i);
        }
        ServerProcess.Builder a = ServerProcess.in(dir).options("-v", "-s").pkiCertificate(pki)
                .program(Programs.httpEnv(dir).toString());
        NAMES.forEach(n -> ServerNames.variables(dir, n).forEach(a::env));
        ServerProcess.Builder b = ServerProcess.in(dir).options("-v").program(Programs.env(dir).toString());
        ServerNames.variables(dir, "a.example").forEach(b::env);
        List<ServerProcess> s = ServerProcess.startAll(a, b,
                ServerProcess.in(dir).options("-v").pkiCertificate(pki).env("ALPN", "h2,http/1.1")
                        .program(Programs.env(dir).toString()),
                ServerProcess.in(dir).pkiCertificate(pki).env("ALPN", "http/1.1, h2")
                        .program(Programs.httpEnv(dir).toString()));
        named = s.get(0);
        noDefault = s.get(1);
        h2First = s.get(2);
        http11First = s.get(3);
    }

    @AfterAll
    static void stop() {
        for (ServerProcess s : new ServerProcess[] {named, noDefault, h2First, http11First}) {
            if (s != null) {
                s.close();
            }
        }
    }

    /** The environment in an HTTP env dump's body. */
    static Map<String, String> httpBody(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int body = text.indexOf("\r\n\r\n");
        assertThat(body).as(text).isPositive();
        return Peers.environment(Arrays.copyOfRange(response, body + 4, response.length));
    }

    static Map<String, String> namedWith(String... sClientArgs) {
        Tools.Result r = request(sClientArgs);
        assertThat(r.exit()).as(r.toString()).isZero();
        return httpBody(r.stdout());
    }

    /** One HTTP request through s_client to {@link #named}, verifying against the test CA. */
    static Tools.Result request(String... sClientArgs) {
        List<String> cmd = Tools.command("openssl", "s_client", "-connect", "127.0.0.1:" + named.port(), "-quiet",
                "-CAfile", pki.file("ca.pem").toString(), "-verify_return_error");
        cmd.addAll(List.of(sClientArgs));
        return Tools.run(pki.dir(), Map.of(), "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                Peers.PEER_TIMEOUT, cmd);
    }

    @Test
    void eachNameGetsItsOwnCertificateVerifiedForThatName() {
        for (String name : List.of("a.example", "b.example", "c.example")) {
            Map<String, String> env = namedWith("-servername", name, "-verify_hostname", name);
            assertThat(env).containsEntry("SSL_TLS_SNI", name).containsEntry("SSL_SERVER_S_DN_CN", name)
                    .containsEntry("SSL_SERVER_SAN_DNS_0", name);
        }
    }

    @Test
    void aWildcardCoversOneLabelOnly() {
        Map<String, String> env = namedWith("-servername", "www.w.example", "-verify_hostname", "www.w.example");
        assertThat(env).containsEntry("SSL_TLS_SNI", "www.w.example").containsEntry("SSL_SERVER_S_DN_CN", "*.w.example");
        // two labels deeper is not the wildcard's: the default serves
        assertThat(namedWith("-servername", "a.b.w.example")).containsEntry("SSL_SERVER_S_DN_CN", "localhost");
        // the bare parent is not covered either
        assertThat(namedWith("-servername", "w.example")).containsEntry("SSL_SERVER_S_DN_CN", "localhost");
    }

    @Test
    void noSniOrAnUnknownNameGetsTheDefault() {
        Map<String, String> none = namedWith("-noservername", "-verify_hostname", "localhost");
        assertThat(none).doesNotContainKey("SSL_TLS_SNI").containsEntry("SSL_SERVER_S_DN_CN", "localhost");
        Map<String, String> unknown = namedWith("-servername", "unknown.example");
        assertThat(unknown).containsEntry("SSL_TLS_SNI", "unknown.example").containsEntry("SSL_SERVER_S_DN_CN", "localhost");
        // case does not matter (RFC 6066), and the variable says what the client sent
        assertThat(namedWith("-servername", "B.Example")).containsEntry("SSL_SERVER_S_DN_CN", "b.example");
    }

    @Test
    void curlAndGnutlsVerifyTheNamedCertificates() {
        for (String name : List.of("b.example", "x.w.example")) {
            Tools.Result r = Peers.curl(pki, "--resolve", name + ":" + named.port() + ":127.0.0.1",
                    "https://" + name + ":" + named.port() + "/");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(Peers.environment(r.stdout())).containsEntry("SSL_TLS_SNI", name);
        }
        for (String name : List.of("c.example", "z.w.example", "")) {
            List<String> cmd = Tools.command("gnutls-cli", "--x509cafile=" + pki.file("ca.pem"),
                    "-p", Integer.toString(named.port()));
            // gnutls-cli sends no SNI for an address: the default certificate, for localhost
            cmd.addAll(name.isEmpty() ? List.of("--verify-hostname=localhost")
                    : List.of("--sni-hostname=" + name, "--verify-hostname=" + name));
            cmd.add("127.0.0.1");
            Tools.Result g = Tools.run(dir, Map.of(), "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                    Peers.PEER_TIMEOUT, cmd);
            // its exit status races the server's close against its own end of input: the answer counts
            assertThat(g.out()).as(g.toString()).contains("- Status: The certificate is trusted.",
                    "- Handshake was completed", "HTTP/1.0 200 OK");
            if (name.isEmpty()) {
                assertThat(g.out()).doesNotContain("SSL_TLS_SNI=").contains("SSL_SERVER_S_DN_CN=localhost");
            } else {
                assertThat(g.out()).contains("SSL_TLS_SNI=" + name)
                        .contains("SSL_SERVER_S_DN_CN=" + (name.endsWith(".w.example") ? "*.w.example" : name));
            }
        }
    }

    @Test
    void verboseLogNamesTheCertificateOfEachHandshake() {
        namedWith("-servername", "y.w.example");
        named.awaitLine("sslserver: tls \\d+ certificate \\*\\.w\\.example sni y\\.w\\.example alpn -");
        namedWith("-noservername");
        named.awaitLine("sslserver: tls \\d+ certificate default sni - alpn -");
        // one certificate, no ALPN: the C server's lines only
        assertThat(http11First.log()).noneMatch(l -> l.contains(" tls "));
    }

    @Test
    void sessionsOfANamedCertificateResume() {
        for (String version : List.of("-tls1_3", "-tls1_2")) {
            Path session = dir.resolve("session" + version);
            Tools.Result first = request(version, "-servername", "a.example", "-sess_out", session.toString());
            assertThat(first.exit()).as(first.toString()).isZero();
            // not -quiet: s_client then says whether the session was reused
            Tools.Result again = Tools.run(pki.dir(), Map.of(), "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                    Peers.PEER_TIMEOUT, Tools.command("openssl", "s_client", "-connect", "127.0.0.1:" + named.port(),
                            version, "-servername", "a.example", "-sess_in", session.toString(), "-ign_eof",
                            "-CAfile", pki.file("ca.pem").toString()));
            assertThat(again.out()).as(version + "\n" + again).contains("Reused, ");
            assertThat(httpBody(again.stdout())).containsEntry("SSL_TLS_SNI", "a.example")
                    .containsEntry("SSL_SERVER_S_DN_CN", "a.example");
        }
    }

    @Test
    void withoutADefaultOnlyKnownNamesAreServed() {
        Peers.SClientResult known = Peers.sClient(pki, "127.0.0.1", noDefault.port(), "-servername", "a.example");
        assertThat(known.exit()).as(known.toString()).isZero();
        assertThat(known.environment()).containsEntry("SSL_TLS_SNI", "a.example");
        Peers.SClientResult unknown = Peers.sClient(pki, "127.0.0.1", noDefault.port(), "-servername", "b.example");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.raw().stderr()).contains("unrecognized name");
        Peers.SClientResult none = Peers.sClient(pki, "127.0.0.1", noDefault.port(), "-noservername");
        assertThat(none.exit()).isNotZero();
        assertThat(none.raw().stderr()).contains("handshake failure");
        noDefault.awaitLine("sslserver: warning: dropping SSL connection, unable to accept SSL: .*");
    }

    @Test
    void startupRefusesAKeyWithoutCertificateAndABadName() {
        Tools.Result keyOnly = ServerProcess.in(dir).env("KEYFILE:a.example", dir.resolve("a.example.key").toString())
                .runToExit("127.0.0.1", "0", "true");
        assertThat(keyOnly.exit()).isEqualTo(111);
        assertThat(keyOnly.stderr()).contains("sslserver: fatal: unable to load certificate for a.example");
        Tools.Result badName = ServerProcess.in(dir).pkiCertificate(pki)
                .env("CERTFILE:bad_name!", dir.resolve("a.example.pem").toString()).runToExit("127.0.0.1", "0", "true");
        assertThat(badName.exit()).isEqualTo(111);
        assertThat(badName.stderr()).contains("not a server name: bad_name!");
        Tools.Result missing = ServerProcess.in(dir).pkiCertificate(pki)
                .env("CERTFILE:d.example", dir.resolve("d.example.pem").toString()).runToExit("127.0.0.1", "0", "true");
        assertThat(missing.exit()).isEqualTo(111);
        assertThat(missing.stderr()).contains("unable to load certificate: " + dir.resolve("d.example.pem"));
    }

    @Test
    void alpnSelectsInTheServersOrderAndTellsTheProgram() {
        assertThat(Peers.sClient(pki, "127.0.0.1", h2First.port(), "-alpn", "http/1.1,h2").environment())
                .containsEntry("SSL_ALPN_PROTOCOL", "h2");
        assertThat(Peers.sClient(pki, "127.0.0.1", h2First.port(), "-alpn", "foo,http/1.1").environment())
                .containsEntry("SSL_ALPN_PROTOCOL", "http/1.1");
        assertThat(Peers.sClient(pki, "127.0.0.1", h2First.port()).environment()).doesNotContainKey("SSL_ALPN_PROTOCOL");
        h2First.awaitLine("sslserver: tls \\d+ certificate default sni - alpn h2");
    }

    @Test
    void alpnWithNoCommonProtocolIsRefused() {
        Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", h2First.port(), "-alpn", "spdy/3,foo");
        assertThat(r.exit()).isNotZero();
        assertThat(r.raw().stderr()).contains("no application protocol");
        h2First.awaitLine("sslserver: warning: dropping SSL connection, unable to accept SSL: no application protocol");
    }

    @Test
    void curlNegotiatesWhatTheServerPrefers() {
        Tools.Result h2 = Peers.curl(pki, "-v", "--http2", "-o", "/dev/null",
                "https://localhost:" + h2First.port() + "/");
        assertThat(h2.stderr()).as(h2.toString()).containsPattern("ALPN.*server accepted (to use )?h2");
        Tools.Result http11 = Peers.curl(pki, "-v", "--http2", "https://localhost:" + http11First.port() + "/");
        assertThat(http11.exit()).as(http11.toString()).isZero();
        assertThat(http11.stderr()).containsPattern("ALPN.*server accepted (to use )?http/1.1");
        assertThat(Peers.environment(http11.stdout())).containsEntry("SSL_ALPN_PROTOCOL", "http/1.1");
    }

    @Test
    void sslclientOffersItsAlpnAndExportsTheResult() {
        Tools.Result r = ClientRun.of(dir, "sslclient", "-a", pki.file("ca.pem").toString(), "localhost",
                Integer.toString(h2First.port()), "sh", "-c", "cat <&6; echo; echo \"client=$SSL_ALPN_PROTOCOL\"")
                .env("ALPN", "h2").run();
        assertThat(r.exit()).as(r.toString()).isZero();
        Matcher server = Pattern.compile("SSL_ALPN_PROTOCOL=([^\\x00]*)").matcher(r.out());
        assertThat(server.find()).as(r.out()).isTrue();
        assertThat(server.group(1)).isEqualTo("h2");
        assertThat(r.out()).contains("client=h2");
        Tools.Result bad = ClientRun.of(dir, "sslclient", "-a", pki.file("ca.pem").toString(), "localhost",
                Integer.toString(h2First.port()), "true").env("ALPN", "h2,,x").run();
        assertThat(bad.exit()).isEqualTo(111);
        assertThat(bad.stderr()).contains("ALPN").contains("1 to 255 bytes");
    }
}
