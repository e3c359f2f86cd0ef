package org.ucspi4j.runtime.ucspi;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ucspi4j.runtime.posix.Child;
import org.ucspi4j.runtime.posix.ExitStatus;
import org.ucspi4j.runtime.posix.PosixException;
import org.ucspi4j.runtime.posix.Signals;

/** A program started for a connection, and the ways its end is collected. */
public final class RunningProgram {
    /** How long a program that closed its output may take to exit before it gets SIGTERM. */
    private static final Duration EXIT_GRACE = Duration.ofMillis(200);

    private final Child child;

    RunningProgram(Child child) {
        this.child = child;
    }

    /** SIGTERM, as the C tools send a program whose connection failed. */
    public void terminate() {
        try {
            child.signal(Signals.SIGTERM);
        } catch (PosixException e) {
            // already gone
        }
    }

    /** Completes when the program has ended (on the reaper's thread: act quickly). */
    public java.util.concurrent.CompletableFuture<ExitStatus> onExit() {
        return child.onExit();
    }

    /** Waits for the program's end; empty when it cannot be known. */
    public java.util.Optional<ExitStatus> await() throws InterruptedException {
        try {
            return java.util.Optional.of(child.onExit().get());
        } catch (ExecutionException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The status of a program whose session has ended. One still running gets SIGTERM, as from the C
     * server, after a short grace (C checks at once; a program that closes its output just before
     * exiting would otherwise be killed by a race).
     */
    public java.util.Optional<ExitStatus> endAfterSession() throws InterruptedException {
        try {
            child.onExit().get(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still running (or unknown): as in C
        }
        if (child.running()) {
            terminate();
        }
        return await();
    }
}
