package org.ucspi4j.cli.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real TLS peers of the end-to-end tests: {@code openssl s_client} (one shot, or held open and
 * driven line by line), {@code curl}, a plain TCP socket for clients that never speak TLS, and the
 * JDK's own TLS client where a test needs many connections at once (a process each would be too slow).
 */
final class Peers {
    private Peers() {}

    static final Duration PEER_TIMEOUT = Duration.ofSeconds(90);

    /** {@code host:port} as s_client's {@code -connect} wants it. */
    static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** What one s_client run saw: its exit, the plaintext the server sent, and its {@code -brief} report. */
    record SClientResult(Tools.Result raw) {
        int exit() {
            return raw.exit();
        }

        byte[] data() {
            return raw.stdout();
        }

        String text() {
            return raw.out();
        }

        /** {@code Protocol version} from the {@code -brief} report, if the handshake completed. */
        Optional<String> protocol() {
            return brief("Protocol version");
        }

        /** {@code Ciphersuite} from the {@code -brief} report. */
        Optional<String> cipher() {
            return brief("Ciphersuite");
        }

        boolean established() {
            return raw.stderr().contains("CONNECTION ESTABLISHED");
        }

        private Optional<String> brief(String label) {
            Matcher m = Pattern.compile("(?m)^" + label + ": (.*)$").matcher(raw.stderr());
            return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
        }

        /** The data as {@code env -0} output: NAME to value. */
        Map<String, String> environment() {
            return Peers.environment(data());
        }

        @Override
        public String toString() {
            return raw.toString();
        }
    }

    /**
     * One s_client session to {@code host:port} that verifies the server against the test CA, sends
     * nothing, and reads until the server closes ({@code -ign_eof}).
     */
    static SClientResult sClient(Pki pki, String host, int port, String... extra) {
        List<String> cmd = Tools.command("openssl", "s_client", "-connect", hostPort(host, port), "-brief", "-ign_eof",
                "-CAfile", pki.file("ca.pem").toString(), "-verify_return_error");
        cmd.addAll(List.of(extra));
        return new SClientResult(Tools.run(pki.dir(), Map.of(), new byte[0], PEER_TIMEOUT, cmd));
    }

    /** {@code curl args...} with the test CA trusted; exit code, body on stdout. */
    static Tools.Result curl(Pki pki, String... args) {
        List<String> cmd = Tools.command("curl", "-sS", "--max-time", "60", "--cacert", pki.file("ca.pem").toString());
        cmd.addAll(List.of(args));
        return Tools.run(pki.dir(), Map.of(), new byte[0], PEER_TIMEOUT, cmd);
    }

    /** Parses {@code env -0} output. */
    static Map<String, String> environment(byte[] data) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : new String(data, StandardCharsets.ISO_8859_1).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }

    /**
     * An s_client held open: lines written to its standard input go to the server, what the server
     * sends collects in {@link #output()}; closing standard input makes s_client close the session.
     */
    static final class Interactive implements AutoCloseable {
        private final Process process;
        private final OutputStream stdin;
        private final ByteArrayOutputStream output = new ByteArrayOutputStream();
        private final StringBuilder report = new StringBuilder();
        private final Thread outReader;
        private final Thread errReader;

        Interactive(Pki pki, String host, int port, String... extra) {
            List<String> cmd = Tools.command("openssl", "s_client", "-connect", hostPort(host, port), "-brief",
                    "-CAfile", pki.file("ca.pem").toString(), "-verify_return_error");
            cmd.addAll(List.of(extra));
            try {
                process = new ProcessBuilder(cmd).directory(pki.dir().toFile()).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stdin = process.getOutputStream();
            outReader = Thread.ofVirtual().start(() -> copy(process.getInputStream(), null));
            errReader = Thread.ofVirtual().start(() -> copy(process.getErrorStream(), report));
        }

        /** Copies s_client's output into {@link #output} (text null) or its report into {@code text}. */
        private void copy(InputStream in, StringBuilder text) {
            byte[] buf = new byte[4096];
            try (in) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    synchronized (output) {
                        if (text == null) {
                            output.write(buf, 0, n);
                        } else {
                            text.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                        }
                        output.notifyAll();
                    }
                }
            } catch (IOException e) {
                // s_client went away
            }
        }

        void send(String line) {
            try {
                stdin.write((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
                stdin.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String output() {
            synchronized (output) {
                return output.toString(StandardCharsets.ISO_8859_1);
            }
        }

        String report() {
            synchronized (output) {
                return report.toString();
            }
        }

        /** Waits until the server's data contains {@code text}; false after {@code within}. */
        boolean awaitOutput(String text, Duration within) {
            return await(() -> output.toString(StandardCharsets.ISO_8859_1).contains(text), within);
        }

        /**
         * Waits until s_client's report (its standard error, read by another thread than its
         * output) holds a match of {@code pattern}; its first group, or null after {@code within}.
         */
        String awaitReport(java.util.regex.Pattern pattern, Duration within) {
            String[] found = new String[1];
            await(() -> {
                java.util.regex.Matcher m = pattern.matcher(report);
                return m.find() && (found[0] = m.group(1)) != null;
            }, within);
            return found[0];
        }

        private boolean await(java.util.function.BooleanSupplier done, Duration within) {
            long deadline = System.nanoTime() + within.toNanos();
            synchronized (output) {
                while (!done.getAsBoolean()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        output.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
                return true;
            }
        }

        /** Closes standard input (s_client then ends the session) and waits for the exit code. */
        int finish() {
            try {
                stdin.close();
            } catch (IOException e) {
                // already gone
            }
            return awaitExit(PEER_TIMEOUT).orElseThrow(() -> new AssertionError("s_client did not exit"));
        }

        Optional<Integer> awaitExit(Duration within) {
            try {
                if (!process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return Optional.empty();
                }
                outReader.join(5000);
                errReader.join(5000);
                return Optional.of(process.exitValue());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /** A TCP connection from {@code localAddress} that never starts TLS. */
    static Socket plain(String localAddress, String host, int port) {
        try {
            Socket s = new Socket();
            if (localAddress != null) {
                s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            }
            s.connect(new InetSocketAddress(InetAddress.getByName(host), port), 10_000);
            s.setSoTimeout((int) Tools.PATIENCE.toMillis());
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until the peer closes; the bytes read (a server that denies sends none). */
    static byte[] readToEnd(Socket s) {
        try {
            return s.getInputStream().readAllBytes();
        } catch (IOException e) {
            return ("(" + e.getMessage() + ")").getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * A JDK TLS connection to {@code host:port} that trusts the test CA and checks nothing else (the
     * certificate checks have their own tests), handshake done, reads timing out after {@link
     * Tools#PATIENCE}.
     */
    static javax.net.ssl.SSLSocket tls(Pki pki, String host, int port) {
        return tls(pki, null, host, port);
    }

    /** As {@link #tls(Pki, String, int)}, from {@code localAddress} (null: any). */
    static javax.net.ssl.SSLSocket tls(Pki pki, String localAddress, String host, int port) {
        return tls(pki, localAddress, host, port, Tools.PATIENCE);
    }

    /** As {@link #tls(Pki, String, String, int)}, giving up on any read after {@code timeout}. */
    static javax.net.ssl.SSLSocket tls(Pki pki, String localAddress, String host, int port, Duration timeout) {
        Socket plain = plain(localAddress, host, port);
        try {
            plain.setSoTimeout((int) timeout.toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tlsOver(pki, plain, host, port);
    }

    /**
     * TLS as {@link #tls(Pki, String, int)} over {@code plain}, a connection made already (one that may
     * wait in a listen queue until a server accepts it, or that carries a PROXY header already); closes
     * it on failure.
     */
    static javax.net.ssl.SSLSocket tlsOver(Pki pki, Socket plain, String host, int port) {
        try {
            try {
                javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) JavaTls.context(pki).getSocketFactory()
                        .createSocket(plain, host, port, true);
                ssl.startHandshake();
                return ssl;
            } catch (IOException | RuntimeException e) {
                plain.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code line} and a newline and reads the same back: an echo program answered. */
    static boolean echoes(javax.net.ssl.SSLSocket ssl, String line) {
        try {
            byte[] sent = (line + "\n").getBytes(StandardCharsets.ISO_8859_1);
            ssl.getOutputStream().write(sent);
            ssl.getOutputStream().flush();
            return java.util.Arrays.equals(ssl.getInputStream().readNBytes(sent.length), sent);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The first flight of a real TLS client (a ClientHello record, TLS 1.2 and 1.3 offered, with the
     * JDK's defaults), as bytes to send on a plain socket.
     */
    static byte[] clientHello() {
        try {
            javax.net.ssl.SSLEngine engine = javax.net.ssl.SSLContext.getDefault().createSSLEngine("localhost", 443);
            engine.setUseClientMode(true);
            java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(java.nio.ByteBuffer.allocate(0), out);
            out.flip();
            byte[] hello = new byte[out.remaining()];
            out.get(hello);
            return hello;
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw new AssertionError(e);
        }
    }

    /** One JDK client context per test JVM, trusting the test CA. */
    private static final class JavaTls {
        private static javax.net.ssl.SSLContext context;

        static synchronized javax.net.ssl.SSLContext context(Pki pki) {
            if (context == null) {
                try (InputStream in = java.nio.file.Files.newInputStream(pki.file("ca.pem"))) {
                    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
                    trust.load(null, null);
                    trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                            .generateCertificate(in));
                    javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
                    tmf.init(trust);
                    javax.net.ssl.SSLContext c = javax.net.ssl.SSLContext.getInstance("TLS");
                    c.init(null, tmf.getTrustManagers(), null);
                    context = c;
                } catch (java.security.GeneralSecurityException | IOException e) {
                    throw new AssertionError(e);
                }
            }
            return context;
        }
    }
}
