package org.ucspi4j.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Debian C tools unpacked by {@code bin/lib/test-deps.sh} ({@code $UCSPI4J_REF_DIR}, default
 * {@code /opt/ucspi4j-reference}, with {@code djb/} = ucspi-tcp and {@code fefe/} = ucspi-tcp-ipv6),
 * our launchers, and running either as a process under a timeout.
 */
final class CTools {
    private CTools() {}

    static Path refDir() {
        String dir = System.getenv("UCSPI4J_REF_DIR");
        return Path.of(dir == null || dir.isEmpty() ? "/opt/ucspi4j-reference" : dir);
    }

    /** A C tool ({@code variant} djb or fefe); fails the test with a clear message when it is missing. */
    static Path tool(String variant, String name) {
        Path p = refDir().resolve(variant).resolve("usr/bin").resolve(name);
        if (!Files.isExecutable(p)) {
            fail("The C reference tool " + p + " is missing. The differential tests need Debian's ucspi-tcp and "
                    + "ucspi-tcp-ipv6 unpacked under " + refDir() + " (or $UCSPI4J_REF_DIR): run bin/test or .ci/run "
                    + "as root once (bin/lib/test-deps.sh: apt-get download + dpkg-deb -x).");
        }
        return p;
    }

    /** The checkout the tests run from (the cli pom passes it). */
    static Path home() {
        String home = System.getProperty("ucspi4j.home");
        if (home == null) {
            fail("system property ucspi4j.home is not set (run through Maven: ./mvnw verify -pl cli -am)");
        }
        return Path.of(home).toAbsolutePath().normalize();
    }

    /** Our launcher for {@code program} (bin/tcprules, ...: links to bin/ucspi4j). */
    static Path launcher(String program) {
        return home().resolve("bin").resolve(program);
    }

    /** The environment the launchers need: the jar under test and the JDK running the tests. */
    static void launcherEnvironment(Map<String, String> env) {
        String jar = System.getProperty("ucspi4j.jar");
        if (jar != null) {
            env.put("UCSPI4J_JAR", jar);
        }
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.putIfAbsent("PATH", "/usr/bin:/bin");
    }

    /** What a process did. {@code timedOut}: it was killed after the timeout. */
    record Run(int exit, byte[] stdout, byte[] stderr, boolean timedOut) {}

    /**
     * Runs {@code command} in {@code dir} with stdin from {@code stdin} (or /dev/null), environment
     * {@code env} exactly (nothing inherited), killed after {@code timeoutSeconds}.
     */
    static Run run(List<String> command, Path dir, Path stdin, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                : ProcessBuilder.Redirect.from(stdin.toFile()));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            p.waitFor();
        }
        Run run = new Run(done ? p.exitValue() : -1, Files.readAllBytes(out), Files.readAllBytes(err), !done);
        Files.delete(out);
        Files.delete(err);
        return run;
    }
}
