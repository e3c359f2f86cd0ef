package org.ucspi4j.runtime.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.ucspi4j.runtime.posix.PosixTestSupport.bytes;
import static org.ucspi4j.runtime.posix.PosixTestSupport.readAll;
import static org.ucspi4j.runtime.posix.PosixTestSupport.writeAll;

import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivilegesTest {

    @Test
    void idsOfThisProcess() throws Exception {
        Path self = Path.of("/proc/self");
        assertThat(Privileges.uid()).isEqualTo(Files.getAttribute(self, "unix:uid"));
        assertThat(Privileges.gid()).isEqualTo(Files.getAttribute(self, "unix:gid"));
        assertThat(Privileges.effectiveUid()).isEqualTo(Privileges.uid());
        assertThat(Privileges.effectiveGid()).isEqualTo(Privileges.gid());
    }

    /** Starts PrivilegesHelper in a JVM of its own, with fd 3 as given, and returns its stdout. */
    private static String helper(FdMap extra, byte[] fd3, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-cp", classPath(Libc.class) + ":" + classPath(PrivilegesHelper.class),
                PrivilegesHelper.class.getName()));
        argv.addAll(List.of(args));
        Pipe out = Pipe.open();
        Pipe in = Pipe.open();
        FdMap fds = extra.with(1, Fds.fdOf(out.sink())).inherit(2).with(3, Fds.fdOf(in.source()));
        Child child;
        try {
            child = Spawn.start(new SpawnRequest(argv.stream().map(PosixTestSupport::bytes).toArray(byte[][]::new),
                    PosixTestSupport.inheritedEnv(), fds));
        } finally {
            out.sink().close();
            in.source().close();
        }
        try (var sink = in.sink()) {
            writeAll(sink, fd3);
        }
        String stdout;
        try (var source = out.source()) {
            stdout = new String(readAll(source), StandardCharsets.US_ASCII);
        }
        assertThat(child.waitFor().exitCode()).as(stdout).isZero();
        return stdout;
    }

    private static String classPath(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void dropAppliesToEveryThreadOfTheJvm() throws Exception {
        assumeTrue(Privileges.uid() == 0, "needs root");
        String out = helper(FdMap.empty(), bytes("secret\0"), "drop");
        System.out.print(out);
        List<String> lines = out.lines().toList();
        assertThat(lines).contains("fd3=secret\\0", "ids=65534 65534 65534 65534", "setuid0=EPERM");
        List<String> tasks = lines.stream().filter(l -> l.startsWith("task ")).toList();
        int threads = Integer.parseInt(lines.stream().filter(l -> l.startsWith("threads=")).findFirst().orElseThrow()
                .substring("threads=".length()));
        // A JVM has a dozen or more threads (GC, JIT, reference handler, ... and our three idle ones).
        assertThat(tasks).hasSize(threads).hasSizeGreaterThan(8);
        assertThat(tasks).allSatisfy(task -> assertThat(task)
                .endsWith(" uid=65534 65534 65534 65534 gid=65534 65534 65534 65534 groups=65534"));
    }

}
