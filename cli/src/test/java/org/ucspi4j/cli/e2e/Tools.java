package org.ucspi4j.cli.e2e;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real tools (openssl, curl, tcprules, the launcher) as child processes, with a deadline. */
final class Tools {
    private Tools() {}

    /**
     * How long to wait for something that should happen soon (a log line, a reply): only reached
     * when a test fails, so generous, since the machine may be shared and busy.
     */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    /** What a finished command left: exit code (-1 if it had to be killed), output, error output. */
    record Result(int exit, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out() + "\n--- stderr\n" + stderr;
        }
    }

    /** Runs {@code command} in {@code dir} with {@code stdin} as input; kills it after {@code timeout}. */
    static Result run(Path dir, Map<String, String> env, byte[] stdin, Duration timeout, List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            CompletableFuture<byte[]> out = drain(p.getInputStream());
            CompletableFuture<byte[]> err = drain(p.getErrorStream());
            try (var in = p.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // the tool may exit without reading its input
            }
            int exit;
            if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                exit = p.exitValue();
            } else {
                p.destroyForcibly().waitFor();
                exit = -1;
            }
            return new Result(exit, out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.getFirst() + " (is it installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Result run(Path dir, List<String> command) {
        return run(dir, Map.of(), new byte[0], Duration.ofSeconds(60), command);
    }

    /** Reads a stream to its end on a virtual thread. */
    static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (in) {
                in.transferTo(b);
            } catch (IOException e) {
                // closed under us (Process.destroy): what was read so far
            }
            return b.toByteArray();
        }, Thread::startVirtualThread);
    }

    /** {@code openssl args...} in {@code dir}, which must succeed; its standard output. */
    static String openssl(Path dir, String... args) {
        Result r = run(dir, command("openssl", args));
        if (r.exit() != 0) {
            throw new AssertionError("openssl " + String.join(" ", args) + " failed: " + r);
        }
        return r.out();
    }

    /** One line from {@code in}, or null at its end or after {@code within} (the process is then left alone). */
    static String readLineWithin(BufferedReader in, Duration within) throws InterruptedException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return in.readLine();
            } catch (IOException e) {
                return null;
            }
        }, Thread::startVirtualThread);
        try {
            return line.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    static List<String> command(String tool, String... args) {
        List<String> c = new ArrayList<>();
        c.add(tool);
        c.addAll(List.of(args));
        return c;
    }

    /** The system resolver's name for {@code ip} ({@code getent hosts}), as the server should find it. */
    static Optional<String> hostName(String ip) {
        Result r = run(Path.of("/"), command("getent", "hosts", ip));
        String[] f = r.out().strip().split("\\s+");
        return r.exit() == 0 && f.length >= 2 ? Optional.of(f[1]) : Optional.empty();
    }

    /** Key sizes of a suite as {@code openssl ciphers -v} reports them ({@code Enc=AESGCM(256)}). */
    static String encryptionBits(String suite) {
        String v = suite.startsWith("TLS_") ? openssl(Path.of("/"), "ciphers", "-v", "-s", "-tls1_3", "-ciphersuites", suite)
                : openssl(Path.of("/"), "ciphers", "-v", suite);
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(suite)
                + "\\s.*Enc=[^(]*\\((\\d+)\\)").matcher(v);
        if (!m.find()) {
            throw new AssertionError("openssl does not know " + suite + ":\n" + v);
        }
        return m.group(1);
    }

    static boolean isRoot() {
        return run(Path.of("/"), command("id", "-u")).out().strip().equals("0");
    }
}
