package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After {@code -u nobody -g nogroup} (as root): the key, a 0600 file owned by root, was read before
 * the drop and the server speaks TLS with it; the program, running as nobody, can neither bind a port
 * below 1024 nor read a root-only file; and the server JVM itself runs as nobody in every thread,
 * with no capabilities left, so it cannot either.
 */
class SslServerPrivilegeDropIT {
    static final int NOBODY = 65534;
    static final int NOGROUP = 65534;

    @TempDir
    Path dir;

    @Test
    void afterTheDropNeitherTheProgramNorTheServerCanBindALowPortOrReadARootOnlyFile() throws Exception {
        assumeTrue(Tools.isRoot(), "needs root");
        int unprivilegedFrom = Integer.parseInt(new String(org.ucspi4j.runtime.posix.ProcFiles.read("/proc/sys/net/ipv4/ip_unprivileged_port_start"),
                java.nio.charset.StandardCharsets.US_ASCII).strip());
        int lowPort = freeLowPort(unprivilegedFrom);
        assumeTrue(lowPort > 0, "no privileged port free to try");

        Pki pki = Pki.get();
        Path key = dir.resolve("root-only.key");
        Files.copy(pki.file("server.key"), key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "root only\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getOwner(key).getName()).isEqualTo("root");
        // nobody must reach its program, not the key or the secret
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path probe = Programs.python(dir, "probe.py", """
                import os, socket, sys
                out = ["uid=" + str(os.getuid()), "gid=" + str(os.getgid()),
                       "groups=" + ",".join(map(str, os.getgroups()))]
                try:
                    s = socket.socket()
                    s.bind(("127.0.0.1", LOW_PORT))
                    out.append("bind=ok")
                except OSError as e:
                    out.append("bind=" + e.strerror)
                try:
                    open(sys.argv[1]).read()
                    out.append("read=ok")
                except OSError as e:
                    out.append("read=" + e.strerror)
                print(" ".join(out))
                """.replace("LOW_PORT", Integer.toString(lowPort)));
        try (ServerProcess s = ServerProcess.in(dir).options("-v", "-u", Integer.toString(NOBODY), "-g",
                        Integer.toString(NOGROUP)).env("CERTFILE", pki.file("server.pem").toString())
                .env("KEYFILE", key.toString()).program(probe.toString(), secret.toString()).start()) {
            Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", s.port());
            assertThat(r.exit()).as(r + s.logText()).isZero();
            assertThat(r.established()).isTrue();
            assertThat(r.text()).isEqualTo("uid=" + NOBODY + " gid=" + NOGROUP + " groups=" + NOGROUP
                    + " bind=Permission denied read=Permission denied\n");

            // the JVM: one process, every thread dropped, no capability left
            Map<String, String> threads = ThreadStatus.of(s.pid());
            threads.forEach((tid, status) -> assertThat(status).as("thread " + tid)
                    .containsPattern(ThreadStatus.allIds("Uid", NOBODY))
                    .containsPattern(ThreadStatus.allIds("Gid", NOGROUP))
                    .containsPattern("(?m)^Groups:\\s+" + NOGROUP + "\\s*$")
                    .containsPattern("(?m)^CapEff:\\s+0+$")
                    .containsPattern("(?m)^CapPrm:\\s+0+$"));
            assertThat(threads).hasSizeGreaterThan(5);
            assertThat(Files.getPosixFilePermissions(secret)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE);
        }
    }

    /** A port below {@code unprivilegedFrom} that root can bind now (80 if free), or 0. */
    private static int freeLowPort(int unprivilegedFrom) {
        for (int port = 80; port < Math.min(unprivilegedFrom, 1024); port++) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException e) {
                // taken; try the next
            }
        }
        return 0;
    }
}
