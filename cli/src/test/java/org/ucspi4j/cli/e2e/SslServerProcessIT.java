package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as a process: SIGTERM, the program's arguments and exit status, and the privilege drop as
 * root ({@code -u}/{@code -g}, {@code -U}).
 */
class SslServerProcessIT {
    @TempDir
    Path dir;

    @Test
    void sigtermEndsTheServerButNotARunningProgram() throws IOException, InterruptedException {
        Pki pki = Pki.get();
        Path marker = dir.resolve("survived");
        try (ServerProcess s = ServerProcess.in(dir).options("-v").pkiCertificate(pki)
                .program(Programs.survivor(dir, marker).toString()).start();
                Peers.Interactive c = new Peers.Interactive(pki, "127.0.0.1", s.port())) {
            assertThat(c.awaitOutput("started\n", Tools.PATIENCE)).as(c.report()).isTrue();
            long started = System.nanoTime();
            assertThat(s.terminate()).isZero();
            assertThat(Files.exists(marker)).as("the program is still sleeping after "
                    + Duration.ofNanos(System.nanoTime() - started)).isFalse();
            long deadline = System.nanoTime() + Tools.PATIENCE.toNanos();
            while (!Files.exists(marker) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(marker).as("the program ran on after the server had gone").hasContent("alive");
        }
    }

    @Test
    void argumentsReachTheProgramAndItsExitStatusIsLogged() {
        Pki pki = Pki.get();
        try (ServerProcess s = ServerProcess.in(dir).options("-v").pkiCertificate(pki)
                .program("/bin/sh", "-c", "echo \"$0 $1\"; exit 3", "first arg", "second").start()) {
            Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", s.port());
            assertThat(r.text()).isEqualTo("first arg second\n");
            s.awaitLine("sslserver: end \\d+ status 768"); // the raw wait status of exit 3
        }
    }

    @Test
    void rootDropsToTheGivenUserAndGroupBeforeServing() throws IOException {
        assumeTrue(Tools.isRoot(), "needs root");
        Pki pki = Pki.get();
        // the service user must reach its program; the key stays readable by root only
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.getPosixFilePermissions(pki.file("server.key"))).doesNotContain(
                java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
        String ids = Programs.ids(dir).toString();
        try (ServerProcess s = ServerProcess.in(dir).options("-u", "65534", "-g", "65533").pkiCertificate(pki)
                .program(ids).start()) {
            Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", s.port());
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.text()).isEqualTo("uid=65534 gid=65533 groups=65533\n");
        }
        try (ServerProcess s = ServerProcess.in(dir).options("-U").env("UID", "65532").env("GID", "65531")
                .pkiCertificate(pki).program(ids).start()) {
            Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", s.port());
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.text()).isEqualTo("uid=65532 gid=65531 groups=65531\n");
        }
    }
}
