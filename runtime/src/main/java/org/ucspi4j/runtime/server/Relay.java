package org.ucspi4j.runtime.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Copies plaintext between the TLS connection and the program, on virtual threads: client data to
 * the program's stdin, program output to the client. Client EOF (close_notify or FIN) closes the
 * program's stdin; the session ends when the program closes its stdout, after everything it wrote
 * has been sent. Idle for {@code -w}: the program's stdin is closed; idle again: the session is cut.
 */
public final class Relay {
    /** How a session ended. */
    public enum End {
        /** The program closed its output and everything was delivered. */
        DONE,
        /** Idle twice past the deadline. */
        TIMEOUT,
        /** A TLS or I/O error on the client side. */
        ERROR
    }

    /** The end and, for ERROR, what went wrong. */
    public record Outcome(End end, String problem) {}

    private static final int BUFFER = 16 * 1024;
    /**
     * The program's output is read in bigger pieces: a pipe holds 64 KiB, and one read that empties
     * it (TLS then cuts it into 16 KiB records) saves three reads and the wake-ups between them.
     * Measured with a program writing 256 MiB: server CPU per MiB 1.13 -> 0.94 ms.
     */
    private static final int FROM_PROGRAM_BUFFER = 64 * 1024;

    private final Socket client;
    private final InputStream fromClient;
    private final OutputStream toClient;
    private final OutputStream toProgram;
    private final InputStream fromProgram;
    private final Duration idle;
    private final boolean halfClose;
    private volatile long lastActivity = System.nanoTime();
    private final AtomicReference<Outcome> failure = new AtomicReference<>();
    private volatile boolean finished;
    private volatile boolean programDone;

    public Relay(Socket client, InputStream fromClient, OutputStream toClient,
            OutputStream toProgram, InputStream fromProgram, Duration idle) {
        this(client, fromClient, toClient, toProgram, fromProgram, idle, false);
    }

    /**
     * @param halfClose when the program closes its output: send close_notify but keep delivering
     *     the peer's data until the peer ends too (sslclient: a request written, the answer read);
     *     otherwise the session ends there (the C server's rule)
     */
    public Relay(Socket client, InputStream fromClient, OutputStream toClient,
            OutputStream toProgram, InputStream fromProgram, Duration idle, boolean halfClose) {
        this.halfClose = halfClose;
        this.client = client;
        this.fromClient = fromClient;
        this.toClient = toClient;
        this.toProgram = toProgram;
        this.fromProgram = fromProgram;
        this.idle = idle;
    }

    /** Runs the session to its end on the calling (virtual) thread plus two helpers. */
    public Outcome run() {
        Thread inbound = Thread.ofVirtual().name("relay-in").start(this::clientToProgram);
        Thread watchdog = Thread.ofVirtual().name("relay-idle").start(this::watch);
        Outcome outcome;
        try {
            byte[] buf = new byte[FROM_PROGRAM_BUFFER];
            for (int n; (n = fromProgram.read(buf)) >= 0; ) {
                if (n > 0) {
                    toClient.write(buf, 0, n);
                    toClient.flush();
                    lastActivity = System.nanoTime();
                }
            }
            programDone = true;
            if (halfClose) {
                // close_notify tells the peer we are done (as ucspi-ssl's ssl_io does, in every TLS
                // version: a TLS 1.2 server answers by closing); its remaining data is still delivered
                try {
                    client.shutdownOutput();
                } catch (UnsupportedOperationException e) {
                    // BCJSSE cannot half-close: wait for the peer rather than cut its answer short
                } catch (IOException e) {
                    // the peer has closed already; how it closed shows on the inbound side
                }
                inbound.join();
            }
            outcome = new Outcome(End.DONE, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new Outcome(End.ERROR, "interrupted");
        } catch (IOException e) {
            Outcome f = failure.get();
            outcome = f != null ? f : new Outcome(End.ERROR, describe(e));
        } finally {
            finished = true;
            watchdog.interrupt();
        }
        Outcome f = failure.get();
        if (f != null) {
            outcome = f;
        }
        closeQuietly(client);
        closeQuietly(toProgram);
        try {
            inbound.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return outcome;
    }

    private void clientToProgram() {
        byte[] buf = new byte[BUFFER];
        boolean programReads = true;
        try {
            for (int n; (n = fromClient.read(buf)) >= 0; ) {
                if (n > 0) {
                    lastActivity = System.nanoTime();
                    if (programReads) {
                        try {
                            toProgram.write(buf, 0, n);
                            toProgram.flush();
                        } catch (IOException e) {
                            // the program stopped reading (or -w closed its input): drop the rest
                            programReads = false;
                        }
                    }
                    if (!programReads && programDone) {
                        break; // nobody left to read it: the session is over (ssl_io: EPIPE then DONE)
                    }
                }
            }
        } catch (java.io.EOFException e) {
            // the peer closed without close_notify: BCJSSE says so, SunJSSE just ends the stream; the
            // C relay ends quietly too (OpenSSL 3's unexpected EOF), so this is the program's EOF
        } catch (IOException e) {
            // JSSE closes the socket itself on a fatal error, so only "finished" tells our own close
            // apart; a reset once the program is done is how some peers answer our close (C: DONE)
            if (!finished && !(programDone && e instanceof java.net.SocketException)) {
                failure.compareAndSet(null, new Outcome(End.ERROR, describe(e)));
                closeQuietly(client); // the session cannot go on; stop the outbound side too
            }
        } finally {
            closeQuietly(toProgram);
        }
    }

    private void watch() {
        long idleNanos = idle.toNanos();
        boolean warned = false;
        while (!finished) {
            long waitFor = lastActivity + idleNanos - System.nanoTime();
            if (waitFor > 0) {
                LockSupport.parkNanos(waitFor);
                if (Thread.interrupted()) {
                    return;
                }
                continue;
            }
            if (!warned) {
                warned = true;
                closeQuietly(toProgram); // first expiry: the program sees EOF
                lastActivity = System.nanoTime();
            } else {
                failure.compareAndSet(null, new Outcome(End.TIMEOUT, "timeout"));
                closeQuietly(client);
                closeQuietly(fromProgram);
                return;
            }
        }
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is all that is left to do
        }
    }
}
