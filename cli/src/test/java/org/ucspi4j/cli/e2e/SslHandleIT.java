package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sslhandle through its launcher with the sample handler (the counterpart of ucspi-ssl's sslprint,
 * compiled from samples/): the environment it serves, by value, to s_client and to sslcat, and the
 * log lines of a connection.
 */
class SslHandleIT {
    @TempDir
    static Path dir;

    static Pki pki;
    static ServerProcess handle;

    @BeforeAll
    static void start() {
        pki = Pki.get();
        handle = ServerProcess.in(dir).launcher("sslhandle")
                .options("--class-path=" + Samples.printEnvironmentClasses(dir), "-v", "-s", "-e")
                .pkiCertificate(pki).program(Samples.PRINT_ENVIRONMENT).start();
    }

    @AfterAll
    static void stop() {
        if (handle != null) {
            handle.close();
        }
    }

    @Test
    void handlerServesItsEnvironmentToOpensslAndLogsLikeSslserver() {
        Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", handle.port());
        assertThat(r.exit()).as(r.toString()).isZero();
        Map<String, String> env = lines(r.text());
        String remotePort = env.get("SSLREMOTEPORT");
        assertThat(env).containsEntry("PROTO", "TCP").containsEntry("SSLREMOTEIP", "127.0.0.1")
                .containsEntry("TCPREMOTEIP", "127.0.0.1").containsEntry("SSLLOCALPORT", Integer.toString(handle.port()))
                .containsEntry("TCPREMOTEPORT", remotePort)
                .containsEntry("SSL_PROTOCOL", r.protocol().orElseThrow())
                .containsEntry("SSL_CIPHER", r.cipher().orElseThrow())
                .containsEntry("SSL_SERVER_S_DN", CertView.of(pki.file("server.pem")).get("S_DN"))
                .containsEntry("SSL_SERVER_M_SERIAL", CertView.of(pki.file("server.pem")).get("M_SERIAL"));
        long id = SslServerEnvironmentIT.connectionId(handle, "127.0.0.1", remotePort);
        assertThat(handle.connection(id)).hasSize(4).startsWith("sslhandle: pid " + id + " from 127.0.0.1")
                .contains("sslhandle: ssl " + id + " accept ").endsWith("sslhandle: end " + id + " status 0");
    }

    /**
     * sslprint, as ucspi-ssl ships it: sslhandle with a built-in handler that prints the C program's
     * fixed list of variables, {@code unset} for those not set, after an empty line; its log lines carry
     * its own name; extra words after the port are ignored, as in C.
     */
    @Test
    void sslprintPrintsTheConnectionsVariablesAsTheCProgramDoes() {
        try (ServerProcess print = ServerProcess.in(dir).launcher("sslprint").options("-v", "-s")
                .pkiCertificate(pki).start()) {
            Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", print.port());
            assertThat(r.exit()).as(r + print.logText()).isZero();
            String text = r.text();
            assertThat(text).startsWith("\nPROTO=SSL\nSSLLOCALHOST=").endsWith("\nSSL_CLIENT_CERT_CHAIN_1=unset\n");
            Map<String, String> env = new LinkedHashMap<>();
            for (String line : text.substring(1, text.length() - 1).split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0 && line.substring(0, eq).matches("(PROTO|SSL|TCP)[A-Za-z0-9_]*")) {
                    env.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            assertThat(env.keySet()).startsWith("PROTO", "SSLLOCALHOST", "SSLLOCALIP", "SSLLOCALPORT", "SSLREMOTEHOST")
                    .contains("SSL_SERVER_S_DN_Email", "SSL_CLIENT_I_DN_UID", "SSL_SERVER_CERT").hasSize(98);
            assertThat(env).containsEntry("SSLREMOTEIP", "127.0.0.1").containsEntry("SSLLOCALPORT",
                            Integer.toString(print.port())).containsEntry("TCPREMOTEIP", "unset")
                    .containsEntry("SSLREMOTEINFO", "unset").containsEntry("SSL_CLIENT_S_DN", "unset")
                    .containsEntry("SSL_PROTOCOL", r.protocol().orElseThrow())
                    .containsEntry("SSL_SERVER_S_DN", CertView.of(pki.file("server.pem")).get("S_DN"));
            print.awaitLine("sslprint: end \\d+ status 0", Tools.PATIENCE);
        }
        Tools.Result usage = ServerProcess.in(dir).launcher("sslprint").runToExit("-n", "127.0.0.1", "0");
        assertThat(usage.exit()).isEqualTo(100);
        assertThat(usage.stderr()).startsWith("sslprint: usage: sslprint ");
    }

    /** sslcat (verifying, as by default) prints what the server sends and sends nothing. */
    @Test
    void sslcatPrintsWhatTheHandlerSends() {
        Tools.Result r = ClientRun.of(dir, "sslcat", "localhost", Integer.toString(handle.port()), "-a",
                pki.file("ca.pem").toString()).run();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(lines(r.out())).containsEntry("SSLREMOTEIP", "127.0.0.1").containsEntry("SSL_PROTOCOL", "TLSv1.3")
                .containsEntry("SSL_SERVER_S_DN", CertView.of(pki.file("server.pem")).get("S_DN"));

        Tools.Result untrusted = ClientRun.of(dir, "sslcat", "localhost", Integer.toString(handle.port())).run();
        assertThat(untrusted.exit()).as(untrusted.toString()).isEqualTo(110);
        assertThat(untrusted.stderr()).isEqualTo(
                "sslclient: error: (110) missing credentials (CA) or unable to validate server certificate\n"
                        + "sslclient: certificate problem: unable to get local issuer certificate"
                        + " (give the issuer's certificate with -a FILE or -A DIR)\n");
    }

    /** A handler that cannot be loaded is named with the reason, before anything is bound (111, no listener). */
    @Test
    void aHandlerThatCannotBeLoadedIsNamedWithItsReason() {
        Tools.Result noJar = Tools.run(dir, Launcher.baseEnvironment(), new byte[0], Tools.PATIENCE,
                List.of(Launcher.bin("sslhandle").toString(), "--class-path=" + dir.resolve("missing.jar"), "127.0.0.1",
                        "0", Samples.PRINT_ENVIRONMENT));
        assertThat(noJar.exit()).as(noJar.toString()).isEqualTo(111);
        assertThat(noJar.stderr()).isEqualTo("sslhandle: fatal: unable to load handler " + Samples.PRINT_ENVIRONMENT
                + ": class path entry " + dir.resolve("missing.jar") + ": file does not exist\n");

        Tools.Result noClass = Tools.run(dir, Launcher.baseEnvironment(), new byte[0], Tools.PATIENCE,
                List.of(Launcher.bin("sslhandle").toString(), "127.0.0.1", "0", Samples.PRINT_ENVIRONMENT));
        assertThat(noClass.exit()).as(noClass.toString()).isEqualTo(111);
        assertThat(noClass.stderr()).isEqualTo("sslhandle: fatal: unable to load handler " + Samples.PRINT_ENVIRONMENT
                + ": no such class in ucspi4j's jar (give --class-path)\n");
    }

    /**
     * PrintEnvironment's {@code NAME=value} lines, sorted by name; a line without {@code =} continues
     * the value before it (PEM certificates).
     */
    private static Map<String, String> lines(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        String last = null;
        for (String line : text.split("\n", -1)) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                last = line.substring(0, eq);
                env.put(last, line.substring(eq + 1));
            } else if (last != null) {
                env.merge(last, "\n" + line, String::concat);
            }
        }
        return env;
    }
}
