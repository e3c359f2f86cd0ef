package org.ucspi4j.runtime.ucspi;

import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The deadline of one TLS handshake (sslserver {@code -T}, sslclient {@code -T x+y}): when it
 * expires, the socket is closed, which is the only way to stop a blocked handshake. Whether it
 * expired is its own flag, not the timer's state: {@code cancel()} succeeds on a deadline that is
 * still busy closing, and the handshake then fails with whatever the close caused.
 */
public final class HandshakeDeadline {
    private final AtomicBoolean expired = new AtomicBoolean();
    private final AtomicReference<Socket> target;
    private final ScheduledFuture<?> timer;

    private HandshakeDeadline(Socket socket, Duration after) {
        this.target = new AtomicReference<>(socket);
        this.timer = Deadlines.TIMER.schedule(this::expire, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts the clock on {@code socket}. */
    public static HandshakeDeadline start(Socket socket, Duration after) {
        return new HandshakeDeadline(socket, after);
    }

    /** From now on the deadline closes {@code socket} (the TLS socket, once it wraps the plain one). */
    public void closes(Socket socket) {
        target.set(socket);
    }

    /** Stops the clock; true when the deadline had expired (the socket is then closed or closing). */
    public boolean stop() {
        timer.cancel(false);
        return expired.get();
    }

    private void expire() {
        expired.set(true);
        // closing may wait for the handshake's locks: not on the one timer thread of all connections
        Thread.ofVirtual().name("handshake-timeout").start(() -> {
            try {
                target.get().close();
            } catch (Exception ignored) {
                // closed already
            }
        });
    }
}
