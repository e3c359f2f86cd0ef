package org.ucspi4j.runtime.posix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** Helpers for tests that run real children over real fds. */
final class PosixTestSupport {
    private PosixTestSupport() {}

    static final String[] PLAIN_ENV = {"PATH=/usr/bin:/bin", "LC_ALL=C"};

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** This JVM's environment as raw entries (the test env is ASCII). */
    static byte[][] inheritedEnv() {
        return System.getenv().entrySet().stream()
                .map(e -> bytes(e.getKey() + "=" + e.getValue()))
                .toArray(byte[][]::new);
    }

    static byte[] readAll(ReadableByteChannel channel) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (channel.read(buffer) >= 0) {
            buffer.flip();
            out.write(buffer.array(), 0, buffer.limit());
            buffer.clear();
        }
        return out.toByteArray();
    }

    static void writeAll(WritableByteChannel channel, byte[] data) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Runs {@code task} on a virtual thread, as the server does its I/O. */
    static <T> CompletableFuture<T> virtual(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** pids of this JVM's children that are zombies right now. */
    static List<Integer> zombieChildren() throws IOException {
        long self = ProcessHandle.current().pid();
        List<Integer> zombies = new ArrayList<>();
        try (var dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : dirs) {
                String stat;
                try {
                    stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
                } catch (IOException gone) {
                    continue;
                }
                // "pid (comm) S ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
                String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                if (rest[0].equals("Z") && Long.parseLong(rest[1]) == self) {
                    zombies.add(Integer.parseInt(dir.getFileName().toString()));
                }
            }
        }
        return zombies;
    }
}
