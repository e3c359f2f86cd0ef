package org.ucspi4j.runtime.posix;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Pipe;

/**
 * The read end of a pipe as a stream whose {@link #available()} is true: the bytes the pipe holds
 * (FIONREAD), where the JDK's channel streams always say 0. A reader can then block on a one-byte
 * read and size its buffer to what has arrived, so an idle reader holds no buffer at all.
 */
public final class PipeInput extends InputStream {
    private final Pipe.SourceChannel source;
    private final InputStream in;

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

    @Override
    public void close() throws IOException {
        in.close();
    }
}
