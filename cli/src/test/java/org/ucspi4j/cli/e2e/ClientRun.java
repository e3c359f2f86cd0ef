package org.ucspi4j.cli.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One run of a client program ({@code sslclient}, {@code sslcat}, {@code sslconnect}, {@code https@})
 * through its launcher in {@code dir}, with the small known environment of {@link Launcher}, so a
 * program's environment dump shows what sslclient set. Optionally with a pipe on fd 3 ({@code -3})
 * that its writer keeps open.
 */
final class ClientRun {
    private final Path dir;
    private final String program;
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = Launcher.baseEnvironment();
    private byte[] stdin = new byte[0];
    private List<String> fd3 = List.of();

    private ClientRun(Path dir, String program) {
        this.dir = dir;
        this.program = program;
    }

    static ClientRun of(Path dir, String program, String... args) {
        return new ClientRun(dir, program).args(args);
    }

    ClientRun args(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    ClientRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    ClientRun stdin(String text) {
        stdin = text.getBytes(StandardCharsets.ISO_8859_1);
        return this;
    }

    /**
     * A pipe on fd 3 carrying {@code text} and a NUL, whose writer keeps it open (no end of file)
     * until {@code release} exists.
     */
    ClientRun fd3Held(String text, Path release) {
        // the writer gives up after two minutes: beyond the run's deadline, so a reader that waits for
        // end of file fails the run, and no writer is left behind for long
        fd3 = List.of("/bin/sh", "-c", "{ printf '%s\\0' \"$1\"; i=0; while [ ! -e \"$2\" ] && [ $i -lt 1200 ]; do"
                + " sleep 0.1; i=$((i+1)); done; } | { shift 2; exec \"$@\" 3<&0 </dev/null; }", "sh", text,
                release.toString());
        return this;
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        // env -i: nothing of the test JVM's environment
        command.addAll(List.of("env", "-i"));
        env.forEach((k, v) -> command.add(k + "=" + v));
        command.addAll(fd3);
        command.add(Launcher.bin(program).toString());
        command.addAll(args);
        return command;
    }

    /** Runs it to its end (killed after {@link Peers#PEER_TIMEOUT}, exit -1). */
    Tools.Result run() {
        return Tools.run(dir, Map.of(), stdin, Peers.PEER_TIMEOUT, command());
    }

    /** Runs it on a virtual thread, for tests that play the server's part meanwhile. */
    CompletableFuture<Tools.Result> start() {
        List<String> command = command();
        return CompletableFuture.supplyAsync(() -> Tools.run(dir, Map.of(), stdin, Peers.PEER_TIMEOUT, command),
                Thread::startVirtualThread);
    }
}
