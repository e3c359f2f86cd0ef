package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * METRICS= through bin/sslserver: known traffic in (clients let in, clients the rules deny,
 * handshakes that fail, a rules file replaced), the exact counters out of /metrics, and the
 * exposition checked by Debian's promtool.
 */
class MetricsIT {
    @TempDir
    Path dir;

    static String scrape(int port) {
        Tools.Result r = Tools.run(Path.of("/"), List.of("curl", "-sS", "--max-time", "30",
                "http://127.0.0.1:" + port + "/metrics"));
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.out();
    }

    static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        assertThat(m.find()).as(series + " in\n" + text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void countsExactlyWhatHappened() throws Exception {
        Pki pki = Pki.get();
        Path rules = dir.resolve("rules.cdb");
        Rules.compile(Rules.Compiler.UCSPI4J, rules, "127.0.0.2:deny\n127.0.0.1:allow\n");
        try (ServerProcess server = ServerProcess.in(dir).options("-v", "-x", rules.toString()).pkiCertificate(pki)
                .env("METRICS", "127.0.0.1:0").program(Programs.echo(dir).toString()).start()) {
            Matcher where = server.awaitLine("sslserver: metrics \\d+ 127\\.0\\.0\\.1:(\\d+)");
            int metrics = Integer.parseInt(where.group(1));

            for (int i = 0; i < 3; i++) { // let in: 6 bytes each way
                try (SSLSocket ssl = Peers.tls(pki, "127.0.0.1", server.port())) {
                    assertThat(Peers.echoes(ssl, "hello")).isTrue();
                }
            }
            for (int i = 0; i < 2; i++) { // denied by the rules
                try (Socket s = Peers.plain("127.0.0.2", "127.0.0.1", server.port())) {
                    assertThat(Peers.readToEnd(s)).isEmpty();
                }
            }
            for (int i = 0; i < 2; i++) { // not TLS: the handshake fails
                try (Socket s = Peers.plain(null, "127.0.0.1", server.port())) {
                    OutputStream out = s.getOutputStream();
                    out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Peers.readToEnd(s);
                }
            }
            Thread.sleep(1100); // a new mtime for the replaced file
            Rules.compile(Rules.Compiler.UCSPI4J, rules, "127.0.0.2:deny\n127.0.0.1:allow,AGAIN=\"1\"\n");
            try (SSLSocket ssl = Peers.tls(pki, "127.0.0.1", server.port())) {
                assertThat(Peers.echoes(ssl, "hello")).isTrue();
            }
            server.awaitLines("sslserver: end \\d+ status .*", 8, Tools.PATIENCE);

            String text = scrape(metrics);
            long end = System.nanoTime() + Tools.PATIENCE.toNanos();
            while (value(text, "sslserver_programs_running") != 0 && System.nanoTime() < end) {
                Thread.sleep(50); // a program's end is counted when it is reaped
                text = scrape(metrics);
            }
            assertThat(value(text, "sslserver_connections_total{result=\"accepted\"}")).isEqualTo(4);
            assertThat(value(text, "sslserver_connections_total{result=\"denied\"}")).isEqualTo(2);
            assertThat(value(text, "sslserver_connections_total{result=\"dropped\"}")).isEqualTo(2);
            assertThat(value(text, "sslserver_connections_total{result=\"over_maxconip\"}")).isZero();
            assertThat(value(text, "sslserver_connections_total{result=\"over_limit\"}")).isZero();
            assertThat(value(text, "sslserver_handshakes_total{protocol=\"TLSv1.3\",result=\"ok\"}")).isEqualTo(4);
            assertThat(value(text, "sslserver_handshakes_total{protocol=\"none\",result=\"failed\"}")).isEqualTo(2);
            assertThat(value(text, "sslserver_handshake_seconds_count")).isEqualTo(6);
            assertThat(value(text, "sslserver_sessions_active")).isZero();
            assertThat(value(text, "sslserver_programs_running")).isZero();
            assertThat(value(text, "sslserver_program_exits_total{status=\"0\"}")).isEqualTo(4);
            assertThat(value(text, "sslserver_bytes_total{direction=\"in\"}")).isEqualTo(24);
            assertThat(value(text, "sslserver_bytes_total{direction=\"out\"}")).isEqualTo(24);
            assertThat(value(text, "sslserver_rules_reloads_total{result=\"ok\"}")).isEqualTo(1);
            assertThat(value(text, "sslserver_rules_reloads_total{result=\"failed\"}")).isZero();
            assertThat(text).contains("jvm_memory_used_bytes", "process_cpu_seconds_total");

            Tools.Result promtool = Tools.run(dir, Map.of(), text.getBytes(StandardCharsets.UTF_8), Tools.PATIENCE,
                    List.of("promtool", "check", "metrics"));
            assertThat(promtool.exit()).as(promtool.toString()).isZero();
        }
    }

    @Test
    void aBadSettingIsFatalAndAPortAloneListensOnLoopback() throws IOException {
        Tools.Result bad = ServerProcess.in(dir).pkiCertificate(Pki.get()).env("METRICS", "::1:9100")
                .runToExit("127.0.0.1", "0", "true");
        assertThat(bad.exit()).isEqualTo(111);
        assertThat(bad.stderr()).contains("sslserver: fatal: unable to parse METRICS: write an IPv6 address in brackets");
        try (ServerProcess server = ServerProcess.in(dir).options("-v").pkiCertificate(Pki.get())
                .env("METRICS", "0").program("true").start()) {
            server.awaitLine("sslserver: metrics \\d+ 127\\.0\\.0\\.1:\\d+");
        }
    }
}
