package org.ucspi4j.runtime.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The first bytes a client sent, read before the handshake and handed to the TLS socket as already
 * consumed (see {@link ServerTlsContext#wrap(Socket, ClientGreeting)}): when the handshake then
 * fails they tell an HTTP request from other junk, as OpenSSL's "http request" does, which tells
 * an operator that someone typed http:// for this port.
 */
public final class ClientGreeting {
    /** A TLS record header's length: enough to tell, and no more than the handshake reads first anyway. */
    static final int LENGTH = 5;

    // the request methods whose first bytes mean HTTP, as OpenSSL checks them
    private static final String[] HTTP = {"GET ", "POST ", "HEAD ", "PUT ", "DELET", "OPTIO", "PATCH", "TRACE"};

    private final byte[] bytes;

    private ClientGreeting(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The largest record TLS allows (2^14 plus expansion): a longer "record" is not one, and is not read. */
    private static final int MAX_RECORD = 16384 + 2048;

    /**
     * The first 5 bytes from {@code socket} (fewer at end of stream) and, when they are a handshake
     * record's header, the record too: it holds the ClientHello, whose SNI name chooses the
     * certificate before the provider has a handshake session to ask (see {@link #serverName()}).
     */
    public static ClientGreeting read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] b = readUpTo(in, new byte[LENGTH], 0);
        if (b.length == LENGTH && b[0] == 22 && b[1] == 3) {
            int length = (b[3] & 0xff) << 8 | b[4] & 0xff;
            if (length <= MAX_RECORD) {
                b = readUpTo(in, Arrays.copyOf(b, LENGTH + length), LENGTH);
            }
        }
        return new ClientGreeting(b);
    }

    /** Fills {@code b} from {@code at}; at end of stream, what was read. */
    private static byte[] readUpTo(InputStream in, byte[] b, int at) throws IOException {
        int n = at;
        while (n < b.length) {
            int r = in.read(b, n, b.length - n);
            if (r < 0) {
                return Arrays.copyOf(b, n);
            }
            n += r;
        }
        return b;
    }

    /**
     * The host name of the ClientHello's server_name extension (RFC 6066); empty when the client sent
     * none; null when the first record holds no whole ClientHello (split over records, or not TLS:
     * the provider's own view then decides).
     */
    public String serverName() {
        return ClientHelloServerName.of(bytes);
    }

    /** For tests and for callers that read the bytes themselves. */
    public static ClientGreeting of(byte[] bytes) {
        return new ClientGreeting(bytes.clone());
    }

    byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The connection's input as it was before the greeting was taken from it: the greeting, then
     * {@code rest}. Not a SequenceInputStream: that closes a stream it has read to its end, and
     * closing a socket's input stream closes the socket, so a client's FIN would cut off the answer.
     */
    public InputStream followedBy(InputStream rest) {
        return new InputStream() {
            private int at;

            @Override
            public int read() throws IOException {
                return at < bytes.length ? bytes[at++] & 0xff : rest.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (at < bytes.length && len > 0) {
                    int n = Math.min(len, bytes.length - at);
                    System.arraycopy(bytes, at, b, off, n);
                    at += n;
                    return n;
                }
                return rest.read(b, off, len);
            }
        };
    }

    /**
     * What OpenSSL would say about a client that did not start TLS at all: it closed before a record
     * header ("unexpected eof while reading"), or sent HTTP or something else; null when the
     * greeting looks like TLS (a record header, or an SSL 2.0 style ClientHello).
     */
    String notTls() {
        if (bytes.length < LENGTH) {
            return "unexpected eof while reading";
        }
        int type = bytes[0] & 0xff;
        boolean record = type >= 20 && type <= 24 && bytes[1] == 3;
        boolean sslv2Hello = (type & 0x80) != 0;
        if (record || sslv2Hello) {
            return null;
        }
        String http = httpReason();
        return http != null ? http : "wrong version number";
    }

    /** "http request", "https proxy request", or null when the client did not speak HTTP. */
    private String httpReason() {
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        if (s.startsWith("CONNE")) {
            return "https proxy request";
        }
        for (String method : HTTP) {
            if (s.startsWith(method)) {
                return "http request";
            }
        }
        return null;
    }
}
