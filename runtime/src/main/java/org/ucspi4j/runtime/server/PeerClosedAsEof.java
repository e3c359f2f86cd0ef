package org.ucspi4j.runtime.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.ucspi4j.runtime.tls.PeerCloseGate;

/**
 * A handler's input: the client's end of the session (held back from the TLS provider by the
 * {@link PeerCloseGate}, so that the handler can still answer) reads as end of input, as a program's
 * fd 0 does under sslserver.
 */
final class PeerClosedAsEof extends FilterInputStream {
    PeerClosedAsEof(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (PeerCloseGate.Closed e) {
            return -1;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (PeerCloseGate.Closed e) {
            return -1;
        }
    }
}
