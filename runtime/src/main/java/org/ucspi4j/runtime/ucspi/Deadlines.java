package org.ucspi4j.runtime.ucspi;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The one timer thread of a server: handshake deadlines ({@code -T}) and idle deadlines ({@code -w})
 * of every connection. Tasks on it must not block; they hand slow work (closing a TLS socket) to a
 * virtual thread.
 */
final class Deadlines {
    /** A cancelled deadline (the usual case: the handshake finished, the session ended) leaves the queue at once. */
    static final ScheduledExecutorService TIMER = create();

    private Deadlines() {}

    private static ScheduledExecutorService create() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("deadlines").factory());
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
