package org.ucspi4j.cli.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the programs under test are: the checkout's {@code bin/} launchers (the failsafe plugin passes
 * {@code ucspi4j.home} and {@code ucspi4j.jar}), and the Debian C tools unpacked for comparison.
 */
final class Launcher {
    private Launcher() {}

    static Path home() {
        return Path.of(System.getProperty("ucspi4j.home", "..")).toAbsolutePath().normalize();
    }

    static Path jar() {
        return Path.of(System.getProperty("ucspi4j.jar", home().resolve("cli/target/ucspi4j.jar").toString()));
    }

    static Path bin(String program) {
        return home().resolve("bin").resolve(program);
    }

    /** Debian's (djb's) tcprules, or null when it is not unpacked here. */
    static Path debianTcprules() {
        String dir = System.getenv().getOrDefault("UCSPI4J_REF_DIR", "/opt/ucspi4j-reference");
        Path p = Path.of(dir, "djb/usr/bin/tcprules");
        return Files.isExecutable(p) ? p : null;
    }

    /**
     * A small, known environment for a launched program: a plain PATH, the JDK and the jar under test,
     * nothing inherited, so a program's environment dump shows only what sslserver set.
     */
    static Map<String, String> baseEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("UCSPI4J_JAR", jar().toString());
        return env;
    }
}
