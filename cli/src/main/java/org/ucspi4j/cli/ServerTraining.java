package org.ucspi4j.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.ucspi4j.runtime.tls.HandshakeWarmUp;

/**
 * The servers' AOT training ({@code --aot-training=servers}): sslserver, as its launcher runs it,
 * on 127.0.0.1 with its embedded certificate, the real accept, rules-less admission, environment,
 * spawn and relay, serving what a restarted server meets first: full TLS 1.3 and 1.2 handshakes,
 * resumed ones, AES-GCM and ChaCha20-Poly1305 records in both directions, small answers and a bulk
 * transfer. The clients are JSSE sockets in this JVM (their classes land in the cache too, a little
 * larger for it). The program is {@code /bin/sh}: it reads the size of the answer, writes that many
 * bytes and drains what the client sends.
 */
final class ServerTraining {
    private ServerTraining() {}

    private static final String PROGRAM = "read n; head -c \"$n\" /dev/zero; cat >/dev/null";

    private static final String[][] SUITES = {
        {"TLSv1.3", "TLS_AES_128_GCM_SHA256"},
        {"TLSv1.3", "TLS_AES_256_GCM_SHA384"},
        {"TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256"},
        {"TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"},
        {"TLSv1.2", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"},
    };

    static void run() throws IOException {
        PipedInputStream portIn = new PipedInputStream();
        OutputStream portOut = new PipedOutputStream(portIn);
        Io io = new Io(InputStream.nullInputStream(), portOut,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.ISO_8859_1),
                Map.of("PATH", "/usr/bin:/bin"));
        Thread.ofPlatform().daemon().start(() -> Main.run(io, "sslserver", "-1", "-q", "-s", "-e", "-R", "-H", "-l0",
                "127.0.0.1", "0", "/bin/sh", "-c", PROGRAM));
        String port = new BufferedReader(new InputStreamReader(portIn, StandardCharsets.US_ASCII)).readLine();
        if (port == null) {
            return;
        }
        int p = Integer.parseInt(port.strip());
        for (int round = 0; round < 40; round++) {
            for (String[] suite : SUITES) {
                // a fresh context: a full handshake; the same one again: a resumed one
                SSLContext context = trustingContext();
                connect(context, p, suite, 200, 100);
                connect(context, p, suite, 200, 100);
            }
        }
        for (String[] suite : SUITES) {
            connect(trustingContext(), p, suite, 16 << 20, 16 << 20); // bulk, both ways
        }
    }

    /** One connection: asks for {@code down} bytes, reads them, sends {@code up} bytes, closes. */
    private static void connect(SSLContext context, int port, String[] suite, int down, int up) {
        try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            s.setEnabledProtocols(new String[] {suite[0]});
            s.setEnabledCipherSuites(new String[] {suite[1]});
            OutputStream out = s.getOutputStream();
            out.write((down + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[64 << 10];
            for (long left = down; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                left -= n;
            }
            for (int left = up; left > 0; left -= buffer.length) {
                out.write(buffer, 0, Math.min(buffer.length, left));
            }
            out.flush();
        } catch (IOException | RuntimeException e) {
            // a smaller cache
        }
    }

    /** A client that takes the embedded self-signed certificate (training only: nothing is protected here). */
    private static SSLContext trustingContext() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {HandshakeWarmUp.trustingAnything()}, null);
            return c;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
