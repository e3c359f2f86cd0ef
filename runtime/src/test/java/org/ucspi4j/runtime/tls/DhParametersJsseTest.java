package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DHFILE really reaches the wire: a SunJSSE server in a fresh JVM, with and without the parameters
 * installed, and {@code openssl s_client -msg} reading the prime out of the ServerKeyExchange of a
 * TLS 1.2 DHE handshake (the client offers no RFC 7919 group, so SunJSSE uses its own table).
 */
class DhParametersJsseTest {
    @TempDir
    Path dir;

    @Test
    void theConfiguredPrimeIsTheOneOnTheWire() throws Exception {
        Tools.openssl(dir, "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:modp_2048", "-out", "dh.pem");
        DhParameters dh = DhParameters.load(dir.resolve("dh.pem"));
        String prime = HexFormat.of().formatHex(dh.p().toByteArray()).replaceFirst("^00", "");

        String with = serverKeyExchange(dir.resolve("dh.pem").toString());
        assertThat(with).contains("Server Temp Key: DH, 2048 bits").contains("CIPHER TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(hexOfServerKeyExchange(with)).contains(prime);

        // Without DHFILE the same handshake uses SunJSSE's built-in 2048-bit group (RFC 7919 ffdhe2048).
        String without = serverKeyExchange("-");
        assertThat(without).contains("Server Temp Key: DH, 2048 bits");
        assertThat(hexOfServerKeyExchange(without)).doesNotContain(prime).contains("ffffffffffffffffadf85458a2bb4a9a");
    }

    private String serverKeyExchange(String dhFile) throws Exception {
        TestPki pki = TestPki.get();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process server = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                DhServerMain.class.getName(), dhFile, pki.file("server-rsa-chain.pem").toString(),
                pki.file("server-rsa.key").toString()).redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = lines.readLine();
            assertThat(first).as("server start").startsWith("PORT ");
            Tools.Result client = Tools.run(dir, new byte[0], Tools.command("openssl", "s_client", "-connect",
                    "127.0.0.1:" + first.substring(5), "-tls1_2", "-cipher", "DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=1",
                    "-groups", "X25519:P-256", "-msg", "-ign_eof"));
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return client.all() + String.join("\n", lines.lines().toList());
        } finally {
            server.destroy();
        }
    }

    /** The hex bytes s_client -msg dumps for the ServerKeyExchange message, without spaces. */
    private static String hexOfServerKeyExchange(String out) {
        Matcher m = Pattern.compile("<<< TLS 1.2, Handshake \\[length [0-9a-f]+\\], ServerKeyExchange\\n((?:\\s+[0-9a-f ]+\\n)+)")
                .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1).replaceAll("\\s+", "");
    }

}
