package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The short tools start from the AOT cache alone: every class a small tcprules or tcprulescheck run
 * loads comes from the cache, none from the jar. One class from the jar means the JVM opens and
 * indexes the 13 MB jar at start, about 10 ms of a 40 ms run (it happened once: a catch clause for a
 * picocli exception, whose Java 5 class cannot be cached, made the JVM load it while linking a
 * cached class at startup).
 */
class ShortToolStartupIT {
    @TempDir
    Path dir;

    /** The launcher uses a cache only while it is newer than the jar; without one there is nothing to test. */
    static void assumeFreshCache(String name) throws java.io.IOException {
        Path aot = Launcher.jar().resolveSibling(name);
        Assumptions.assumeTrue(Files.isRegularFile(aot) && Files.getLastModifiedTime(aot)
                .compareTo(Files.getLastModifiedTime(Launcher.jar())) > 0, "no " + name + " newer than the jar");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcprules", "tcprulescheck"})
    void aSmallRunLoadsNoClassFromTheJar(String tool) throws Exception {
        assumeFreshCache("ucspi4j.aot");
        Path cdb = dir.resolve("rules.cdb");
        Tools.Result compiled = Tools.run(dir, Launcher.baseEnvironment(),
                "10.0.0.:allow,RELAYCLIENT=\"\"\n=.example.com:deny\n:allow\n".getBytes(StandardCharsets.US_ASCII),
                Tools.PATIENCE, List.of(Launcher.bin("tcprules").toString(), cdb.toString(), dir.resolve("rules.tmp").toString()));
        assertThat(compiled.exit()).as(compiled.toString()).isZero();

        Path log = dir.resolve(tool + ".classes");
        Map<String, String> env = Launcher.baseEnvironment();
        env.put("UCSPI4J_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        env.put("TCPREMOTEIP", "10.0.0.1");
        List<String> command = tool.equals("tcprules")
                ? List.of(Launcher.bin("tcprules").toString(), "--dialect=djb", cdb.toString(), dir.resolve("rules.tmp").toString())
                : List.of(Launcher.bin("tcprulescheck").toString(), cdb.toString());
        Tools.Result r = Tools.run(dir, env, "1.2.3.4:deny\n:allow\n".getBytes(StandardCharsets.US_ASCII),
                Tools.PATIENCE, command);
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("classes loaded").hasSizeGreaterThan(500);
        assertThat(lines).as("classes loaded from the jar").noneMatch(l -> l.contains("source: file:") || l.contains("source: jar:"));
    }

    /**
     * The rule tools have a cache of their own (the launcher picks it by subcommand). A usual lint
     * command line is read without picocli, so no class comes from the jar; one that picocli reads
     * (a value after a blank) loads picocli's from the jar (Java 5 class files, which the cache
     * does not take), but still all of ucspi4j's from the cache.
     */
    @ParameterizedTest
    @ValueSource(strings = {"--dialect=djb lint", "lint --dialect=djb", "lint --dialect djb"})
    void aSmallLintLoadsOurClassesFromItsOwnCache(String arguments) throws Exception {
        assumeFreshCache("ucspi4j-rules.aot");
        Path rules = dir.resolve("rules.txt");
        Files.writeString(rules, "1.2.3.4:deny\n1.2.3.4:allow\n10.0.0.0/8:allow\n:allow\n");
        Path log = dir.resolve("lint.classes");
        Map<String, String> env = Launcher.baseEnvironment();
        env.put("UCSPI4J_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        List<String> command = new java.util.ArrayList<>(List.of(Launcher.bin("tcprules").toString()));
        command.addAll(List.of(arguments.split(" ")));
        command.add(rules.toString());
        Tools.Result r = Tools.run(dir, env, new byte[0], Tools.PATIENCE, command);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("[TR030]");
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("classes loaded").anyMatch(l -> l.contains("org.ucspi4j.rules.lint.Linter "));
        boolean picocli = arguments.contains("--dialect djb");
        assertThat(lines).as("classes loaded from the jar")
                .noneMatch(l -> (!picocli || l.contains("org.ucspi4j.")) && (l.contains("source: file:") || l.contains("source: jar:")));
        if (picocli) {
            assertThat(lines).as("picocli loaded").anyMatch(l -> l.contains(" picocli."));
        } else {
            assertThat(lines).as("picocli loaded").noneMatch(l -> l.contains(" picocli."));
        }
    }

    /** The clients have a cache of their own: a run of sslclient loads its own classes from it. */
    @org.junit.jupiter.api.Test
    void aClientRunLoadsItsClassesFromItsOwnCache() throws Exception {
        assumeFreshCache("ucspi4j-clients.aot");
        Path log = dir.resolve("sslclient.classes");
        Map<String, String> env = Launcher.baseEnvironment();
        env.put("UCSPI4J_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        // nothing listens on port 1: the run ends at the connect, after the start-up this is about
        Tools.Result r = Tools.run(dir, env, new byte[0], Tools.PATIENCE,
                List.of(Launcher.bin("sslclient").toString(), "-X", "127.0.0.1", "1", "/bin/true"));
        assertThat(r.exit()).as(r.toString()).isEqualTo(110); // unable to connect
        List<String> lines = Files.readAllLines(log);
        for (String name : List.of("org.ucspi4j.cli.Main", "org.ucspi4j.runtime.client.SslClient")) {
            assertThat(lines).as(name).anyMatch(l -> l.contains(" " + name + " source: shared objects file"));
        }
        // a C command line is read without picocli (its set-up was a third of a connection's time)
        assertThat(lines).as("picocli loaded").noneMatch(l -> l.contains(" picocli."));
    }

    /**
     * sslserver reads a C command line without picocli either: picocli's set-up was 136 ms of a
     * server's start (its classes cannot be cached), a quarter of what a restart costs.
     */
    @org.junit.jupiter.api.Test
    void aServerStartsWithoutPicocli() throws Exception {
        Path log = dir.resolve("sslserver.classes");
        try (ServerProcess server = ServerProcess.in(dir).options("-vRHl0", "-c", "5", "-T", "9").host("127.0.0.1")
                .pkiCertificate(Pki.get()).env("UCSPI4J_JAVA_OPTS", "-Xlog:class+load=info:file=" + log)
                .program("/bin/true").start()) {
            assertThat(server.port()).isPositive();
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("classes loaded").anyMatch(l -> l.contains(" org.ucspi4j.runtime.server.SslServer "));
        assertThat(lines).as("picocli loaded").noneMatch(l -> l.contains(" picocli."));
    }
}
