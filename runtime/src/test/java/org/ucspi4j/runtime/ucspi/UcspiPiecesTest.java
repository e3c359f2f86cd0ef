package org.ucspi4j.runtime.ucspi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UCSPI pieces both ends use: ident, service ports. */
class UcspiPiecesTest {
    @TempDir
    Path dir;

    @Test
    void identReplies() {
        assertThat(IdentClient.parse("6191, 23 : USERID : UNIX : stjohns\r")).hasValue("stjohns");
        assertThat(IdentClient.parse("6191,23:USERID:OTHER:  x y")).hasValue("x y");
        assertThat(IdentClient.parse("6191, 23 : ERROR : NO-USER")).isEmpty();
        assertThat(IdentClient.parse("garbage")).isEmpty();
        assertThat(IdentClient.parse("1,2 : USERID : UNIX :")).isEmpty();
    }

    @Test
    void portsAreNumbersOrServiceNames() throws Exception {
        Path services = dir.resolve("services");
        Files.writeString(services, "# comment\nsmtps\t\t465/tcp\t\tssmtp submissions\nfoo 7/udp\n");
        assertThat(ServicePorts.parse("443", services)).hasValue(443);
        assertThat(ServicePorts.parse("0", services)).hasValue(0);
        assertThat(ServicePorts.parse("smtps", services)).hasValue(465);
        assertThat(ServicePorts.parse("ssmtp", services)).hasValue(465);
        assertThat(ServicePorts.parse("foo", services)).isEmpty();
        assertThat(ServicePorts.parse("65536", services)).isEmpty();
        assertThat(ServicePorts.parse("80x", services)).isEmpty();
    }

    @Test
    void identUserEndsAtCrLfOrNul() {
        assertThat(IdentClient.parse("1,2 : USERID : UNIX : joe\rsslserver: ok")).hasValue("joe");
        assertThat(IdentClient.parse("1,2 : USERID : UNIX : joe\nroot")).hasValue("joe");
        assertThat(IdentClient.parse("1,2 : USERID : UNIX : joe\0admin")).hasValue("joe");
        assertThat(IdentClient.parse("1,2 : USERID : UNIX : \0admin")).isEmpty();
        assertThat(IdentClient.parse("1,2 : USERID : UNIX : \r")).isEmpty();
    }

    @Test
    void identLookupAsksTheGivenServerAndTakesAnyTimeout() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread fake = Thread.ofVirtual().start(() -> {
                try (java.net.Socket s = server.accept()) {
                    var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                            StandardCharsets.US_ASCII));
                    String request = in.readLine();
                    s.getOutputStream().write((request + " : USERID : UNIX : joe\0root\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException e) {
                    // the test fails on the result
                }
            });
            // a timeout too long for nanoseconds (sslserver -t 99999999999) once threw ArithmeticException
            assertThat(IdentClient.lookup(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(),
                    server.getLocalPort()), 50019, InetAddress.getLoopbackAddress(), 443,
                    java.time.Duration.ofSeconds(Long.MAX_VALUE))).hasValue("joe");
            fake.join();
        }
    }
}
