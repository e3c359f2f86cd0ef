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

    /**
     * A copy of the launchers and the jar in {@code dir} that every user can read and run (a checkout
     * may sit in a folder only root can enter); the jar's copy is made the environment's
     * {@code UCSPI4J_JAR} by the caller. Returns the copy's {@code bin/}.
     */
    static Path copyForAnyUser(Path dir) throws java.io.IOException {
        var readable = java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x");
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin.resolve("lib"));
        Files.copy(home().resolve("bin/ucspi4j"), bin.resolve("ucspi4j"));
        try (var libs = Files.list(home().resolve("bin/lib"))) {
            for (Path lib : libs.toList()) {
                Files.copy(lib, bin.resolve("lib").resolve(lib.getFileName()));
            }
        }
        for (String program : new String[] {"sslserver", "sslhandle"}) {
            Files.createSymbolicLink(bin.resolve(program), Path.of("ucspi4j"));
        }
        Files.copy(jar(), dir.resolve("ucspi4j.jar"));
        for (Path p : new Path[] {dir, bin, bin.resolve("lib"), bin.resolve("ucspi4j"), dir.resolve("ucspi4j.jar")}) {
            Files.setPosixFilePermissions(p, readable);
        }
        return bin;
    }
}
