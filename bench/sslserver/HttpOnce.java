package org.ucspi4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.ucspi4j.runtime.handle.ConnectionHandler;
import org.ucspi4j.runtime.handle.HandlerContext;

/**
 * The benchmark's sslhandle handler: the in-process twin of {@code bench/sslserver/respond}. Reads
 * the request head up to the empty line, answers the same HTTP/1.1 response (Content-Length,
 * "Connection: close"), and returns, which ends the connection.
 *
 * <pre>javac -cp cli/target/ucspi4j.jar -d DIR bench/sslserver/HttpOnce.java
 * sslhandle --class-path=DIR -Q -H -R -l0 127.0.0.1 44304 org.ucspi4j.bench.HttpOnce</pre>
 */
public final class HttpOnce implements ConnectionHandler {
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n"
            + "Connection: close\r\n\r\nhello\n").getBytes(StandardCharsets.US_ASCII);

    @Override
    public int handle(HandlerContext c) throws IOException {
        InputStream in = c.in();
        byte[] buf = new byte[4096];
        int newlines = 0; // consecutive line ends, CRs ignored: two end the head
        read:
        for (int n; (n = in.read(buf)) >= 0; ) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    if (++newlines == 2) {
                        break read;
                    }
                } else if (b != '\r') {
                    newlines = 0;
                }
            }
        }
        OutputStream out = c.out();
        out.write(RESPONSE);
        out.flush();
        return 0;
    }
}
