package org.ucspi4j.runtime.posix;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Pipe;
import java.util.concurrent.Semaphore;

/**
 * The read end of a pipe as a stream whose {@link #available()} is true: the bytes the pipe holds
 * (FIONREAD), where the JDK's channel streams always say 0. A reader can then block on a one-byte
 * read and size its buffer to what has arrived, so an idle reader holds no buffer at all.
 */
public final class PipeInput extends InputStream {
    /** F_SETPIPE_SZ (Linux). */
    private static final int F_SETPIPE_SZ = 1031;
    /** What a widened pipe holds: four times the default 64 KiB. */
    public static final int WIDE = 256 * 1024;
    /**
     * How many pipes may be wide at once. The kernel counts every pipe's capacity against its
     * creator's user (fs.pipe-user-pages-soft, 64 MiB), and a user over that limit gets 8 KiB pipes
     * from then on: the server's wide pipes add at most 16 x 192 KiB to what its pipes hold anyway.
     */
    private static final Semaphore WIDENINGS = new Semaphore(16);

    private final Pipe.SourceChannel source;
    private final InputStream in;
    private boolean wide; // guarded by this

    public PipeInput(Pipe.SourceChannel source) {
        this.source = source;
        this.in = Channels.newInputStream(source);
    }

    @Override
    public int read() throws IOException {
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        try {
            return Fds.readable(Fds.fdOf(source));
        } catch (ClosedChannelException e) {
            return 0;
        }
    }

    /**
     * Lets the pipe hold {@link #WIDE} bytes, for a program that streams: it then blocks a quarter
     * as often, and each of its wake-ups and ours costs CPU (a warm 256 MiB transfer: 1.21 -> 0.98
     * ms of the server's CPU per MiB, bench/README-sslserver.md). False when the server's wide pipes
     * are all taken or the kernel refuses (the user's pipes at their limit); the pipe is then as it
     * was. With {@link #close} under one lock, so that a pipe closed meanwhile gives its slot back.
     */
    public synchronized boolean widen() {
        if (wide || !WIDENINGS.tryAcquire()) {
            return false;
        }
        try {
            Libc.fcntl(Fds.fdOf(source), F_SETPIPE_SZ, WIDE);
            wide = true;
            return true;
        } catch (PosixException | ClosedChannelException e) {
            WIDENINGS.release();
            return false;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            in.close();
        } finally {
            if (wide) {
                wide = false;
                WIDENINGS.release();
            }
        }
    }
}
