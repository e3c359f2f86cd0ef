package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clients against sslserver: sslcat, https@ and sslconnect (sslcat against sslhandle:
 * {@link SslHandleIT}), what they send, what they print, and that they verify the server by default
 * (C's https@ and sslconnect did not); sslclient whose program is done while the server still sends.
 */
class ClientsAgainstSslServerIT {
    @TempDir
    static Path dir;

    static Pki pki;
    static String ca;
    /** Answers HTTP requests with their head. */
    static ServerProcess web;
    /** Shows the bytes of the first line it gets. */
    static ServerProcess bytes;
    /** Says hello and ends. */
    static ServerProcess hello;
    /** Sends without end ({@code yes}), whatever the client does. */
    static ServerProcess stream;

    @BeforeAll
    static void start() {
        pki = Pki.get();
        ca = pki.file("ca.pem").toString();
        List<ServerProcess> s = ServerProcess.startAll(
                ServerProcess.in(dir).pkiCertificate(pki).program(Programs.httpEcho(dir).toString()),
                ServerProcess.in(dir).pkiCertificate(pki).program(Programs.lineBytes(dir).toString()),
                ServerProcess.in(dir).pkiCertificate(pki).program("/bin/echo", "hello from sslserver"),
                ServerProcess.in(dir).pkiCertificate(pki).program("/usr/bin/yes"));
        web = s.get(0);
        bytes = s.get(1);
        hello = s.get(2);
        stream = s.get(3);
    }

    @AfterAll
    static void stop() {
        for (ServerProcess s : new ServerProcess[] {web, bytes, hello, stream}) {
            if (s != null) {
                s.close();
            }
        }
    }

    /**
     * The program has read what it wanted and ended; the server sends on (TLS 1.3 lets it ignore our
     * close_notify). As in ucspi-ssl, data nobody can read any more ends the session.
     */
    @Test
    void sslclientEndsWhenItsProgramIsDoneAndTheServerSendsOn() {
        Tools.Result r = ClientRun.of(dir, "sslclient", "-a", ca, "localhost", Integer.toString(stream.port()),
                "sh", "-c", "head -c 10 <&6").run();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("y\ny\ny\ny\ny\n");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void sslcatPrintsWhatTheServerSends() {
        Tools.Result r = ClientRun.of(dir, "sslcat", "localhost", Integer.toString(hello.port()), "-a", ca).run();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("hello from sslserver\n");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void httpsAtPrintsTheBodyOfItsGet() {
        String port = Integer.toString(web.port());
        Tools.Result r = ClientRun.of(dir, "https@", "localhost", "some/path", port, "-a", ca).run();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("GET /some/path HTTP/1.1\nHost: localhost:" + port + "\nConnection: close\n");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void httpsAtVerifiesByDefaultAndDashXTurnsThatOff() {
        String port = Integer.toString(web.port());
        Tools.Result refused = ClientRun.of(dir, "https@", "localhost", "/", port).run();
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(110);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.stderr()).isEqualTo(
                "sslclient: error: (110) missing credentials (CA) or unable to validate server certificate\n"
                        + "sslclient: certificate problem: unable to get local issuer certificate"
                        + " (give the issuer's certificate with -a FILE or -A DIR)\n");

        Tools.Result unchecked = ClientRun.of(dir, "https@", "127.0.0.1", "/x", port, "-X").run();
        assertThat(unchecked.exit()).as(unchecked.toString()).isZero();
        assertThat(unchecked.out()).startsWith("GET /x HTTP/1.1\nHost: 127.0.0.1:" + port + "\n");
    }

    /** sslconnect sends its input with each LF as CR LF and prints the answer until the server closes. */
    @Test
    void sslconnectSendsLinesWithCrLf() {
        Tools.Result r = ClientRun.of(dir, "sslconnect", "localhost", Integer.toString(bytes.port()), "-a", ca)
                .stdin("hi\n").run();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().strip()).isEqualTo("68 69 0d");
        assertThat(r.stderr()).isEmpty();
    }
}
