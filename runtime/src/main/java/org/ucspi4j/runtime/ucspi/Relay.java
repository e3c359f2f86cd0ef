package org.ucspi4j.runtime.ucspi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.ucspi4j.runtime.posix.PipeInput;
import org.ucspi4j.runtime.tls.PeerCloseGate;
import org.ucspi4j.runtime.tls.TlsFailureText;

/**
 * Copies plaintext between the TLS connection and the program, on virtual threads: client data to
 * the program's stdin, program output to the client. Client EOF (close_notify or FIN) closes the
 * program's stdin; the session ends when the program closes its stdout, after everything it wrote
 * has been sent. Idle for {@code -w}: the program's stdin is closed; idle again: the session is cut.
 *
 * <p>Memory per session matters (a server holds thousands): an idle direction holds no buffer. Each
 * direction blocks on a one-byte read, then reads what {@link InputStream#available()} says has
 * arrived (the rest of a TLS record; what a pipe holds, see
 * {@link org.ucspi4j.runtime.posix.PipeInput}) into a buffer of that size, which is garbage once
 * written. The {@code -w} deadlines of all sessions are kept by one timer thread.
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

    /**
     * The end and, for ERROR, what went wrong; the plaintext bytes relayed from the client to the
     * program and from the program to the client.
     */
    public record Outcome(End end, String problem, long fromClient, long toClient) {
        public Outcome(End end, String problem) {
            this(end, problem, 0, 0);
        }
    }

    /** The most one read takes: a TLS record's plaintext. */
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
    private final java.util.concurrent.ThreadFactory inbound;
    private volatile long lastActivity = System.nanoTime();
    private long fromClientBytes; // the inbound thread's; read after it has been joined
    private long toClientBytes; // the calling thread's
    private final AtomicReference<Outcome> failure = new AtomicReference<>();
    private volatile boolean finished;
    private volatile boolean programDone;
    private boolean warned; // the first -w expiry has closed the program's input; timer thread only
    private ScheduledFuture<?> idleCheck; // guarded by this

    public Relay(Socket client, InputStream fromClient, OutputStream toClient,
            OutputStream toProgram, InputStream fromProgram, Duration idle) {
        this(client, fromClient, toClient, toProgram, fromProgram, idle, false, Thread.ofVirtual().name("relay-in").factory());
    }

    /**
     * @param halfClose when the program closes its output: send close_notify but keep delivering
     *     the peer's data until the peer ends too (sslclient: a request written, the answer read);
     *     otherwise the session ends there (the C server's rule)
     * @param inbound makes the thread that reads the peer: virtual in a server; a platform thread
     *     in a client, which then exits at once (a virtual thread's socket read starts the JDK's
     *     poller thread, which waits in epoll for good, and the JVM's exit waits 300 ms for it)
     */
    public Relay(Socket client, InputStream fromClient, OutputStream toClient,
            OutputStream toProgram, InputStream fromProgram, Duration idle, boolean halfClose,
            java.util.concurrent.ThreadFactory inbound) {
        this.inbound = inbound;
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
        Thread inbound = this.inbound.newThread(this::clientToProgram);
        inbound.start();
        scheduleIdleCheck(idle.toNanos());
        Outcome outcome;
        try {
            // A full chunk says the program is streaming: its buffer is kept and refilled while the pipe
            // holds more, one read each instead of a one-byte read, a size query, a read and a fresh
            // 64 KiB array; when the pipe runs dry it is dropped and the wait holds no buffer again.
            byte[] streaming = null;
            while (true) {
                int n;
                byte[] chunk;
                int ready = streaming == null ? 0 : fromProgram.available();
                if (ready > 0) {
                    chunk = streaming;
                    n = fromProgram.read(chunk, 0, chunk.length); // returns at once: data is there
                    if (n < 0) {
                        break;
                    }
                } else {
                    streaming = null; // the wait below holds no buffer
                    chunk = nextChunk(fromProgram, FROM_PROGRAM_BUFFER);
                    if (chunk == null) {
                        break;
                    }
                    n = chunk.length;
                }
                if (n == FROM_PROGRAM_BUFFER && streaming == null && fromProgram instanceof PipeInput pipe) {
                    pipe.widen(); // streaming: a pipe that holds more (once; a no-op after)
                }
                streaming = n == FROM_PROGRAM_BUFFER ? chunk : null;
                toClient.write(chunk, 0, n);
                toClient.flush();
                toClientBytes += n;
                lastActivity = System.nanoTime();
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
            synchronized (this) {
                if (idleCheck != null) {
                    idleCheck.cancel(false);
                }
            }
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
        return new Outcome(outcome.end(), outcome.problem(), fromClientBytes, toClientBytes);
    }

    /**
     * The next bytes from {@code in}, blocking without a buffer until the first one arrives; null at
     * end of stream.
     */
    static byte[] nextChunk(InputStream in, int max) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int more = Math.min(Math.max(0, in.available()), max - 1);
        byte[] chunk = new byte[1 + more];
        chunk[0] = (byte) first;
        int n = 1;
        while (n < chunk.length) {
            int r = in.read(chunk, n, chunk.length - n); // returns at once: these bytes have arrived
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, n);
    }

    private void clientToProgram() {
        boolean programReads = true;
        try {
            for (byte[] chunk; (chunk = nextChunk(fromClient, BUFFER)) != null; ) {
                lastActivity = System.nanoTime();
                fromClientBytes += chunk.length;
                if (programReads) {
                    try {
                        toProgram.write(chunk);
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
        } catch (java.io.EOFException | PeerCloseGate.Closed e) {
            // the peer closed without close_notify: BCJSSE says so, SunJSSE just ends the stream; the
            // C relay ends quietly too (OpenSSL 3's unexpected EOF), so this is the program's EOF. Or the
            // server's gate held the peer's close (a TLS 1.2 close_notify, a FIN) back from the provider
            // so that the program's answer can still be written: the program's EOF as well
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

    private void scheduleIdleCheck(long delayNanos) {
        synchronized (this) {
            if (!finished) {
                idleCheck = Deadlines.TIMER.schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** On the timer thread: not idle long enough, check again later; else act, off the timer thread. */
    private void checkIdle() {
        if (finished) {
            return;
        }
        long idleNanos = idle.toNanos();
        long waitFor = lastActivity + idleNanos - System.nanoTime();
        if (waitFor > 0) {
            scheduleIdleCheck(waitFor);
        } else if (!warned) {
            warned = true; // first expiry: the program sees EOF
            lastActivity = System.nanoTime();
            Thread.ofVirtual().name("relay-idle").start(() -> closeQuietly(toProgram));
            scheduleIdleCheck(idleNanos);
        } else {
            failure.compareAndSet(null, new Outcome(End.TIMEOUT, "timeout"));
            Thread.ofVirtual().name("relay-idle").start(() -> {
                closeQuietly(client);
                closeQuietly(fromProgram);
            });
        }
    }

    /** Why the session failed, for the log line: in OpenSSL's words, never the exception's own. */
    static String describe(IOException e) {
        return TlsFailureText.session(e);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is all that is left to do
        }
    }
}
