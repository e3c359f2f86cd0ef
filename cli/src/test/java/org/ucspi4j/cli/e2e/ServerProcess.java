package org.ucspi4j.cli.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/sslserver} (or {@code bin/sslhandle}) as a child process: started with options, an
 * environment and a program, listening on port 0 of its host with {@code -1} so the test learns the
 * port; its stderr log is collected line by line and can be awaited by pattern.
 */
final class ServerProcess implements AutoCloseable {
    /** How long a server may take to start: a JVM start on a shared, busy machine. */
    static final Duration STARTUP = Duration.ofSeconds(90);

    private final Process process;
    private final List<String> log; // appended to by the reader thread; guarded by itself
    private final Thread logReader;
    private final int port;
    private final Map<String, String> environment;
    private final String name;

    private ServerProcess(String name, Process process, int port, Map<String, String> environment, List<String> log,
            Thread logReader) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.logReader = logReader;
    }

    static Builder in(Path dir) {
        return new Builder(dir);
    }

    /** Options, environment and program of one server; {@link #start} or {@link #runToExit}. */
    static final class Builder {
        private final Path dir;
        private final List<String> options = new ArrayList<>();
        private final Map<String, String> env = Launcher.baseEnvironment();
        private String launcher = "sslserver";
        private String host = "127.0.0.1";
        private final List<String> program = new ArrayList<>();
        private Path fd3;
        private int fileLimit;
        private List<String> runAs = List.of();
        private Path bin;
        private List<String> ignored = List.of();

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** Which server program: {@code sslserver} (the default) or {@code sslhandle}. */
        Builder launcher(String name) {
            launcher = name;
            return this;
        }

        Builder options(String... o) {
            options.addAll(List.of(o));
            return this;
        }

        List<String> options() {
            return List.copyOf(options);
        }

        Builder host(String h) {
            host = h;
            return this;
        }

        Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** The server certificate and key of the test PKI (a server needs one or the embedded default). */
        Builder pkiCertificate(Pki pki) {
            return env("CERTFILE", pki.file("server.pem").toString()).env("KEYFILE", pki.file("server.key").toString());
        }

        Builder program(String... argv) {
            program.addAll(List.of(argv));
            return this;
        }

        /**
         * Starts the server with {@code signals} (names, as "HUP") ignored, as {@code nohup} does:
         * an ignored disposition survives exec, so the JVM inherits it.
         */
        Builder ignoring(String... signals) {
            ignored = List.of(signals);
            return this;
        }

        /** Opens {@code file} on the server's fd 3 (for {@code -3}). */
        Builder fd3(Path file) {
            fd3 = file;
            return this;
        }

        /** Starts the server under {@code ulimit -n n} (soft and hard: the JVM cannot raise it). */
        Builder fileLimit(int n) {
            fileLimit = n;
            return this;
        }

        /**
         * Starts the launcher as {@code uid}/{@code gid} with no supplementary group (setpriv execs it:
         * one process id throughout), from {@code bin}, a copy of the launchers that user can reach
         * (see {@link Launcher#copyForAnyUser}).
         */
        Builder runAs(int uid, int gid, Path bin) {
            runAs = List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--");
            this.bin = bin;
            return this;
        }

        private Process launch(List<String> args) throws IOException {
            List<String> command = new ArrayList<>(runAs);
            if (fileLimit > 0) {
                command.addAll(List.of("/bin/sh", "-c", "ulimit -n " + fileLimit + " && exec \"$@\"", "sh"));
            }
            if (!ignored.isEmpty()) {
                command.addAll(List.of("/bin/sh", "-c", "trap '' " + String.join(" ", ignored) + " && exec \"$@\"", "sh"));
            }
            if (fd3 != null) {
                // sh opens fd 3 and execs the launcher, which execs the JVM: one process id throughout
                command.addAll(List.of("/bin/sh", "-c", "f=$1; shift; exec \"$@\" 3<\"$f\"", "sh", fd3.toString()));
            }
            command.add(bin == null ? Launcher.bin(launcher).toString() : bin.resolve(launcher).toString());
            command.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            return pb.start();
        }

        /**
         * Starts {@code sslserver -1 options host 0 program} and waits for the port. The listener is
         * up then; the TLS setup may still be running, so clients may wait in the backlog a moment.
         */
        ServerProcess start() {
            List<String> args = new ArrayList<>();
            args.add("-1");
            args.addAll(options);
            args.add(host);
            args.add("0");
            args.addAll(program);
            try {
                Process p = launch(args);
                List<String> log = new ArrayList<>();
                Thread reader = Thread.ofVirtual().start(() -> collect(p, log));
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
                String first = Tools.readLineWithin(out, STARTUP);
                if (first == null || !first.matches("\\d+")) {
                    p.destroyForcibly();
                    reader.join(5000);
                    synchronized (log) {
                        throw new AssertionError(launcher + " did not print its port (got " + first + "); log:\n"
                                + String.join("\n", log));
                    }
                }
                return new ServerProcess(launcher, p, Integer.parseInt(first), env, log, reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** Runs {@code args} (no {@code -1} added) and waits for the server to exit, as for startup errors. */
        Tools.Result runToExit(String... args) {
            try {
                Process p = launch(List.of(args));
                var out = Tools.drain(p.getInputStream());
                var err = Tools.drain(p.getErrorStream());
                p.getOutputStream().close();
                if (!p.waitFor(STARTUP.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError("sslserver did not exit: " + String.join(" ", args) + "\n"
                            + new String(err.join(), StandardCharsets.UTF_8));
                }
                return new Tools.Result(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void collect(Process p, List<String> log) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.ISO_8859_1))) {
            for (String line; (line = err.readLine()) != null; ) {
                synchronized (log) {
                    log.add(line);
                    log.notifyAll();
                }
            }
        } catch (IOException e) {
            // the server went away
        }
    }

    /** Starts every server at once (each is a JVM start, mostly waiting); in the builders' order. */
    static List<ServerProcess> startAll(Builder... builders) {
        List<CompletableFuture<ServerProcess>> starting = new ArrayList<>();
        for (Builder b : builders) {
            starting.add(CompletableFuture.supplyAsync(b::start, Thread::startVirtualThread));
        }
        List<ServerProcess> started = new ArrayList<>();
        AssertionError failure = null;
        for (var f : starting) {
            try {
                started.add(f.join());
            } catch (CompletionException e) {
                failure = failure == null ? new AssertionError(e.getCause()) : failure;
            }
        }
        if (failure != null) {
            started.forEach(ServerProcess::close);
            throw failure;
        }
        return started;
    }

    int port() {
        return port;
    }

    /** The program's name, which starts its log lines. */
    String name() {
        return name;
    }

    /** The environment the server was started with (its programs inherit it). */
    Map<String, String> environment() {
        return environment;
    }

    long pid() {
        return process.pid();
    }

    /** The log lines so far. */
    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    String logText() {
        return String.join("\n", log());
    }

    /** The first log line matching {@code regex} (whole line), waiting up to {@code within} for it. */
    Matcher awaitLine(String regex, Duration within) {
        return awaitLine(0, regex, within);
    }

    /** How many lines the log has now: a mark for {@link #awaitLine(int, String, Duration)}. */
    int mark() {
        synchronized (log) {
            return log.size();
        }
    }

    /** The first log line from index {@code from} on that matches {@code regex}, waiting up to {@code within}. */
    Matcher awaitLine(int from, String regex, Duration within) {
        return awaitMatches(from, regex, 1, within).getFirst();
    }

    Matcher awaitLine(String regex) {
        return awaitLine(regex, Tools.PATIENCE);
    }

    /** Waits until {@code count} log lines match {@code regex}; returns them. */
    List<Matcher> awaitLines(String regex, int count, Duration within) {
        return awaitMatches(0, regex, count, within);
    }

    /** Waits until {@code count} log lines from index {@code from} on match {@code regex}; returns them. */
    List<Matcher> awaitLines(int from, String regex, int count, Duration within) {
        return awaitMatches(from, regex, count, within);
    }

    /** Every log line from index {@code from} on that matches {@code regex}. */
    List<Matcher> lines(int from, String regex) {
        Pattern p = Pattern.compile(regex);
        List<String> all = log();
        List<Matcher> out = new ArrayList<>();
        for (String line : all.subList(Math.min(from, all.size()), all.size())) {
            Matcher m = p.matcher(line);
            if (m.matches()) {
                out.add(m);
            }
        }
        return out;
    }

    private List<Matcher> awaitMatches(int from, String regex, int count, Duration within) {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (log) {
            while (true) {
                List<Matcher> found = new ArrayList<>();
                for (String line : log.subList(Math.min(from, log.size()), log.size())) {
                    Matcher m = p.matcher(line);
                    if (m.matches() && found.size() < count) {
                        found.add(m);
                    }
                }
                if (found.size() == count) {
                    return found;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(count + " log line(s) matching " + regex + " expected within " + within
                            + "; log:\n" + String.join("\n", log));
                }
                try {
                    log.wait(Math.max(1, left / 1_000_000)); // the reader notifies on each new line
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Every log line matching {@code regex} so far. */
    List<Matcher> lines(String regex) {
        Pattern p = Pattern.compile(regex);
        List<Matcher> out = new ArrayList<>();
        for (String line : log()) {
            Matcher m = p.matcher(line);
            if (m.matches()) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The log lines of one connection, by its number in the {@code pid N from IP} line, once its
     * {@code end} line is there.
     */
    List<String> connection(long id) {
        awaitLine(name + ": end " + id + " status \\d+");
        return log().stream().filter(l -> l.matches(name + ": [a-z]+ " + id + "( .*)?")).toList();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM; the exit code. */
    int terminate() {
        process.destroy(); // SIGTERM
        return awaitExit(Tools.PATIENCE).orElseThrow(() -> new AssertionError("sslserver ignored SIGTERM"));
    }

    Optional<Integer> awaitExit(Duration within) {
        try {
            if (process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                // programs inherit the server's stderr and may hold it open: take what is there, do not wait for its end
                logReader.join(500);
                return Optional.of(process.exitValue());
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (awaitExit(Duration.ofSeconds(10)).isEmpty()) {
                process.destroyForcibly();
            }
        }
    }
}
