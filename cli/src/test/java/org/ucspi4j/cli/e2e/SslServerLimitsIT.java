package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -c} (clients queue in the kernel backlog) and MAXCONIP, from the environment and from a rule. */
class SslServerLimitsIT {
    @TempDir
    static Path dir;

    static Pki pki;
    /** {@code -v -c 1}, running cat. */
    static ServerProcess single;
    /** {@code -v -c 10 -x} with MAXCONIP=2 in the environment and {@code +MAXCONIP=1} for 127.0.0.1. */
    static ServerProcess perIp;

    @BeforeAll
    static void start() {
        pki = Pki.get();
        Path echo = Programs.echo(dir);
        Path rules = dir.resolve("rules.cdb");
        Rules.compile(Rules.Compiler.UCSPI4J, rules, "127.0.0.1:allow,MAXCONIP=\"1\"\n");
        List<ServerProcess> s = ServerProcess.startAll(
                ServerProcess.in(dir).options("-v", "-c", "1").pkiCertificate(pki).program(echo.toString()),
                ServerProcess.in(dir).options("-v", "-c", "10", "-x", rules.toString()).env("MAXCONIP", "2")
                        .pkiCertificate(pki).program(echo.toString()));
        single = s.get(0);
        perIp = s.get(1);
    }

    @AfterAll
    static void stop() {
        for (ServerProcess s : new ServerProcess[] {single, perIp}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void withDashC1TheSecondClientWaitsForTheFirst() {
        try (Peers.Interactive first = new Peers.Interactive(pki, "127.0.0.1", single.port())) {
            first.send("one");
            assertThat(first.awaitOutput("one\n", Tools.PATIENCE)).as(first.report()).isTrue();
            try (Peers.Interactive second = new Peers.Interactive(pki, "127.0.0.1", single.port())) {
                second.send("two");
                assertThat(second.awaitOutput("two\n", Duration.ofMillis(1500))).as("served while the first runs").isFalse();
                assertThat(second.report()).doesNotContain("CONNECTION ESTABLISHED");

                assertThat(first.finish()).isZero();
                assertThat(second.awaitOutput("two\n", Tools.PATIENCE)).as(second.report() + single.logText())
                        .isTrue();
                assertThat(second.finish()).isZero();
            }
        }
        single.awaitLines("sslserver: end \\d+ status 0", 2, Tools.PATIENCE);
        assertThat(single.lines("sslserver: status: .*")).allMatch(m -> m.group().matches("sslserver: status: [01]/1"));
    }

    @Test
    void maxconipFromTheEnvironmentRefusesAtAcceptAndFromARuleDenies() throws IOException {
        List<Socket> held = new ArrayList<>();
        List<String> heldIds = new ArrayList<>();
        try {
            // two silent clients from 127.0.0.2 hold their slots (waiting for a handshake); a third is refused
            for (int i = 0; i < 2; i++) {
                int mark = perIp.mark();
                held.add(Peers.plain("127.0.0.2", "127.0.0.1", perIp.port()));
                heldIds.add(perIp.awaitLine(mark, "sslserver: ok (\\d+) .*:127\\.0\\.0\\.2::"
                        + held.getLast().getLocalPort(), Tools.PATIENCE).group(1));
            }
            try (Socket third = Peers.plain("127.0.0.2", "127.0.0.1", perIp.port())) {
                assertThat(Peers.readToEnd(third)).isEmpty();
            }
            perIp.awaitLine("sslserver: warning: ip connection limit of 2 exceeded for: 127\\.0\\.0\\.2");

            // the rule's MAXCONIP=1 for 127.0.0.1: the second one is denied, with the limit on the deny line
            try (Peers.Interactive first = new Peers.Interactive(pki, "127.0.0.1", perIp.port())) {
                first.send("one");
                assertThat(first.awaitOutput("one\n", Tools.PATIENCE)).as(first.report()).isTrue();
                try (Socket second = Peers.plain("127.0.0.1", "127.0.0.1", perIp.port())) {
                    assertThat(Peers.readToEnd(second)).isEmpty();
                    long id = Long.parseLong(perIp.awaitLine("sslserver: deny (\\d+) [^ ]* [^ ]*:127\\.0\\.0\\.1::"
                            + second.getLocalPort() + " ip connection limit:1 exceeded").group(1));
                    perIp.awaitLine("sslserver: end " + id + " status 25600");
                }
                assertThat(first.finish()).isZero();
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        for (String id : heldIds) {
            perIp.awaitLine("sslserver: end " + id + " status \\d+");
        }
        // the slots are free again: 127.0.0.2 gets in
        try (Socket again = Peers.plain("127.0.0.2", "127.0.0.1", perIp.port())) {
            perIp.awaitLine("sslserver: ok \\d+ .*:127\\.0\\.0\\.2::" + again.getLocalPort());
        }
    }
}
