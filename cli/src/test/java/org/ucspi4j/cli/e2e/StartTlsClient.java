package org.ucspi4j.cli.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A line-protocol client that starts in clear and upgrades the same connection to TLS (JSSE layered
 * on the plain socket), trusting the test CA and checking the name: for what swaks and s_client
 * cannot do, such as pipelining plaintext behind STARTTLS. Reads a byte at a time, so nothing the
 * server sends after a line is consumed before the upgrade.
 */
final class StartTlsClient implements AutoCloseable {
    private final Socket plain;
    private final String host;
    private InputStream in;
    private OutputStream out;
    private SSLSocket tls;

    StartTlsClient(String host, int port) {
        this.plain = Peers.plain(null, host, port);
        this.host = host;
        try {
            in = plain.getInputStream();
            out = plain.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line without its CR LF; null at the end of the stream. */
    String line() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            for (int c; (c = in.read()) >= 0; ) {
                if (c == '\n') {
                    String s = b.toString(StandardCharsets.ISO_8859_1);
                    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                }
                b.write(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (b.size() > 0) {
            throw new AssertionError("stream ended inside a line: " + b.toString(StandardCharsets.ISO_8859_1));
        }
        return null;
    }

    /** An SMTP reply: its lines up to the one without {@code -} after the code. */
    List<String> reply() {
        List<String> lines = new ArrayList<>();
        String l;
        do {
            l = line();
            if (l == null) {
                throw new AssertionError("connection ended after " + lines);
            }
            lines.add(l);
        } while (l.length() > 3 && l.charAt(3) == '-');
        return lines;
    }

    /** Sends {@code text} as it is, in one write. */
    void send(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The TLS handshake over the connection; from now on lines travel inside TLS. */
    SSLSession startTls(Pki pki) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (InputStream ca = Files.newInputStream(pki.file("ca.pem"))) {
                trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, plain.getPort(), true);
            SSLParameters p = tls.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(p);
            tls.startHandshake();
            in = tls.getInputStream();
            out = tls.getOutputStream();
            return tls.getSession();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    int localPort() {
        return plain.getLocalPort();
    }

    @Override
    public void close() {
        try {
            if (tls != null) {
                tls.close();
            }
            plain.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
