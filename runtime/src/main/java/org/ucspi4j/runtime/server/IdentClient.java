package org.ucspi4j.runtime.server;

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

    /** The USERID the client's ident server reports for this connection, within {@code timeout}. */
    public static Optional<String> lookup(InetAddress remote, int remotePort, InetAddress local, int localPort,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(local, 0));
            s.connect(new InetSocketAddress(remote, 113), millisLeft(deadline));
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

    /** {@code ports : USERID : opsys : user} → user (trailing CR and leading blanks dropped). */
    static Optional<String> parse(String line) {
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        int first = line.indexOf(':');
        int second = first < 0 ? -1 : line.indexOf(':', first + 1);
        int third = second < 0 ? -1 : line.indexOf(':', second + 1);
        if (third < 0 || !line.substring(first + 1, second).trim().equals("USERID")) {
            return Optional.empty();
        }
        String user = line.substring(third + 1).stripLeading();
        return user.isEmpty() ? Optional.empty() : Optional.of(user);
    }

    private static int millisLeft(long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new IOException("ident timeout");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }
}
