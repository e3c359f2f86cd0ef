package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -x}, {@code -y} and {@code -X} with cdbs compiled by ucspi4j and by Debian's tcprules,
 * replaced while the server runs; clients come from 127.0.0.1, .2 and .3 (curl {@code --interface},
 * plain sockets bound there).
 */
class SslServerRulesIT {
    @TempDir
    static Path dir;

    static Pki pki;
    static Path rules;
    static Path early;
    static Path late;
    /** {@code -v -x rules.cdb}. */
    static ServerProcess server;
    /** {@code -v -X -y early.cdb -x late.cdb}, late.cdb missing at first. */
    static ServerProcess earlyServer;

    /** .2 denied, .3 allowed with a variable (and a futile attempt to fake SSLREMOTEIP), the rest by prefix. */
    static final String FIRST = """
            127.0.0.2:deny
            127.0.0.3:allow,RULE="three",SSLREMOTEIP="6.6.6.6"
            127.0.0.:allow,RULE="prefix"
            :allow,RULE="default"
            """;

    /** The other way round; 127.0.0.1 now matches by its name. */
    static final String SECOND = """
            127.0.0.2:allow,RULE="two"
            127.0.0.3:deny
            =localhost:allow,RULE="named"
            :allow,RULE="default"
            """;

    @BeforeAll
    static void start() {
        pki = Pki.get();
        rules = dir.resolve("rules.cdb");
        early = dir.resolve("early.cdb");
        late = dir.resolve("late.cdb");
        Rules.compile(Rules.Compiler.UCSPI4J, rules, FIRST);
        Rules.compile(Rules.Compiler.UCSPI4J, early, """
                127.0.0.2:deny
                127.0.0.3:allow,EARLY="yes"
                """);
        Path program = Programs.httpEnv(dir);
        List<ServerProcess> s = ServerProcess.startAll(
                ServerProcess.in(dir).options("-v", "-x", rules.toString()).pkiCertificate(pki).program(program.toString()),
                ServerProcess.in(dir).options("-v", "-X", "-y", early.toString(), "-x", late.toString())
                        .pkiCertificate(pki).program(program.toString()));
        server = s.get(0);
        earlyServer = s.get(1);
    }

    @AfterAll
    static void stop() {
        for (ServerProcess s : new ServerProcess[] {server, earlyServer}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void cdbsFromBothCompilersReplacedWhileServing() {
        assertThat(Launcher.debianTcprules()).as("Debian's tcprules (bin/test unpacks it)").isNotNull();
        for (Rules.Compiler compiler : Rules.Compiler.values()) {
            Rules.compile(compiler, rules, FIRST);
            assertThat(served(server, "127.0.0.1")).as(compiler.name()).containsEntry("RULE", "prefix");
            assertThat(served(server, "127.0.0.3")).as(compiler.name())
                    .containsEntry("RULE", "three").containsEntry("SSLREMOTEIP", "127.0.0.3");
            assertDenied(server, "127.0.0.2");

            Rules.Compiler other = compiler == Rules.Compiler.UCSPI4J ? Rules.Compiler.DEBIAN : Rules.Compiler.UCSPI4J;
            Rules.compile(other, rules, SECOND);
            assertThat(served(server, "127.0.0.1")).as(other.name()).containsEntry("RULE", "named");
            assertThat(served(server, "127.0.0.2")).as(other.name()).containsEntry("RULE", "two");
            assertDenied(server, "127.0.0.3");
        }
    }

    @Test
    void corruptOrMissingCdbDropsConnectionsUntilItIsBack() throws IOException {
        Rules.compile(Rules.Compiler.UCSPI4J, rules, FIRST);
        byte[] good = Files.readAllBytes(rules);
        Rules.replaceWith(rules, Arrays.copyOf(good, 1000)); // cut short: the tables point past the end
        assertDropped(server, "unable to read " + Pattern.quote(rules.toString()) + ": .*");

        Files.delete(rules);
        assertDropped(server, "unable to read " + Pattern.quote(rules.toString()) + ": file does not exist");

        Rules.compile(Rules.Compiler.UCSPI4J, rules, FIRST);
        assertThat(served(server, "127.0.0.1")).containsEntry("RULE", "prefix");
    }

    @Test
    void earlyRulesDenyBeforeTlsAndAnyOtherMatchSkipsTheRules() {
        try {
            Files.deleteIfExists(late);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // -X: late.cdb is missing, which lets everyone through
        assertThat(served(earlyServer, "127.0.0.1")).doesNotContainKeys("RULE", "EARLY");
        assertDenied(earlyServer, "127.0.0.2");

        Rules.compile(Rules.Compiler.DEBIAN, late, """
                127.0.0.3:deny
                :allow,RULE="late"
                """);
        assertThat(served(earlyServer, "127.0.0.1")).containsEntry("RULE", "late").doesNotContainKey("EARLY");
        // the early match (no deny) decides: late.cdb's deny for .3 is never read
        assertThat(served(earlyServer, "127.0.0.3")).containsEntry("EARLY", "yes").doesNotContainKey("RULE");
        assertDenied(earlyServer, "127.0.0.2");
    }

    /** The program's environment for a curl request from {@code from}; the request must succeed. */
    static Map<String, String> served(ServerProcess s, String from) {
        Tools.Result r = Peers.curl(pki, "--interface", from, "https://localhost:" + s.port() + "/");
        assertThat(r.exit()).as("curl from " + from + ": " + r + "\nlog:\n" + s.logText()).isZero();
        return Peers.environment(r.stdout());
    }

    /** A client from {@code from} is denied: closed before any TLS, with the deny and end lines. */
    static void assertDenied(ServerProcess s, String from) {
        try (Socket socket = Peers.plain(from, "127.0.0.1", s.port())) {
            assertThat(Peers.readToEnd(socket)).as("bytes a denied client gets").isEmpty();
            String remotePort = Integer.toString(socket.getLocalPort());
            long id = Long.parseLong(s.awaitLine("sslserver: deny (\\d+) [^ ]*:127\\.0\\.0\\.1:" + s.port() + " [^ ]*:"
                    + Pattern.quote(from) + "::" + remotePort).group(1));
            assertThat(s.connection(id)).containsExactly(
                    "sslserver: pid " + id + " from " + from,
                    s.awaitLine("sslserver: deny " + id + " .*").group(),
                    "sslserver: end " + id + " status 25600"); // exit 100
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Tools.Result r = Peers.curl(pki, "--interface", from, "https://localhost:" + s.port() + "/");
        assertThat(r.exit()).as("curl from a denied address").isNotZero();
        assertThat(r.stdout()).isEmpty();
    }

    /** A client is dropped (no TLS, no program) with the warning {@code why}, and ends with status 111. */
    static void assertDropped(ServerProcess s, String why) {
        int mark = s.mark();
        try (Socket socket = Peers.plain("127.0.0.1", "127.0.0.1", s.port())) {
            assertThat(Peers.readToEnd(socket)).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long id = Long.parseLong(s.awaitLine(mark, "sslserver: end (\\d+) status 28416", Tools.PATIENCE).group(1));
        assertThat(s.log().subList(mark, s.log().size())).as(s.logText()).containsSubsequence(
                "sslserver: pid " + id + " from 127.0.0.1",
                s.awaitLine(mark, "sslserver: warning: dropping SSL connection, " + why, Duration.ZERO).group(),
                "sslserver: end " + id + " status 28416");
        assertThat(s.connection(id)).containsExactly("sslserver: pid " + id + " from 127.0.0.1",
                "sslserver: end " + id + " status 28416");
    }
}
