package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sslserver through its launcher with real peers, IPv4 and {@code ::1} on one dual-stack listener:
 * every variable a program gets, by value (certificate fields as openssl renders the same file),
 * the log lines of each connection, the {@code -v} startup lines, and plain relaying (echo, HTTP).
 */
class SslServerEnvironmentIT {
    @TempDir
    static Path dir;

    static Pki pki;
    /** {@code -V -s -e} with DHFILE, running an environment dump. */
    static ServerProcess full;
    /** {@code -V -H -l e2e.example} (so {@code -E -S}), running an HTTP responder. */
    static ServerProcess plain;
    /** {@code -v} on {@code :0}, running cat. */
    static ServerProcess echo;

    @BeforeAll
    static void start() {
        pki = Pki.get();
        List<ServerProcess> s = ServerProcess.startAll(
                ServerProcess.in(dir).options("-V", "-s", "-e").host("0").pkiCertificate(pki)
                        .env("DHFILE", pki.file("dh.pem").toString()).program(Programs.env(dir).toString()),
                ServerProcess.in(dir).options("-V", "-H", "-l", "e2e.example").host("0").pkiCertificate(pki)
                        .program(Programs.httpEnv(dir).toString()),
                ServerProcess.in(dir).options("-v").host(":0").pkiCertificate(pki).program(Programs.echo(dir).toString()));
        full = s.get(0);
        plain = s.get(1);
        echo = s.get(2);
    }

    @AfterAll
    static void stop() {
        for (ServerProcess s : new ServerProcess[] {full, plain, echo}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void startupLinesNameEverySettingAndTheDhParameters() {
        long pid = full.pid();
        full.awaitLine("sslserver: status: 0/40");
        List<String> log = full.log();
        int first = log.indexOf("sslserver: cafile " + pid + " ");
        assertThat(first).as(full.logText()).isGreaterThanOrEqualTo(0);
        assertThat(log.subList(first, first + 8)).containsExactly(
                "sslserver: cafile " + pid + " ",
                "sslserver: ccafile " + pid + " ",
                "sslserver: cadir " + pid + " ",
                "sslserver: chainfile " + pid + " ",
                "sslserver: cert " + pid + " " + pki.file("server.pem"),
                "sslserver: key " + pid + " " + pki.file("server.key"),
                "sslserver: param " + pid + " " + pki.file("dh.pem") + " 2048",
                "sslserver: status: 0/40");
        assertThat(log).noneMatch(l -> l.contains("warning"));
    }

    @Test
    void ipv4ClientGetsEveryVariableByValue() {
        Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", full.port(), "-verify_ip", "127.0.0.1");
        assertThat(r.exit()).as(r.toString()).isZero();
        Map<String, String> env = withoutPwd(r.environment());
        String remotePort = env.get("SSLREMOTEPORT");
        assertThat(remotePort).matches("\\d+");

        Map<String, String> expected = inherited(full);
        Optional<String> name = Tools.hostName("127.0.0.1");
        expected.put("PROTO", "TCP");
        connection(expected, "SSL", "127.0.0.1", full.port(), name, remotePort);
        connection(expected, "TCP", "127.0.0.1", full.port(), name, remotePort);
        expectTls(expected, r, env);
        assertThat(new TreeMap<>(env)).isEqualTo(new TreeMap<>(expected));

        long id = connectionId(full, "127.0.0.1", remotePort);
        String host = name.orElse("");
        assertThat(full.connection(id)).containsExactly(
                "sslserver: pid " + id + " from 127.0.0.1",
                "sslserver: ok " + id + " " + host + ":127.0.0.1:" + full.port() + " " + host + ":127.0.0.1::" + remotePort,
                "sslserver: ssl " + id + " accept " + r.protocol().orElseThrow() + ":" + r.cipher().orElseThrow(),
                "sslserver: end " + id + " status 0");
        assertThat(id).as("connection numbers lie above the kernel's pid_max").isGreaterThan(pidMax());
    }

    @Test
    void ipv6ClientGetsTcp6Variables() {
        Peers.SClientResult r = Peers.sClient(pki, "::1", full.port(), "-verify_ip", "::1");
        assertThat(r.exit()).as(r.toString()).isZero();
        Map<String, String> env = withoutPwd(r.environment());
        String remotePort = env.get("SSLREMOTEPORT");
        assertThat(remotePort).matches("\\d+");

        Map<String, String> expected = inherited(full);
        Optional<String> name = Tools.hostName("::1");
        expected.put("PROTO", "TCP6");
        connection(expected, "SSL", "::1", full.port(), name, remotePort);
        connection(expected, "TCP", "::1", full.port(), name, remotePort);
        connection(expected, "TCP6", "::1", full.port(), name, remotePort);
        expected.remove("TCP6REMOTEINFO");
        expectTls(expected, r, env);
        assertThat(new TreeMap<>(env)).isEqualTo(new TreeMap<>(expected));

        long id = connectionId(full, "::1", remotePort);
        String host = name.orElse("");
        assertThat(full.connection(id)).containsExactly(
                "sslserver: pid " + id + " from ::1",
                "sslserver: ok " + id + " " + host + ":::1:" + full.port() + " " + host + ":::1::" + remotePort,
                "sslserver: ssl " + id + " accept " + r.protocol().orElseThrow() + ":" + r.cipher().orElseThrow(),
                "sslserver: end " + id + " status 0");
    }

    @Test
    void statusLinesCountConnections() {
        Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", full.port());
        assertThat(r.exit()).as(r.toString()).isZero();
        long id = connectionId(full, "127.0.0.1", r.environment().get("SSLREMOTEPORT"));
        full.connection(id); // waits for its end line
        int end = full.log().indexOf("sslserver: end " + id + " status 0");
        full.awaitLine(end + 1, "sslserver: status: \\d+/40", Tools.PATIENCE); // printed right after
        List<String> log = full.log();
        int from = log.indexOf("sslserver: pid " + id + " from 127.0.0.1");
        assertThat(log.get(from - 1)).matches("sslserver: status: [1-9]\\d*/40");
        assertThat(log.subList(end, log.size())).anyMatch(l -> l.matches("sslserver: status: \\d+/40"));
    }

    @Test
    void withoutDashEAndDashSOnlyTheSslVariablesAreSet() {
        for (String host : List.of("localhost", "[::1]")) {
            Tools.Result r = Peers.curl(pki, "https://" + host + ":" + plain.port() + "/");
            assertThat(r.exit()).as(r.toString()).isZero();
            Map<String, String> env = withoutPwd(Peers.environment(r.stdout()));
            String ip = host.equals("localhost") ? "127.0.0.1" : "::1";
            String remotePort = env.get("SSLREMOTEPORT");
            Map<String, String> expected = inherited(plain);
            expected.put("PROTO", "SSL");
            connection(expected, "SSL", ip, plain.port(), Optional.empty(), remotePort);
            expected.put("SSLLOCALHOST", "e2e.example");
            ucspiTlsFds(expected, env);
            assertThat(new TreeMap<>(env)).as(host).isEqualTo(new TreeMap<>(expected));

            long id = connectionId(plain, ip, remotePort);
            assertThat(plain.connection(id)).containsExactly(
                    "sslserver: pid " + id + " from " + ip,
                    "sslserver: ok " + id + " e2e.example:" + ip + ":" + plain.port() + " :" + ip + "::" + remotePort,
                    "sslserver: ssl " + id + " accept ", // -V shows the cipher only when -s built the SSL_* set
                    "sslserver: end " + id + " status 0");
        }
    }

    @Test
    void echoesOverIpv4AndIpv6() {
        for (String host : List.of("127.0.0.1", "::1")) {
            try (Peers.Interactive c = new Peers.Interactive(pki, host, echo.port())) {
                c.send("hello over " + host);
                assertThat(c.awaitOutput("hello over " + host + "\n", Tools.PATIENCE)).as(c.report()).isTrue();
                c.send("second line");
                assertThat(c.awaitOutput("second line\n", Tools.PATIENCE)).as(c.report()).isTrue();
                assertThat(c.finish()).as(c.report()).isZero();
                assertThat(c.output()).isEqualTo("hello over " + host + "\nsecond line\n");
            }
            Matcher from = echo.awaitLine("sslserver: ok (\\d+) [^ ]*:" + java.util.regex.Pattern.quote(host) + ":\\d+ .*");
            echo.awaitLine("sslserver: end " + from.group(1) + " status 0");
        }
    }

    /** What the program inherits from the server's own environment. */
    private static Map<String, String> inherited(ServerProcess server) {
        return new LinkedHashMap<>(server.environment());
    }

    /** The shell running the test program adds PWD; sslserver has no part in it. */
    private static Map<String, String> withoutPwd(Map<String, String> env) {
        env.remove("PWD");
        return env;
    }

    /** NAME{LOCAL,REMOTE}{IP,PORT,HOST,INFO} for a client at {@code ip} (no ident: INFO unset). */
    private static void connection(Map<String, String> env, String prefix, String ip, int localPort,
            Optional<String> name, String remotePort) {
        env.put(prefix + "LOCALIP", ip);
        env.put(prefix + "LOCALPORT", Integer.toString(localPort));
        name.ifPresent(n -> env.put(prefix + "LOCALHOST", n));
        env.put(prefix + "REMOTEIP", ip);
        env.put(prefix + "REMOTEPORT", remotePort);
        name.ifPresent(n -> env.put(prefix + "REMOTEHOST", n));
    }

    /** The UCSPI-TLS fd variables (always set, meaningless without -n): whatever numbers, but present. */
    private static void ucspiTlsFds(Map<String, String> expected, Map<String, String> env) {
        for (String v : List.of("SSLCTLFD", "SSLREADFD", "SSLWRITEFD")) {
            assertThat(env.get(v)).as(v).matches("\\d+");
            expected.put(v, env.get(v));
        }
    }

    /** The SSL_* set for the server certificate and the session s_client reports. */
    private static void expectTls(Map<String, String> expected, Peers.SClientResult r, Map<String, String> env) {
        ucspiTlsFds(expected, env);
        String protocol = r.protocol().orElseThrow();
        String cipher = r.cipher().orElseThrow();
        String bits = Tools.encryptionBits(cipher);
        expected.put("SSL_PROTOCOL", protocol);
        assertThat(env.get("SSL_SESSION_ID")).matches("[0-9a-f]+");
        expected.put("SSL_SESSION_ID", env.get("SSL_SESSION_ID"));
        expected.put("SSL_CIPHER", cipher);
        expected.put("SSL_CIPHER_EXPORT", "false");
        expected.put("SSL_CIPHER_USEKEYSIZE", bits);
        expected.put("SSL_CIPHER_ALGKEYSIZE", bits);
        expected.put("SSL_VERSION_INTERFACE", "ucspi-ssl");
        assertThat(env.get("SSL_VERSION_LIBRARY")).startsWith("ucspi4j").contains("SunJSSE");
        expected.put("SSL_VERSION_LIBRARY", env.get("SSL_VERSION_LIBRARY"));
        expected.putAll(CertView.of(pki.file("server.pem"), "SSL_SERVER_"));
    }

    /** The number of the connection from {@code ip}:{@code remotePort}, from its ok line. */
    static long connectionId(ServerProcess server, String ip, String remotePort) {
        Matcher m = server.awaitLine(server.name() + ": ok (\\d+) [^ ]* [^ ]*:" + java.util.regex.Pattern.quote(ip) + ":[^:]*:"
                + remotePort);
        return Long.parseLong(m.group(1));
    }

    private static long pidMax() {
        try {
            return Long.parseLong(Files.readString(Path.of("/proc/sys/kernel/pid_max")).strip());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
