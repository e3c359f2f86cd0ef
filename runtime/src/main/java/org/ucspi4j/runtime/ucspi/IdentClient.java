package org.ucspi4j.runtime.ucspi;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * An RFC 1413 ident client for {@code -r}: asks the client's port 113 which user owns the
 * connection. Any failure (refused, timeout, malformed or ERROR reply) means "unknown".
 */
public final class IdentClient {
    private static final int MAX_REPLY = 1024;

    private IdentClient() {}

    /** The port ident servers listen on. */
    static final int IDENT_PORT = 113;

    /** The USERID the client's ident server reports for this connection, within {@code timeout}. */
    public static Optional<String> lookup(InetAddress remote, int remotePort, InetAddress local, int localPort,
            Duration timeout) {
        return lookup(new InetSocketAddress(remote, IDENT_PORT), remotePort, local, localPort, timeout);
    }

    /** As above, asking the ident server at {@code server} (tests run one on an ephemeral port). */
    static Optional<String> lookup(InetSocketAddress server, int remotePort, InetAddress local, int localPort,
            Duration timeout) {
        long deadline = System.nanoTime() + nanos(timeout);
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(local, 0));
            s.connect(server, millisLeft(deadline));
            s.getOutputStream().write((remotePort + " , " + localPort + "\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            byte[] reply = new byte[MAX_REPLY];
            int n = 0;
            while (n < reply.length) {
                s.setSoTimeout(millisLeft(deadline));
                int c = in.read();
                if (c < 0 || c == '\n') {
                    break;
                }
                reply[n++] = (byte) c;
            }
            return parse(new String(reply, 0, n, StandardCharsets.ISO_8859_1));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code ports : USERID : opsys : user} → user (leading blanks dropped). The user ends at the
     * first CR, LF or NUL: RFC 1413 allows none of them in it, and each would end the text somewhere
     * on its way (the log line, the C environment).
     */
    static Optional<String> parse(String line) {
        int first = line.indexOf(':');
        int second = first < 0 ? -1 : line.indexOf(':', first + 1);
        int third = second < 0 ? -1 : line.indexOf(':', second + 1);
        if (third < 0 || !line.substring(first + 1, second).trim().equals("USERID")) {
            return Optional.empty();
        }
        String user = line.substring(third + 1);
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                user = user.substring(0, i);
                break;
            }
        }
        user = user.stripLeading();
        return user.isEmpty() ? Optional.empty() : Optional.of(user);
    }

    /** {@code timeout} in nanoseconds; a timeout too long to count in them is as good as none. */
    private static long nanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return timeout.isNegative() ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }

    private static int millisLeft(long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new IOException("ident timeout");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }
}
