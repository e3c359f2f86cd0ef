package org.ucspi4j.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A TLS load and soak client for an echo service ({@code sslserver ... cat}, stunnel with
 * {@code exec=/bin/cat}). JDK only, one file, so it also runs from source:
 * {@code java bench/src/main/java/org/ucspi4j/bench/load/EchoLoad.java ...}.
 *
 * <pre>
 * EchoLoad echo HOST PORT [-n CONNECTIONS] [-c CONCURRENCY] [--min BYTES] [--max BYTES] [--seed S]
 *                         [--protocol TLSv1.3|TLSv1.2] [--resume] [--timeout SECONDS]
 * EchoLoad idle HOST PORT [-n CONNECTIONS] [-c CONCURRENCY] [--protocol ...] [--hold-file FILE]
 * </pre>
 *
 * <p>{@code echo}: CONNECTIONS connections, at most CONCURRENCY at once. Each makes a full TLS
 * handshake (with {@code --resume}, the client may resume), sends a random payload of MIN..MAX bytes
 * (its own seed: SEED + index) while reading the echo, ends its output (TLS 1.3: close_notify,
 * half-close; TLS 1.2, which has no half-close: once all bytes are back), reads to the end and
 * compares length and SHA-256 of what came back with what was sent. A connection is <em>ok</em>
 * when both match and the server closed cleanly, <em>corrupted</em> when the bytes differ, and
 * <em>failed</em> on any error or timeout. Prints counts, failure reasons and latency percentiles;
 * exits 0 only if every connection was ok.
 *
 * <p>{@code idle}: opens CONNECTIONS connections (CONCURRENCY at a time), each with a handshake and
 * one echoed line so the server's program is known to run, prints {@code held N} and keeps them open
 * until the hold file disappears (or, without one, until standard input ends), then closes them and
 * exits 0 if all were held.
 *
 * <p>The client trusts any server certificate: it measures the server, not the PKI.
 */
public final class EchoLoad {
    private EchoLoad() {}

    /** Parsed command line. */
    record Options(String mode, String host, int port, int connections, int concurrency, int min, int max, long seed,
                   String protocol, boolean resume, Duration timeout, String holdFile) {

        static Options parse(String[] args) {
            if (args.length < 3) {
                throw new IllegalArgumentException("usage: EchoLoad echo|idle HOST PORT [options]");
            }
            String mode = args[0];
            if (!mode.equals("echo") && !mode.equals("idle")) {
                throw new IllegalArgumentException("mode must be echo or idle: " + mode);
            }
            int connections = mode.equals("echo") ? 1000 : 100;
            int concurrency = 50;
            int min = 1;
            int max = 32 * 1024;
            long seed = 20261126;
            String protocol = "TLSv1.3";
            boolean resume = false;
            Duration timeout = Duration.ofSeconds(120);
            String holdFile = null;
            for (int i = 3; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-n" -> connections = Integer.parseInt(args[++i]);
                    case "-c" -> concurrency = Integer.parseInt(args[++i]);
                    case "--min" -> min = Integer.parseInt(args[++i]);
                    case "--max" -> max = Integer.parseInt(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--protocol" -> protocol = args[++i];
                    case "--resume" -> resume = true;
                    case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(args[++i]));
                    case "--hold-file" -> holdFile = args[++i];
                    default -> throw new IllegalArgumentException("unknown option: " + a);
                }
            }
            if (connections < 1 || concurrency < 1 || min < 0 || max < min) {
                throw new IllegalArgumentException("need -n >= 1, -c >= 1, 0 <= --min <= --max");
            }
            return new Options(mode, args[1], Integer.parseInt(args[2]), connections, concurrency, min, max, seed,
                    protocol, resume, timeout, holdFile);
        }
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("EchoLoad: " + e.getMessage());
            System.exit(100);
            return;
        }
        SSLSocketFactory factory = trustAll().getSocketFactory();
        int exit = o.mode().equals("echo") ? new Echo(o, factory, System.out).run() : new Idle(o, factory).run();
        System.exit(exit);
    }

    /** A client context that accepts any server certificate. */
    static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }

    static SSLSocket connect(Options o, SSLSocketFactory factory) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(o.host(), o.port()), (int) o.timeout().toMillis());
            plain.setSoTimeout((int) o.timeout().toMillis());
            plain.setTcpNoDelay(true);
            SSLSocket ssl = (SSLSocket) factory.createSocket(plain, o.host(), o.port(), true);
            ssl.setEnabledProtocols(new String[] {o.protocol()});
            ssl.setUseClientMode(true);
            return ssl;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** The echo load: counts, reasons and latencies. */
    static final class Echo {
        private final Options o;
        private final SSLSocketFactory factory;
        private final PrintStream out;
        private final AtomicInteger next = new AtomicInteger();
        private final LongAdder ok = new LongAdder();
        private final LongAdder failed = new LongAdder();
        private final LongAdder corrupted = new LongAdder();
        private final LongAdder bytesSent = new LongAdder();
        private final LongAdder bytesBack = new LongAdder();
        private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
        private final long[] handshakeNanos;
        private final long[] totalNanos;

        Echo(Options o, SSLSocketFactory factory, PrintStream out) {
            this.o = o;
            this.factory = factory;
            this.out = out;
            handshakeNanos = new long[o.connections()];
            totalNanos = new long[o.connections()];
            Arrays.fill(handshakeNanos, -1);
            Arrays.fill(totalNanos, -1);
        }

        int run() throws InterruptedException {
            out.printf("echo: %d connections, %d concurrent, payload %d..%d bytes, %s, %s, to %s:%d%n",
                    o.connections(), o.concurrency(), o.min(), o.max(), o.protocol(),
                    o.resume() ? "resumption allowed" : "full handshakes", o.host(), o.port());
            long start = System.nanoTime();
            AtomicLong lastReport = new AtomicLong(start);
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < Math.min(o.concurrency(), o.connections()); w++) {
                workers.add(Thread.ofVirtual().name("client-" + w).start(() -> {
                    for (int i; (i = next.getAndIncrement()) < o.connections(); ) {
                        one(i);
                        progress(start, lastReport);
                    }
                }));
            }
            for (Thread t : workers) {
                t.join();
            }
            long elapsed = System.nanoTime() - start;
            report(elapsed);
            return ok.sum() == o.connections() ? 0 : 1;
        }

        private void progress(long start, AtomicLong lastReport) {
            long now = System.nanoTime();
            long last = lastReport.get();
            if (now - last > 10_000_000_000L && lastReport.compareAndSet(last, now)) {
                long done = ok.sum() + failed.sum() + corrupted.sum();
                System.err.printf("echo: %d/%d done (%d failed, %d corrupted) after %.0f s%n", done, o.connections(),
                        failed.sum(), corrupted.sum(), (now - start) / 1e9);
            }
        }

        private void one(int index) {
            SplittableRandom random = new SplittableRandom(o.seed() + index);
            int size = o.min() + random.nextInt(o.max() - o.min() + 1);
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            long t0 = System.nanoTime();
            try (SSLSocket ssl = connect(o, factory)) {
                ssl.startHandshake();
                long t1 = System.nanoTime();
                handshakeNanos[index] = t1 - t0;
                if (!o.resume()) {
                    ssl.getSession().invalidate(); // the next connection makes a full handshake too
                }
                boolean halfClose = !ssl.getSession().getProtocol().equals("TLSv1.2");
                Thread writer = Thread.ofVirtual().start(() -> write(ssl, payload, halfClose));
                MessageDigest back = sha256();
                long received = 0;
                byte[] buf = new byte[16 * 1024];
                InputStream in = ssl.getInputStream();
                boolean extra = false;
                for (int n; (n = in.read(buf)) >= 0; ) {
                    back.update(buf, 0, n);
                    received += n;
                    if (received > size) {
                        extra = true;
                    }
                    if (!halfClose && received >= size) {
                        break; // TLS 1.2: no half-close, so the client ends once it has everything
                    }
                }
                writer.join();
                totalNanos[index] = System.nanoTime() - t0;
                bytesSent.add(size);
                bytesBack.add(received);
                boolean same = received == size && !extra && MessageDigest.isEqual(back.digest(), sha256().digest(payload));
                if (same) {
                    ok.increment();
                } else {
                    corrupted.increment();
                    reason("corrupted: sent " + size + " bytes, got " + received);
                }
            } catch (IOException | RuntimeException e) {
                failed.increment();
                reason(describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.increment();
                reason("interrupted");
            }
        }

        private void write(SSLSocket ssl, byte[] payload, boolean halfClose) {
            try {
                OutputStream out = ssl.getOutputStream();
                out.write(payload);
                out.flush();
                if (halfClose) {
                    ssl.shutdownOutput();
                }
            } catch (IOException e) {
                // the reader sees the same connection fail, and counts it
            }
        }

        private void reason(String why) {
            reasons.computeIfAbsent(why, k -> new LongAdder()).increment();
        }

        private void report(long elapsedNanos) {
            double seconds = elapsedNanos / 1e9;
            out.printf("result: connections=%d ok=%d failed=%d corrupted=%d%n", o.connections(), ok.sum(), failed.sum(),
                    corrupted.sum());
            out.printf("bytes: sent=%d echoed=%d%n", bytesSent.sum(), bytesBack.sum());
            out.printf("time: %.1f s, %.0f connections/s%n", seconds, o.connections() / seconds);
            out.println("latency (ms)      p50      p90      p99    p99.9      max");
            out.println(percentiles("handshake  ", handshakeNanos));
            out.println(percentiles("connection ", totalNanos));
            reasons.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed())
                    .limit(15)
                    .forEach(e -> out.printf("reason: %d x %s%n", e.getValue().sum(), e.getKey()));
        }
    }

    static String percentiles(String label, long[] nanos) {
        long[] done = Arrays.stream(nanos).filter(n -> n >= 0).sorted().toArray();
        if (done.length == 0) {
            return label + "   (none)";
        }
        double[] qs = {0.50, 0.90, 0.99, 0.999};
        StringBuilder s = new StringBuilder(label);
        for (double q : qs) {
            int i = (int) Math.min(done.length - 1, Math.ceil(q * done.length) - 1);
            s.append(String.format(" %8.1f", done[Math.max(0, i)] / 1e6));
        }
        s.append(String.format(" %8.1f", done[done.length - 1] / 1e6));
        return s.toString();
    }

    /** Idle connections held open for a memory measurement. */
    static final class Idle {
        private final Options o;
        private final SSLSocketFactory factory;

        Idle(Options o, SSLSocketFactory factory) {
            this.o = o;
            this.factory = factory;
        }

        int run() throws Exception {
            List<SSLSocket> held = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger next = new AtomicInteger();
            LongAdder failed = new LongAdder();
            Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
            CountDownLatch done = new CountDownLatch(Math.min(o.concurrency(), o.connections()));
            for (int w = 0; w < Math.min(o.concurrency(), o.connections()); w++) {
                Thread.ofVirtual().start(() -> {
                    try {
                        for (int i; (i = next.getAndIncrement()) < o.connections(); ) {
                            try {
                                held.add(open(i));
                            } catch (IOException | RuntimeException e) {
                                failed.increment();
                                reasons.computeIfAbsent(describe(e), k -> new LongAdder()).increment();
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
            System.out.println("held " + held.size() + " failed " + failed.sum());
            reasons.forEach((k, v) -> System.out.println("reason: " + v.sum() + " x " + k));
            System.out.flush();
            if (o.holdFile() != null) {
                java.nio.file.Path hold = java.nio.file.Path.of(o.holdFile());
                while (java.nio.file.Files.exists(hold)) {
                    Thread.sleep(200);
                }
            } else {
                System.in.transferTo(OutputStream.nullOutputStream());
            }
            int stillOpen = 0;
            for (SSLSocket s : held) {
                if (!s.isClosed() && !s.isInputShutdown()) {
                    stillOpen++;
                }
                try {
                    s.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            System.out.println("closed " + held.size() + " (" + stillOpen + " still open at the end)");
            return held.size() == o.connections() && stillOpen == o.connections() ? 0 : 1;
        }

        private SSLSocket open(int index) throws IOException {
            SSLSocket ssl = connect(o, factory);
            try {
                ssl.setSoTimeout((int) o.timeout().toMillis());
                ssl.startHandshake();
                ssl.getSession().invalidate();
                byte[] line = ("ping " + index + "\n").getBytes(StandardCharsets.US_ASCII);
                ssl.getOutputStream().write(line);
                ssl.getOutputStream().flush();
                byte[] back = ssl.getInputStream().readNBytes(line.length);
                if (!Arrays.equals(back, line)) {
                    throw new IOException("no echo: got " + back.length + " bytes");
                }
                ssl.setSoTimeout(0);
                return ssl;
            } catch (IOException | RuntimeException e) {
                ssl.close();
                throw e;
            }
        }
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        String what = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        if (e instanceof SocketException && m != null && m.startsWith("Connection reset")) {
            return "SocketException: Connection reset";
        }
        return what.length() > 160 ? what.substring(0, 160) : what;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
