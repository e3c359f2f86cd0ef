package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The .deb and the tarball on a machine without a JDK (issue 14): {@code packaging/test-package}
 * builds both from the jar just built, installs each in a minimal Debian 12 root (no Java in it),
 * runs tcprules, tcprulescheck, sslserver with sslclient and openssl s_client, and man from PATH,
 * checks the diversions of ucspi-tcp's and freecdb's files, and that removing the package (or
 * running the tarball's uninstall) leaves nothing behind. Its lines are printed here. It runs
 * alone: jlink and the AOT training keep both cores busy, and other classes measure time.
 */
@Isolated("jlink and the AOT training take both cores")
class PackageIT {
    @Test
    void theDebAndTheTarballInstallAndRunWithoutAJdk() throws Exception {
        assumeTrue(Tools.isRoot(), "needs root (overlay mounts, dpkg in a Debian root)");
        for (String tool : new String[] {"bwrap", "mmdebstrap", "unshare", "dpkg-deb"}) {
            assumeTrue(Tools.run(Path.of("/"), Tools.command("sh", "-c", "command -v " + tool)).exit() == 0,
                    "needs " + tool);
        }
        Path log = Launcher.jar().resolveSibling("package-test.log");
        ProcessBuilder pb = new ProcessBuilder(Launcher.home().resolve("packaging/test-package").toString())
                .directory(Launcher.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long start = System.nanoTime();
        Process p = pb.start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        System.out.print(out);
        System.out.printf("packaging/test-package: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        assertThat(done).as("packaging/test-package finished within 10 minutes:\n" + out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("package checks: [1-9][0-9]* passed, 0 failed");
    }
}
