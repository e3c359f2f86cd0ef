package org.ucspi4j.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The kernel's view of each thread of a process: {@code /proc/PID/task/TID/status} by thread id. */
final class ThreadStatus {
    private ThreadStatus() {}

    static Map<String, String> of(long pid) {
        Map<String, String> statuses = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    statuses.put(task.getFileName().toString(), Files.readString(task.resolve("status")));
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return statuses;
    }

    /** The pattern of a {@code Uid:} or {@code Gid:} line with all four ids {@code id}. */
    static String allIds(String field, int id) {
        return "(?m)^" + field + ":\\s+" + id + "\\s+" + id + "\\s+" + id + "\\s+" + id + "$";
    }
}
