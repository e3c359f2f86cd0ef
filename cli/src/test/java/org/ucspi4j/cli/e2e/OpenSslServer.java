package org.ucspi4j.cli.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code openssl s_server} on a free port of 127.0.0.1 for one connection ({@code -naccept 1}): the
 * peer sslclient talks to. Its standard input is held by the test: lines written there go to the
 * client, and closing it makes s_server close the connection ({@code DONE}; it sends no close_notify
 * then).
 * Its output (the client's data and its reports) collects in {@link #output()}.
 */
final class OpenSslServer implements AutoCloseable {
    private final Process process;
    private final OutputStream stdin;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Thread reader;
    private final int port;

    private OpenSslServer(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.reader = Thread.ofVirtual().start(this::collect);
        Matcher m = awaitOutput(Pattern.compile("(?m)^ACCEPT 127\\.0\\.0\\.1:(\\d+)$"), Tools.PATIENCE);
        this.port = Integer.parseInt(m.group(1));
    }

    /** {@code s_server -cert cert -key key args...} in the PKI's directory, listening once it returns. */
    static OpenSslServer start(Pki pki, String cert, String key, String... args) {
        List<String> cmd = Tools.command("openssl", "s_server", "-accept", "127.0.0.1:0", "-naccept", "1",
                "-cert", cert, "-key", key);
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(pki.dir().toFile()).redirectErrorStream(true).start();
            return new OpenSslServer(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    private void collect() {
        byte[] buf = new byte[4096];
        try (InputStream in = process.getInputStream()) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                synchronized (output) {
                    output.write(buf, 0, n);
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            // s_server went away
        }
    }

    String output() {
        synchronized (output) {
            return output.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Waits for {@code regex} to occur in the output; its match. */
    Matcher awaitOutput(Pattern regex, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (output) {
            while (true) {
                Matcher m = regex.matcher(output.toString(StandardCharsets.ISO_8859_1));
                if (m.find()) {
                    return m;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(regex + " expected from s_server within " + within + "; it said:\n"
                            + output.toString(StandardCharsets.ISO_8859_1));
                }
                try {
                    output.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Waits for a line equal to {@code line}. */
    void awaitLine(String line) {
        awaitOutput(Pattern.compile("(?m)^" + Pattern.quote(line) + "\r?$"), Tools.PATIENCE);
    }

    /** Sends {@code text} to the client. */
    void send(String text) {
        try {
            stdin.write(text.getBytes(StandardCharsets.ISO_8859_1));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes s_server's input: it closes the connection (without close_notify) and exits. */
    void finish() {
        try {
            stdin.close();
        } catch (IOException e) {
            // gone already
        }
    }

    /** Kills s_server at once (SIGKILL): the kernel closes the connection without close_notify. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** Stops s_server (SIGSTOP), so what the client sends stays unread in its socket. */
    void stop() {
        Tools.Result r = Tools.run(java.nio.file.Path.of("/"), Tools.command("kill", "-STOP", Long.toString(pid())));
        if (r.exit() != 0) {
            throw new AssertionError("kill -STOP failed: " + r);
        }
    }

    void awaitExit() {
        try {
            if (!process.waitFor(Tools.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("s_server did not exit; it said:\n" + output());
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
