package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules cdb replaced a thousand times, the way tcprules does it (a new file renamed over the old),
 * while clients connect continuously: every connection gets the old rules or the new ones, each whole
 * (a variable tells which), and none is dropped for "unable to read".
 */
class SslServerRulesSwapIT {
    static final int SWAPS = 1000;
    static final int CLIENTS = 4;
    static final int MIN_CONNECTIONS = 40;

    @TempDir
    Path dir;

    @Test
    void everyConnectionSeesTheOldOrTheNewRulesWhileTheCdbIsReplacedAThousandTimes() throws Exception {
        Pki pki = Pki.get();
        Path old = dir.resolve("old.cdb");
        Path fresh = dir.resolve("new.cdb");
        // the same shape and size, so only the contents tell them apart
        Rules.compile(Rules.Compiler.UCSPI4J, old, "127.0.0.1:allow,RULESET=\"old\",OTHER=\"1\"\n:deny\n");
        Rules.compile(Rules.Compiler.UCSPI4J, fresh, "127.0.0.1:allow,RULESET=\"new\",OTHER=\"2\"\n:deny\n");
        byte[][] versions = {Files.readAllBytes(old), Files.readAllBytes(fresh)};
        Path cdb = dir.resolve("rules.cdb");
        Rules.replaceWith(cdb, versions[0]);
        Path program = Programs.script(dir, "ruleset.sh", "echo \"$RULESET $OTHER\"\n");
        try (ServerProcess server = ServerProcess.in(dir).options("-v", "-c", "20", "-x", cdb.toString())
                .pkiCertificate(pki).program(program.toString()).start()) {
            AtomicBoolean swapping = new AtomicBoolean(true);
            Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
            AtomicInteger made = new AtomicInteger();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(Thread.startVirtualThread(() -> {
                    while (swapping.get()) {
                        String answer;
                        try (SSLSocket s = Peers.tls(pki, "127.0.0.1", server.port())) {
                            answer = new String(Peers.readToEnd(s), StandardCharsets.ISO_8859_1);
                        } catch (IOException | RuntimeException e) {
                            answer = "failed: " + e;
                        }
                        answers.computeIfAbsent(answer, a -> new AtomicInteger()).incrementAndGet();
                        made.incrementAndGet();
                    }
                }));
            }
            int mark = server.mark();
            // At least SWAPS replacements, and on until the clients made MIN_CONNECTIONS (a loaded
            // machine handshakes slowly), within a bound.
            long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
            for (int i = 1; i <= SWAPS || (made.get() < MIN_CONNECTIONS && System.nanoTime() < giveUp); i++) {
                Rules.replaceWith(cdb, versions[i % 2]);
                Thread.sleep(5);
            }
            swapping.set(false);
            for (Thread t : clients) {
                t.join();
            }
            int connections = answers.values().stream().mapToInt(AtomicInteger::get).sum();
            assertThat(answers.keySet()).as(answers + "\n" + server.logText()).containsOnly("old 1\n", "new 2\n");
            assertThat(answers.keySet()).as("both rule sets were seen").hasSize(2);
            assertThat(connections).isGreaterThanOrEqualTo(MIN_CONNECTIONS);
            server.awaitLines("sslserver: end \\d+ status \\d+", connections, Tools.PATIENCE);
            assertThat(server.lines(mark, "sslserver: warning: .*")).as("no drops").isEmpty();
            assertThat(server.lines("sslserver: end \\d+ status (?!0$).*")).as("no failed connections").isEmpty();
            System.out.println("rules swap: " + SWAPS + " replacements, " + connections + " connections: " + answers);
        }
    }
}
