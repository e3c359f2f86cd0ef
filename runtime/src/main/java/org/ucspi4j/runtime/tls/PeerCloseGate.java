package org.ucspi4j.runtime.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * The client's TLS records on their way to the provider, watched at record boundaries so that the
 * client's end of the session (a TLS 1.2 alert record, which after the handshake is its close_notify,
 * or a bare FIN in any version) can be kept from the provider until the program's answer is out.
 *
 * <p>Why: on a received TLS 1.2 close_notify SunJSSE answers at once and closes its outbound side
 * (TransportContext.passiveInboundClose, SSLSocket and SSLEngine alike; jdk.tls.acknowledgeCloseNotify
 * only extends that to TLS 1.3), and it treats a bare FIN the same; BCJSSE closes the whole connection
 * on either. OpenSSL, and so the C sslserver, only refuses writes once it has sent its own close_notify.
 *
 * <p>Once {@link #arm armed} (after the handshake, whose alerts and EOF must reach the provider), a
 * read at a record boundary that meets an alert record or the end of the stream throws {@link Closed},
 * and so does every later read. Both providers pass an {@link InterruptedIOException} from the network
 * through without failing the connection (it is how a read timeout leaves a socket usable), so the
 * caller reads it as the client's EOF and can still write. The held alert is never delivered: the
 * session ends with our close_notify. In TLS 1.3 alerts travel as application data records and are not
 * seen here; the providers handle a TLS 1.3 close_notify as a half-close already (SunJSSE; not BCJSSE).
 *
 * <p>Reads are cut at record boundaries, which costs nothing: the providers read a record's header and
 * then its body, each exactly. Used by one reader thread at a time (the provider's read lock).
 */
public final class PeerCloseGate extends InputStream {
    /** The client's end of the session: read as end of input; writing may go on. */
    public static final class Closed extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        Closed() {
            super("the peer has closed its side");
        }
    }

    private static final int HEADER = 5;
    private static final int ALERT = 21;
    private static final int FIRST_TYPE = 20; // change_cipher_spec; 24 heartbeat is the last
    private static final int LAST_TYPE = 24;

    private final InputStream in;
    private volatile boolean armed;
    private boolean closed;
    /** Not TLS records as we know them (an SSLv2 ClientHello): everything passes unwatched. */
    private boolean lost;
    private int headerLeft = HEADER;
    private int length;
    private int bodyLeft;

    public PeerCloseGate(InputStream in) {
        this.in = in;
    }

    /** From now on the client's alert or EOF ends the input; call once the handshake is done. */
    public void arm() {
        armed = true;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new Closed();
        }
        if (len == 0 || lost) {
            return in.read(b, off, len);
        }
        if (bodyLeft > 0) {
            int n = in.read(b, off, Math.min(len, bodyLeft));
            if (n > 0) {
                bodyLeft -= n;
            }
            return n; // EOF inside a record: a truncation, for the provider to report
        }
        boolean boundary = headerLeft == HEADER;
        int n = in.read(b, off, Math.min(len, headerLeft));
        if (armed && boundary && (n < 0 || b[off] == ALERT)) {
            closed = true; // an alert's bytes are dropped: we never deliver it
            throw new Closed();
        }
        if (n > 0) {
            header(b, off, n);
        }
        return n;
    }

    /** Follows the header bytes {@code b[off..off+n)} to find where the record ends. */
    private void header(byte[] b, int off, int n) {
        for (int i = 0; i < n; i++) {
            int value = b[off + i] & 0xff;
            switch (HEADER - headerLeft + i) {
                case 0 -> lost = value < FIRST_TYPE || value > LAST_TYPE;
                case 3 -> length = value << 8;
                case 4 -> length |= value;
                default -> {
                    // the protocol version: not needed to find the record's end
                }
            }
        }
        headerLeft -= n;
        if (headerLeft == 0) {
            headerLeft = HEADER;
            bodyLeft = length;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int available() throws IOException {
        return closed ? 0 : in.available();
    }

    /** Only the provider's cleanup at close skips: the records no longer matter. */
    @Override
    public long skip(long n) throws IOException {
        lost = true;
        return closed ? 0 : in.skip(n);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
