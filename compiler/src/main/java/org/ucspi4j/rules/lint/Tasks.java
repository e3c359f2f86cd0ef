package org.ucspi4j.rules.lint;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for the linter's work on other threads. */
final class Tasks {
    private Tasks() {}

    /** What {@code task} gave; its failure rethrown as it was, an interrupt as an I/O interruption. */
    static <T> T result(Future<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("lint interrupted");
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                case IOException io -> throw io;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }
}
