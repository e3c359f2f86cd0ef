package org.ucspi4j.runtime.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.ucspi4j.runtime.ucspi.Numbers;

/**
 * Numbers for the log's {@code pid N} fields. The C server logs process ids; one JVM serves every
 * connection, so each connection gets a serial number instead, counted from the kernel's pid_max
 * upward: unique, in order, the same on every line of a connection, and never the id of a real
 * process (so a {@code kill N} copied from the log cannot hit one).
 */
final class ConnectionIds {
    private final AtomicLong next;

    public ConnectionIds() {
        this(pidMax());
    }

    ConnectionIds(long start) {
        this.next = new AtomicLong(start);
    }

    public long next() {
        return next.incrementAndGet();
    }

    static long pidMax() {
        try {
            return Long.parseLong(new String(org.ucspi4j.runtime.posix.ProcFiles.read("/proc/sys/kernel/pid_max"), java.nio.charset.StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return 4_194_304L; // Linux's largest pid_max
        }
    }
}
