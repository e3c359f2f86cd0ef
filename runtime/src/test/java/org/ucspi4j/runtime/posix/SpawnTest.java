package org.ucspi4j.runtime.posix;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ucspi4j.runtime.posix.PosixTestSupport.PLAIN_ENV;
import static org.ucspi4j.runtime.posix.PosixTestSupport.bytes;
import static org.ucspi4j.runtime.posix.PosixTestSupport.readAll;
import static org.ucspi4j.runtime.posix.PosixTestSupport.virtual;
import static org.ucspi4j.runtime.posix.PosixTestSupport.writeAll;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real children over real fds. */
class SpawnTest {

    /** Runs argv[0] with fd 1 on a pipe and 2 inherited; returns stdout and the exit status. */
    private static Map.Entry<byte[], ExitStatus> run(byte[][] argv, byte[][] envp, FdMap extra) throws Exception {
        return run(new SpawnRequest(argv, envp, extra));
    }

    /** Runs the request with fd 1 also on a pipe and 2 inherited. */
    private static Map.Entry<byte[], ExitStatus> run(SpawnRequest request) throws Exception {
        Pipe out = Pipe.open();
        FdMap fds = request.fds().with(1, Fds.fdOf(out.sink())).inherit(2);
        Child child;
        try {
            child = Spawn.start(new SpawnRequest(request.program(), request.argv(), request.envp(), fds,
                    request.searchPath()));
        } finally {
            out.sink().close();
        }
        byte[] stdout;
        try (var source = out.source()) {
            stdout = readAll(source);
        }
        return Map.entry(stdout, child.waitFor());
    }

    private static byte[][] env(String... entries) {
        return Arrays.stream(entries).map(PosixTestSupport::bytes).toArray(byte[][]::new);
    }

    private static String text(byte[] b) {
        return new String(b, US_ASCII);
    }

    @Test
    void sslclientStyleFds6And7() throws Exception {
        Pipe toChild = Pipe.open();
        Pipe fromChild = Pipe.open();
        int fromChildSink = Fds.fdOf(fromChild.sink());
        // 1 and 7 share one source, as sslserver -n shares the socket on 0 and 1.
        FdMap fds = FdMap.empty().with(1, fromChildSink).inherit(2)
                .with(6, Fds.fdOf(toChild.source())).with(7, fromChildSink);
        Child child = Spawn.start(SpawnRequest.of(fds, PLAIN_ENV, "/bin/sh", "-c", "echo hi >&7; cat <&6"));
        toChild.source().close();
        fromChild.sink().close();

        byte[] payload = new byte[200_000]; // more than a pipe buffer, so both sides must really stream
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        CompletableFuture<Void> writer = virtual(() -> {
            try (var sink = toChild.sink()) {
                writeAll(sink, payload);
            }
            return null;
        });
        byte[] received = virtual(() -> {
            try (var source = fromChild.source()) {
                return readAll(source);
            }
        }).get();
        writer.get();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(bytes("hi\n"));
        expected.writeBytes(payload);
        assertThat(received).isEqualTo(expected.toByteArray());
        assertThat(child.waitFor()).isEqualTo(ExitStatus.ofExit(0));
    }

    @Test
    void childHasOnlyTheMappedFds() throws Exception {
        // A pipe the JVM holds without close-on-exec must still not reach the child.
        Pipe leaky = Pipe.open();
        Pipe other = Pipe.open();
        try {
            Libc.fcntl(Fds.fdOf(leaky.source()), 2 /* F_SETFD */, 0);
            // sh forks ls, which lists the shell's fds (listing /proc/self/fd would show ls's own directory fd).
            Map.Entry<byte[], ExitStatus> result = run(
                    new byte[][] {bytes("/bin/sh"), bytes("-c"), bytes("ls /proc/$$/fd; true")}, env(PLAIN_ENV),
                    FdMap.empty().with(5, Fds.fdOf(other.source())).with(9, Fds.fdOf(other.sink())));
            assertThat(text(result.getKey()).split("\n")).containsExactly("1", "2", "5", "9");
            assertThat(result.getValue().exitCode()).isZero();
        } finally {
            leaky.source().close();
            leaky.sink().close();
            other.source().close();
            other.sink().close();
        }
    }

    @Test
    void mappedFdsAreTheRightFiles() throws Exception {
        // The child reads "which pipe is this" through fd 3 and 4: each must be the pipe the parent named.
        Pipe a = Pipe.open();
        Pipe b = Pipe.open();
        try {
            writeAll(a.sink(), bytes("from-a\n"));
            writeAll(b.sink(), bytes("from-b\n"));
            a.sink().close();
            b.sink().close();
            Map.Entry<byte[], ExitStatus> result = run(
                    new byte[][] {bytes("/bin/sh"), bytes("-c"), bytes("cat <&4; cat <&3")}, env(PLAIN_ENV),
                    FdMap.empty().with(3, Fds.fdOf(a.source())).with(4, Fds.fdOf(b.source())));
            assertThat(text(result.getKey())).isEqualTo("from-b\nfrom-a\n");
        } finally {
            a.source().close();
            b.source().close();
        }
    }

    @Test
    void sourceFdEqualToAnotherTarget() throws Exception {
        // Child fd 0 is pipe a's read end and child fd <number of a's read end> is pipe b's write end:
        // applying the mappings with plain dup2 in either order would lose one of them.
        Pipe a = Pipe.open();
        Pipe b = Pipe.open();
        int aRead = Fds.fdOf(a.source());
        FdMap fds = FdMap.empty().with(0, aRead).with(aRead, Fds.fdOf(b.sink())).inherit(2);
        Child child = Spawn.start(new SpawnRequest(
                new byte[][] {bytes("/bin/bash"), bytes("-c"), bytes("cat >&\"$1\""), bytes("bash"),
                        bytes(Integer.toString(aRead))},
                env(PLAIN_ENV), fds));
        a.source().close();
        b.sink().close();
        try (var sink = a.sink()) {
            writeAll(sink, bytes("through a, out b\n"));
        }
        try (var source = b.source()) {
            assertThat(text(readAll(source))).isEqualTo("through a, out b\n");
        }
        assertThat(child.waitFor().exitCode()).isZero();
    }

    @Test
    void environmentAndArgumentsAreRawBytes() throws Exception {
        byte[] high = new byte[128];
        for (int i = 0; i < high.length; i++) {
            high[i] = (byte) (0x80 + i);
        }
        byte[] x = concat(bytes("X="), high);
        byte[][] envp = {bytes("PATH=/usr/bin:/bin"), x, bytes("EMPTY="), bytes("Z=last")};
        // env -0 prints the environment it got, NUL-separated, in order.
        Map.Entry<byte[], ExitStatus> env = run(new byte[][] {bytes("env"), bytes("-0")}, envp, FdMap.empty());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (byte[] entry : envp) {
            expected.writeBytes(entry);
            expected.write(0);
        }
        assertThat(env.getKey()).isEqualTo(expected.toByteArray());

        Map.Entry<byte[], ExitStatus> args = run(
                new byte[][] {bytes("/bin/sh"), bytes("-c"), bytes("printf '%s|' \"$0\" \"$@\""), high, bytes(""),
                        bytes("a b")},
                envp, FdMap.empty());
        assertThat(args.getKey()).isEqualTo(concat(high, bytes("||a b|")));
    }

    @Test
    @SuppressWarnings("restricted")
    void signalMaskIsEmptyAndDispositionsAreDefault() throws Exception {
        // Make the spawning thread's mask and the process's dispositions non-trivial first, so the
        // test shows that posix_spawn's attributes reset them: block SIGUSR1 and SIGWINCH in this
        // (platform) thread, and ignore SIGWINCH process-wide (the JVM does not use it).
        Linker linker = Linker.nativeLinker();
        MethodHandle sigmask = linker.downcallHandle(linker.defaultLookup().find("pthread_sigmask").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        ValueLayout.ADDRESS));
        MethodHandle signal = linker.downcallHandle(linker.defaultLookup().find("signal").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        int sigwinch = 28;
        CompletableFuture<String[]> result = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            long previous = 0;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment set = arena.allocate(128);
                set.set(ValueLayout.JAVA_LONG, 0, (1L << (Signals.SIGUSR1 - 1)) | (1L << (sigwinch - 1)));
                int rc = (int) sigmask.invokeExact(0 /* SIG_BLOCK */, set, MemorySegment.NULL);
                previous = (long) signal.invokeExact(sigwinch, 1L /* SIG_IGN */);
                String mine = new String(org.ucspi4j.runtime.posix.ProcFiles.read("/proc/thread-self/status"));
                String child = text(run(new byte[][] {bytes("cat"), bytes("/proc/self/status")}, env(PLAIN_ENV),
                        FdMap.empty()).getKey());
                result.complete(new String[] {mine, child, Integer.toString(rc)});
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                try {
                    long ignored = (long) signal.invokeExact(sigwinch, previous);
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            }
        });
        String[] statuses = result.get();
        assertThat(statuses[2]).isEqualTo("0");
        assertThat(field(statuses[0], "SigBlk")).isNotEqualTo(0L);
        assertThat(field(statuses[0], "SigIgn") & (1L << (sigwinch - 1))).isNotZero();
        assertThat(field(statuses[1], "SigBlk")).isZero();
        assertThat(field(statuses[1], "SigIgn")).isZero();
    }

    private static long field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseUnsignedLong(line.substring(name.length() + 1).trim(), 16);
            }
        }
        throw new AssertionError(name + " missing in " + status);
    }

    @Test
    void programIsSearchedInTheChildsPath(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("ucspi4j-hello");
        Files.writeString(script, "#!/bin/sh\necho found via \"$PATH\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        String path = "PATH=/nonexistent::" + dir + ":/usr/bin:/bin";
        Map.Entry<byte[], ExitStatus> result = run(new byte[][] {bytes("ucspi4j-hello")}, env(path), FdMap.empty());
        assertThat(text(result.getKey())).isEqualTo("found via " + path.substring(5) + "\n");

        // Without PATH in the environment the search uses /bin:/usr/bin, as execvp does.
        assertThat(text(run(new byte[][] {bytes("echo"), bytes("default")}, new byte[0][], FdMap.empty()).getKey()))
                .isEqualTo("default\n");

        // An explicit search path wins over the environment's.
        SpawnRequest explicit = new SpawnRequest(bytes("ucspi4j-hello"), new byte[][] {bytes("x")}, env(PLAIN_ENV),
                FdMap.empty(), bytes(dir.toString()));
        Map.Entry<byte[], ExitStatus> found = run(explicit);
        assertThat(text(found.getKey())).isEqualTo("found via /usr/bin:/bin\n");
        assertThat(found.getValue().exitCode()).isZero();
    }

    @Test
    void errorsCarryErrnoAndText(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Spawn.spawn(SpawnRequest.of(FdMap.empty(), PLAIN_ENV, "/nonexistent/prog")))
                .isInstanceOfSatisfying(PosixException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENOENT);
                    assertThat(e.description()).isEqualTo("No such file or directory");
                    assertThat(e.function()).isEqualTo("posix_spawn");
                    assertThat(e).hasMessage("posix_spawn /nonexistent/prog: No such file or directory (ENOENT)");
                });
        assertThatThrownBy(() -> Spawn.spawn(SpawnRequest.of(FdMap.empty(), PLAIN_ENV, "no-such-program-ucspi4j")))
                .isInstanceOfSatisfying(PosixException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));

        Path notExecutable = dir.resolve("data");
        Files.writeString(notExecutable, "#!/bin/sh\n");
        Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> Spawn.spawn(SpawnRequest.of(FdMap.empty(), PLAIN_ENV, notExecutable.toString())))
                .isInstanceOfSatisfying(PosixException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.EACCES);
                    assertThat(e.description()).isEqualTo("Permission denied");
                });
        // Found on PATH but not executable: EACCES, not ENOENT (execvp's rule).
        assertThatThrownBy(() -> Spawn.spawn(SpawnRequest.of(FdMap.empty(), new String[] {"PATH=" + dir}, "data")))
                .isInstanceOfSatisfying(PosixException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EACCES));

        Path garbage = dir.resolve("garbage");
        Files.write(garbage, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Files.setPosixFilePermissions(garbage, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> Spawn.spawn(SpawnRequest.of(FdMap.empty(), PLAIN_ENV, garbage.toString())))
                .isInstanceOfSatisfying(PosixException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOEXEC));

        assertThatThrownBy(() -> Spawn.spawn(new SpawnRequest(new byte[][] {bytes("/bin/sh"), {'a', 0, 'b'}},
                env(PLAIN_ENV), FdMap.empty()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Spawn.spawn(new SpawnRequest(new byte[0][], env(PLAIN_ENV), FdMap.empty())))
                .isInstanceOfSatisfying(PosixException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
    }

    @Test
    void aSourceFdThatIsNotOpenFailsTheSpawn() {
        // Far above anything this JVM has open: adddup2 rejects it, or the child's dup2 fails, both EBADF.
        assertThatThrownBy(() -> Spawn.spawn(SpawnRequest.of(FdMap.empty().with(0, 999_999), PLAIN_ENV, "/bin/true")))
                .isInstanceOfSatisfying(PosixException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBADF));
    }

    @Test
    void candidatesFollowExecvp() {
        List<String> c = Spawn.candidates(bytes("prog"), bytes("/a::/b/:")).stream().map(SpawnTest::text).toList();
        assertThat(c).containsExactly("/a/prog", "./prog", "/b/prog", "./prog");
    }

    @Test
    void spawnWithoutWaitingAndReapLater() throws Exception {
        int pid = Spawn.spawn(SpawnRequest.of(FdMap.empty(), PLAIN_ENV, "/bin/sh", "-c", "exit 7"));
        assertThat(pid).isPositive();
        Thread.sleep(Duration.ofMillis(50)); // likely a zombie by now; adopting it must still work
        Child child = ChildReaper.shared().adopt(pid);
        assertThat(child.waitFor()).isEqualTo(ExitStatus.ofExit(7));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
