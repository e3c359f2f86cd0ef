package org.ucspi4j.runtime.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real peers and reference tools (openssl, gnutls-cli) for the differential tests. */
final class Tools {
    private Tools() {}

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** Runs a command in {@code dir} with {@code stdin} as its input, waiting at most 60 s. */
    static Result run(Path dir, byte[] stdin, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
            CompletableFuture<byte[]> out = drain(p.getInputStream());
            CompletableFuture<byte[]> err = drain(p.getErrorStream());
            try (var in = p.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // The tool may exit without reading its input.
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.getFirst() + " (is it installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                return b.toByteArray();
            } catch (IOException e) {
                return new byte[0];
            }
        }, Thread::startVirtualThread);
    }

    /** {@code openssl args...}, which must succeed; its standard output. */
    static String openssl(Path dir, String... args) {
        Result r = run(dir, new byte[0], command("openssl", args));
        if (r.exit() != 0) {
            throw new AssertionError("openssl " + String.join(" ", args) + " failed (" + r.exit() + "):\n" + r.err());
        }
        return r.out();
    }

    static List<String> command(String tool, String... args) {
        var c = new java.util.ArrayList<String>();
        c.add(tool);
        c.addAll(List.of(args));
        return c;
    }
}
