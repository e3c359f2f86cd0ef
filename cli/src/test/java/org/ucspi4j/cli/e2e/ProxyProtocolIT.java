package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucspi4j.runtime.fixtures.ProxyHeaderBytes.SIG;
import static org.ucspi4j.runtime.fixtures.ProxyHeaderBytes.ascii;
import static org.ucspi4j.runtime.fixtures.ProxyHeaderBytes.concat;
import static org.ucspi4j.runtime.fixtures.ProxyHeaderBytes.tlv;
import static org.ucspi4j.runtime.fixtures.ProxyHeaderBytes.v2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sslserver behind Debian's haproxy ({@code mode tcp}, {@code send-proxy} and {@code send-proxy-v2}
 * with CRC32C and a unique id, frontends on 127.0.0.1 and ::1, backends to the server over IPv4 and
 * IPv6), with {@code PROXY_FROM=127.0.0.1,::1}: what the program gets, the log lines, the rules and
 * MAXCONIP on the real client, haproxy's LOCAL health checks; and, written by the test, a LOCAL
 * header and a v2 header with TLVs, a header from an address not in PROXY_FROM (not believed),
 * malformed, truncated and oversized headers, and a trusted peer that sends nothing (-T).
 */
class ProxyProtocolIT {
    @TempDir
    static Path dir;

    static Pki pki;
    /** {@code -v -e -x rules} on {@code 0}, PROXY_FROM=127.0.0.1,::1, MAXCONIP=2, running an environment dump. */
    static ServerProcess proxied;
    /** {@code -v -H -l e2e.example -T 2} on 127.0.0.1, PROXY_FROM=127.0.0.1 only, running an environment dump. */
    static ServerProcess strict;
    static Haproxy haproxy;

    /** haproxy's frontends: where a client connects, how haproxy reaches the server. */
    enum Frontend {
        V1_FROM_IPV4("127.0.0.1", "127.0.0.1", "send-proxy"),
        V2_FROM_IPV4("127.0.0.1", "::1", "send-proxy-v2 proxy-v2-options crc32c,unique-id"),
        V1_FROM_IPV6("::1", "127.0.0.1", "send-proxy"),
        V2_FROM_IPV6("::1", "::1", "send-proxy-v2 proxy-v2-options crc32c,unique-id");

        final String bind;
        final String backend;
        final String options;
        int port;

        Frontend(String bind, String backend, String options) {
            this.bind = bind;
            this.backend = backend;
            this.options = options;
        }

        int version() {
            return options.startsWith("send-proxy-v2") ? 2 : 1;
        }
    }

    @BeforeAll
    static void start() throws IOException {
        pki = Pki.get();
        Path env = Programs.env(dir);
        Path rules = dir.resolve("rules.cdb");
        Rules.compile(Rules.Compiler.UCSPI4J, rules, "127.0.0.5:deny\n127.0.0.6:allow,MAXCONIP=\"1\"\n");
        List<ServerProcess> s = ServerProcess.startAll(
                ServerProcess.in(dir).options("-v", "-e", "-x", rules.toString()).host("0").pkiCertificate(pki)
                        .env("PROXY_FROM", "127.0.0.1,::1").env("MAXCONIP", "2").program(env.toString()),
                ServerProcess.in(dir).options("-v", "-H", "-l", "e2e.example", "-T", "2").host("127.0.0.1").pkiCertificate(pki)
                        .env("PROXY_FROM", "127.0.0.1").program(env.toString()));
        proxied = s.get(0);
        strict = s.get(1);
        haproxy = Haproxy.start(dir, proxied.port(), strict.port());
    }

    @AfterAll
    static void stop() {
        if (haproxy != null) {
            haproxy.close();
        }
        for (ServerProcess s : new ServerProcess[] {proxied, strict}) {
            if (s != null) {
                s.close();
            }
        }
    }

    // --- through haproxy -------------------------------------------------------------------------

    @Test
    void throughHaproxyTheProgramSeesTheClientAndTheBalancerApart() {
        for (Frontend f : Frontend.values()) {
            boolean v6Client = f.bind.contains(":");
            String client = v6Client ? "::1" : "127.0.0.2";
            int clientPort = freePort(client);
            Peers.SClientResult r = Peers.sClient(pki, f.bind, f.port, "-bind", Peers.hostPort(client, clientPort));
            assertThat(r.exit()).as(f + ": " + r).isZero();
            Map<String, String> env = connectionVariables(r.environment());

            Map<String, String> expected = new TreeMap<>();
            Optional<String> clientName = Tools.hostName(client);
            Optional<String> frontendName = Tools.hostName(f.bind);
            expected.put("PROTO", v6Client ? "TCP6" : "TCP");
            for (String p : v6Client ? List.of("SSL", "TCP", "TCP6") : List.of("SSL", "TCP")) {
                expected.put(p + "REMOTEIP", client);
                expected.put(p + "REMOTEPORT", Integer.toString(clientPort));
                clientName.ifPresent(n -> expected.put(p + "REMOTEHOST", n));
                expected.put(p + "LOCALIP", f.bind); // the address the client reached: haproxy's
                expected.put(p + "LOCALPORT", Integer.toString(f.port));
                frontendName.ifPresent(n -> expected.put(p + "LOCALHOST", n));
            }
            String balancerPort = env.get("PROXYREMOTEPORT");
            assertThat(balancerPort).as(f.toString()).matches("\\d+").isNotEqualTo(Integer.toString(clientPort));
            expected.put("PROXYREMOTEIP", f.backend);
            expected.put("PROXYREMOTEPORT", balancerPort);
            expected.put("PROXYLOCALIP", f.backend);
            expected.put("PROXYLOCALPORT", Integer.toString(proxied.port()));
            if (f.version() == 2) {
                expected.put("PROXY_UNIQUE_ID", "uid-" + client + "-" + clientPort); // haproxy's unique-id-format
            }
            assertThat(env).as(f.toString()).isEqualTo(expected);

            long id = SslServerEnvironmentIT.connectionId(proxied, client, Integer.toString(clientPort));
            String remoteHost = clientName.orElse("");
            assertThat(proxied.connection(id)).as(f.toString()).containsExactly(
                    "sslserver: pid " + id + " from " + client,
                    "sslserver: proxy " + id + " v" + f.version() + " from " + f.backend + " port " + balancerPort,
                    "sslserver: ok " + id + " " + frontendName.orElse("") + ":" + f.bind + ":" + f.port + " "
                            + remoteHost + ":" + client + "::" + clientPort,
                    "sslserver: ssl " + id + " accept ",
                    "sslserver: end " + id + " status 0");
        }
    }

    @Test
    void theRulesJudgeTheClientNotTheBalancer() {
        int mark = proxied.mark();
        int port = freePort("127.0.0.5");
        Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", Frontend.V1_FROM_IPV4.port, "-bind", "127.0.0.5:" + port);
        assertThat(r.established()).as(r.toString()).isFalse();
        long id = Long.parseLong(proxied.awaitLine(mark, "sslserver: deny (\\d+) [^ ]* [^ ]*:127\\.0\\.0\\.5::" + port,
                Tools.PATIENCE).group(1));
        assertThat(proxied.connection(id)).containsExactly(
                "sslserver: pid " + id + " from 127.0.0.5",
                "sslserver: proxy " + id + " v1 from 127.0.0.1 port " + proxiedBalancerPort(id),
                proxied.lines(mark, "sslserver: deny " + id + " .*").getFirst().group(),
                "sslserver: end " + id + " status 25600");
        // the balancer itself is allowed, so everyone else through it is served
        Peers.SClientResult ok = Peers.sClient(pki, "127.0.0.1", Frontend.V1_FROM_IPV4.port, "-bind", "127.0.0.9:0");
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.environment()).containsEntry("SSLREMOTEIP", "127.0.0.9");
    }

    @Test
    void maxconipCountsEachClientBehindTheBalancer() throws IOException {
        List<Socket> held = new ArrayList<>();
        try {
            // MAXCONIP=2 from the environment: two silent clients from 127.0.0.7 hold their slots
            // (waiting for a handshake), all from haproxy's one address
            for (int i = 0; i < 2; i++) {
                int mark = proxied.mark();
                held.add(Peers.plain("127.0.0.7", "127.0.0.1", Frontend.V1_FROM_IPV4.port));
                proxied.awaitLine(mark, "sslserver: ok \\d+ .*:127\\.0\\.0\\.7::" + held.getLast().getLocalPort(),
                        Tools.PATIENCE);
            }
            int mark = proxied.mark();
            try (Socket third = Peers.plain("127.0.0.7", "127.0.0.1", Frontend.V2_FROM_IPV4.port)) {
                assertThat(Peers.readToEnd(third)).isEmpty();
            }
            proxied.awaitLine(mark, "sslserver: warning: ip connection limit of 2 exceeded for: 127\\.0\\.0\\.7",
                    Tools.PATIENCE);
            assertThat(proxied.lines(mark, "sslserver: pid \\d+ from 127\\.0\\.0\\.7")).isEmpty();
            // meanwhile another client through the same balancer is served: haproxy's address is not counted
            Peers.SClientResult other = Peers.sClient(pki, "127.0.0.1", Frontend.V1_FROM_IPV4.port, "-bind", "127.0.0.8:0");
            assertThat(other.exit()).as(other.toString()).isZero();

            // the rule's MAXCONIP=1 for 127.0.0.6: the second is denied, with the limit on its deny line
            held.add(Peers.plain("127.0.0.6", "127.0.0.1", Frontend.V1_FROM_IPV4.port));
            proxied.awaitLine(mark, "sslserver: ok \\d+ .*:127\\.0\\.0\\.6::" + held.getLast().getLocalPort(),
                    Tools.PATIENCE);
            try (Socket second = Peers.plain("127.0.0.6", "127.0.0.1", Frontend.V2_FROM_IPV4.port)) {
                assertThat(Peers.readToEnd(second)).isEmpty();
                proxied.awaitLine(mark, "sslserver: deny \\d+ [^ ]* [^ ]*:127\\.0\\.0\\.6::" + second.getLocalPort()
                        + " ip connection limit:1 exceeded", Tools.PATIENCE);
            }
        } finally {
            for (Socket s : held) {
                close(s);
            }
        }
        // the slots are free again
        Peers.SClientResult again = Peers.sClient(pki, "127.0.0.1", Frontend.V2_FROM_IPV4.port, "-bind", "127.0.0.7:0");
        assertThat(again.exit()).as(again.toString() + proxied.logText()).isZero();
    }

    @Test
    void haproxysHealthChecksAreLocalAndServedAsTheBalancersOwn() {
        // haproxy checks the strict server with send-proxy-v2: a LOCAL header, then it hangs up
        var m = strict.awaitLine("sslserver: proxy (\\d+) v2 local from 127\\.0\\.0\\.1 port (\\d+)",
                Duration.ofSeconds(90));
        long id = Long.parseLong(m.group(1));
        assertThat(strict.connection(id)).startsWith(
                "sslserver: pid " + id + " from 127.0.0.1",
                "sslserver: proxy " + id + " v2 local from 127.0.0.1 port " + m.group(2),
                "sslserver: ok " + id + " e2e.example:127.0.0.1:" + strict.port() + " :127.0.0.1::" + m.group(2));
    }

    // --- headers written by the test ---------------------------------------------------------------

    @Test
    void aLocalHeaderIsServedAsTheBalancersOwnConnection() throws IOException {
        try (Socket s = Peers.plain(null, "127.0.0.1", strict.port())) {
            s.getOutputStream().write(v2(0x20, 0x00, new byte[0]));
            Map<String, String> env = tlsEnvironment(s, strict.port());
            String port = Integer.toString(s.getLocalPort());
            assertThat(env).containsEntry("SSLREMOTEIP", "127.0.0.1").containsEntry("SSLREMOTEPORT", port)
                    .containsEntry("SSLLOCALIP", "127.0.0.1").containsEntry("SSLLOCALPORT", Integer.toString(strict.port()))
                    .containsEntry("PROXYREMOTEIP", "127.0.0.1").containsEntry("PROXYREMOTEPORT", port)
                    .doesNotContainKeys("PROXY_AUTHORITY", "PROXY_UNIQUE_ID");
            long id = SslServerEnvironmentIT.connectionId(strict, "127.0.0.1", port);
            assertThat(strict.connection(id)).containsExactly(
                    "sslserver: pid " + id + " from 127.0.0.1",
                    "sslserver: proxy " + id + " v2 local from 127.0.0.1 port " + port,
                    "sslserver: ok " + id + " e2e.example:127.0.0.1:" + strict.port() + " :127.0.0.1::" + port,
                    "sslserver: ssl " + id + " accept ",
                    "sslserver: end " + id + " status 0");
        }
    }

    @Test
    void v2TlvsReachTheProgram() throws IOException {
        byte[] block = {(byte) 192, 0, 2, 7, (byte) 198, 51, 100, 1, (byte) 0xC3, 0x50, 0x01, (byte) 0xBB};
        byte[] ssl = concat(new byte[] {0x07, 0, 0, 0, 0}, tlv(0x21, "TLSv1.3"), tlv(0x22, "client.example"));
        byte[] header = v2(0x21, 0x11, concat(block, tlv(0x01, "h2"), tlv(0x02, "www.example.org"),
                tlv(0x05, "unique-7"), tlv(0x20, ssl), tlv(0x30, "blue")));
        try (Socket s = Peers.plain(null, "127.0.0.1", strict.port())) {
            s.getOutputStream().write(header);
            Map<String, String> env = tlsEnvironment(s, strict.port());
            assertThat(connectionVariables(env)).isEqualTo(new TreeMap<>(Map.ofEntries(
                    Map.entry("PROTO", "SSL"),
                    Map.entry("SSLREMOTEIP", "192.0.2.7"), Map.entry("SSLREMOTEPORT", "50000"),
                    Map.entry("SSLLOCALIP", "198.51.100.1"), Map.entry("SSLLOCALPORT", "443"),
                    Map.entry("SSLLOCALHOST", "e2e.example"),
                    Map.entry("PROXYREMOTEIP", "127.0.0.1"), Map.entry("PROXYREMOTEPORT", Integer.toString(s.getLocalPort())),
                    Map.entry("PROXYLOCALIP", "127.0.0.1"), Map.entry("PROXYLOCALPORT", Integer.toString(strict.port())),
                    Map.entry("PROXY_ALPN", "h2"), Map.entry("PROXY_AUTHORITY", "www.example.org"),
                    Map.entry("PROXY_UNIQUE_ID", "unique-7"), Map.entry("PROXY_NETNS", "blue"),
                    Map.entry("PROXY_SSL_VERSION", "TLSv1.3"), Map.entry("PROXY_SSL_CN", "client.example"),
                    Map.entry("PROXY_SSL_VERIFY", "0"))));
            strict.awaitLine("sslserver: ok \\d+ e2e\\.example:198\\.51\\.100\\.1:443 :192\\.0\\.2\\.7::50000");
        }
    }

    @Test
    void aHeaderFromAnUntrustedAddressIsNotBelieved() throws IOException {
        int mark = strict.mark();
        try (Socket s = Peers.plain("127.0.0.2", "127.0.0.1", strict.port())) {
            s.getOutputStream().write(concat(ascii("PROXY TCP4 192.0.2.7 198.51.100.1 50000 443\r\n"), Peers.clientHello()));
            Peers.readToEnd(s);
            String port = Integer.toString(s.getLocalPort());
            long id = Long.parseLong(strict.awaitLine(mark, "sslserver: ok (\\d+) [^ ]* :127\\.0\\.0\\.2::" + port,
                    Tools.PATIENCE).group(1));
            List<String> lines = strict.connection(id);
            assertThat(lines.getFirst()).isEqualTo("sslserver: pid " + id + " from 127.0.0.2");
            assertThat(lines).noneMatch(l -> l.contains(" proxy ")).noneMatch(l -> l.contains("192.0.2.7"))
                    .contains("sslserver: end " + id + " status 28416");
        }
        // the header was the client's own bytes: the handshake failed on them
        strict.awaitLine(mark, "sslserver: warning: dropping SSL connection, unable to accept SSL: .*", Tools.PATIENCE);
        assertThat(strict.lines(mark, ".*bad PROXY header.*")).isEmpty();
    }

    @Test
    void aBadHeaderDropsTheConnectionWithOneLineAndTheServerGoesOn() throws IOException {
        record Case(byte[] bytes, boolean hangUp, String reason) {}
        List<Case> cases = List.of(
                new Case(ascii("PROXY TCP4 1.2.3.4\r\n"), false, "v1 line not 6 fields"),
                new Case(ascii("PROXY TCP4 192.0.2.7 198.51.100.1 50000 443\n"), false, "v1 line not ended by CRLF"),
                new Case(ascii("PROXY UNKNOWN " + "x".repeat(100) + "\r\n"), false, "v1 line over 107 bytes"),
                new Case(Peers.clientHello(), false, "no PROXY header"),
                new Case(concat(SIG, new byte[] {0x21, 0x11, (byte) 0xff, (byte) 0xff}), false,
                        "v2 header of 65551 bytes over 2064"),
                new Case(v2(0x21, 0x11, concat(new byte[12], tlv(0x03, "\1\2\3\4"))), false, "v2 CRC32C mismatch"),
                new Case(ascii("PROXY TCP4 192.0.2.7"), true, "truncated after 20 bytes"),
                new Case(new byte[0], true, "no PROXY header: connection closed"));
        for (Case c : cases) {
            int mark = strict.mark();
            try (Socket s = Peers.plain(null, "127.0.0.1", strict.port())) {
                s.getOutputStream().write(c.bytes());
                if (c.hangUp()) {
                    s.shutdownOutput();
                }
                assertThat(readQuietly(s)).as(c.reason()).isEmpty();
            }
            strict.awaitLine(mark, "sslserver: warning: dropping SSL connection, bad PROXY header from 127\\.0\\.0\\.1: "
                    + Pattern.quote(c.reason()), Tools.PATIENCE);
            assertThat(strict.lines(mark, ".*bad PROXY header.*")).as(c.reason()).hasSize(1);
        }
        // still serving, and a good header with a CRC32C is taken
        byte[] block = {10, 9, 8, 7, 10, 0, 0, 1, 0x30, 0x39, 0x01, (byte) 0xBB};
        try (Socket s = Peers.plain(null, "127.0.0.1", strict.port())) {
            s.getOutputStream().write(withCrc(v2(0x21, 0x11, concat(block, tlv(0x03, "\0\0\0\0")))));
            assertThat(tlsEnvironment(s, strict.port())).containsEntry("SSLREMOTEIP", "10.9.8.7")
                    .containsEntry("SSLREMOTEPORT", "12345");
        }
    }

    @Test
    void aTrustedPeerThatSendsNothingIsCutAtDashT() {
        int mark = strict.mark();
        long started = System.nanoTime();
        try (Socket s = Peers.plain(null, "127.0.0.1", strict.port())) {
            assertThat(readQuietly(s)).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isBetween(Duration.ofMillis(1500), Tools.PATIENCE);
        strict.awaitLine(mark, "sslserver: warning: dropping SSL connection, bad PROXY header from 127\\.0\\.0\\.1: timeout",
                Tools.PATIENCE);
    }

    @Test
    void aBadProxyFromIsFatal() {
        for (String bad : List.of("127.0.0.300", "127.0.0.1,,::1", "::1/129", "balancer.example")) {
            Tools.Result r = ServerProcess.in(dir).env("PROXY_FROM", bad).runToExit("127.0.0.1", "0", "true");
            assertThat(r.exit()).as(bad + ": " + r).isEqualTo(111);
            assertThat(r.stderr()).as(bad).startsWith("sslserver: fatal: unable to parse PROXY_FROM: ");
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    /** The program's connection variables: PROTO and every SSLLOCAL*, SSLREMOTE*, TCP*, PROXY* one. */
    private static Map<String, String> connectionVariables(Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        env.forEach((k, v) -> {
            boolean connection = k.equals("PROTO") || k.startsWith("SSLLOCAL") || k.startsWith("SSLREMOTE")
                    || k.startsWith("TCP") || k.startsWith("PROXY");
            if (connection && !k.equals("PROXY_FROM")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The balancer's port on the proxy line of connection {@code id}. */
    private static String proxiedBalancerPort(long id) {
        return proxied.awaitLine("sslserver: proxy " + id + " v\\d from [^ ]+ port (\\d+)").group(1);
    }

    /** TLS over {@code plain} (after what the test wrote), then the program's {@code env -0} to its end. */
    private static Map<String, String> tlsEnvironment(Socket plain, int port) throws IOException {
        try (javax.net.ssl.SSLSocket ssl = Peers.tlsOver(pki, plain, "localhost", port)) {
            return Peers.environment(ssl.getInputStream().readAllBytes());
        }
    }

    /** What the server sent before it closed; a reset counts as nothing. */
    private static byte[] readQuietly(Socket s) {
        try {
            return s.getInputStream().readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // gone already
        }
    }

    /** A port free on {@code address} just now (for {@code s_client -bind}, to know the client's port). */
    static int freePort(String address) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills the last 4 bytes (a zeroed CRC32C TLV's value) with the header's checksum. */
    private static byte[] withCrc(byte[] header) {
        CRC32C crc = new CRC32C();
        crc.update(header);
        long v = crc.getValue();
        int at = header.length - 4;
        header[at] = (byte) (v >>> 24);
        header[at + 1] = (byte) (v >>> 16);
        header[at + 2] = (byte) (v >>> 8);
        header[at + 3] = (byte) v;
        return header;
    }

    /**
     * Debian's haproxy in the foreground ({@code -db}), its frontends on free ports, and a backend
     * that health-checks the strict server with {@code send-proxy-v2} (LOCAL).
     */
    static final class Haproxy implements AutoCloseable {
        private final Process process;
        private final Path log;

        private Haproxy(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static Haproxy start(Path dir, int proxiedPort, int strictPort) throws IOException {
            StringBuilder cfg = new StringBuilder("""
                    defaults
                        mode tcp
                        timeout connect 10s
                        timeout client 60s
                        timeout server 60s
                    """);
            for (Frontend f : Frontend.values()) {
                f.port = freePort(f.bind);
                String name = f.name().toLowerCase(java.util.Locale.ROOT);
                cfg.append("frontend fe_").append(name).append('\n')
                        .append("    bind ").append(Peers.hostPort(f.bind, f.port)).append('\n')
                        .append("    unique-id-format uid-%ci-%cp\n")
                        .append("    default_backend be_").append(name).append('\n')
                        .append("backend be_").append(name).append('\n')
                        .append("    server s1 ").append(Peers.hostPort(f.backend, proxiedPort)).append(' ')
                        .append(f.options).append('\n');
            }
            cfg.append("backend be_checks\n    server c1 127.0.0.1:").append(strictPort)
                    .append(" send-proxy-v2 check inter 2s\n");
            Path file = dir.resolve("haproxy.cfg");
            Files.writeString(file, cfg);
            Path log = dir.resolve("haproxy.log");
            Process p = new ProcessBuilder("haproxy", "-db", "-f", file.toString()).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Haproxy h = new Haproxy(p, log);
            long deadline = System.nanoTime() + Tools.PATIENCE.toNanos();
            for (Frontend f : Frontend.values()) {
                while (!listening(f.port)) {
                    if (!p.isAlive() || System.nanoTime() > deadline) {
                        h.close();
                        throw new AssertionError("haproxy did not listen on " + f.port + ":\n" + cfg + "\n"
                                + Files.readString(log));
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(e);
                    }
                }
            }
            return h;
        }

        /** Whether some socket listens on {@code port} (the kernel's tables: no connection made to find out). */
        private static boolean listening(int port) throws IOException {
            String hex = String.format(":%04X ", port);
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && (f[1] + " ").endsWith(hex) && f[3].equals("0A")) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
