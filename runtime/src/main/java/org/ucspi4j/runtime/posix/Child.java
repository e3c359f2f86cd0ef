package org.ucspi4j.runtime.posix;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A spawned process that a {@link ChildReaper} waits for. */
public final class Child {
    private final ChildReaper reaper;
    private final ChildReaper.Watch watch;

    Child(ChildReaper reaper, ChildReaper.Watch watch) {
        this.reaper = reaper;
        this.watch = watch;
    }

    public int pid() {
        return watch.pid;
    }

    /** Completes with the wait status once the child has been reaped (a copy: completing it does nothing). */
    public CompletableFuture<ExitStatus> onExit() {
        return watch.exit.copy();
    }

    /** True until the child has been reaped. */
    public boolean running() {
        return !watch.exit.isDone();
    }

    /** Waits for the child (parks a virtual thread; nothing native blocks). */
    public ExitStatus waitFor() throws InterruptedException, IOException {
        try {
            return watch.exit.get();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /** Waits at most {@code timeout}; empty if the child is still running then. */
    public Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException, IOException {
        try {
            return Optional.of(watch.exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /**
     * Sends {@code signal} (see {@link Signals}) through the child's pidfd, so it cannot reach another
     * process that reuses the pid. Returns false if the child has already been reaped.
     */
    public boolean signal(int signal) throws PosixException {
        return reaper.signal(watch, signal);
    }

    private static IOException unwrap(ExecutionException e) {
        return e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }

    @Override
    public String toString() {
        return "Child[pid=" + watch.pid + (watch.exit.isDone() && !watch.exit.isCompletedExceptionally()
                ? ", " + watch.exit.join() : "") + "]";
    }
}
