package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates replaced under a running bin/sslserver, as certbot, acme.sh and lego replace them (an
 * atomic rename), or announced by SIGHUP: new handshakes present the new certificate, no handshake
 * fails meanwhile, and files that do not load leave the one in use serving with one warning each.
 */
class CertificateReloadIT {
    @TempDir
    static Path dir;

    static Pki pki;
    static final int VERSIONS = 4;
    static final List<BigInteger> SERIALS = new ArrayList<>();

    @BeforeAll
    static void certificates() throws IOException {
        pki = Pki.get();
        for (int i = 0; i < VERSIONS; i++) {
            BigInteger serial = BigInteger.valueOf(0x4e10ad00L + i);
            ServerNames.issue(pki, dir, "localhost", "v" + i, "0x" + serial.toString(16));
            SERIALS.add(serial);
            // one file with both: a single rename replaces certificate and key together
            Files.writeString(dir.resolve("v" + i + "-combined.pem"),
                    Files.readString(dir.resolve("v" + i + ".pem")) + Files.readString(dir.resolve("v" + i + ".key")));
        }
    }

    /** Puts {@code source}'s bytes at {@code target} by an atomic rename, as certificate tools do. */
    static void replace(Path source, Path target) throws IOException {
        Path next = target.resolveSibling(target.getFileName() + ".next");
        Files.copy(source, next, StandardCopyOption.REPLACE_EXISTING);
        Files.move(next, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void replace(String content, Path target) throws IOException {
        Path next = target.resolveSibling(target.getFileName() + ".next");
        Files.writeString(next, content);
        Files.move(next, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The serial of the certificate a fresh (not resumed) handshake gets. */
    static BigInteger served(ServerProcess server) {
        SSLSocket ssl = Peers.tls(pki, "127.0.0.1", server.port());
        try (ssl) {
            X509Certificate leaf = (X509Certificate) ssl.getSession().getPeerCertificates()[0];
            ssl.getSession().invalidate(); // the next handshake is a full one, not a resumption
            return leaf.getSerialNumber();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void sighup(ServerProcess server) {
        Tools.Result r = Tools.run(dir, List.of("kill", "-HUP", Long.toString(server.pid())));
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    /** Waits until fresh handshakes see {@code serial}. */
    static void awaitServed(ServerProcess server, BigInteger serial, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        BigInteger seen = served(server);
        while (!seen.equals(serial) && System.nanoTime() < end) {
            Thread.sleep(50);
            seen = served(server);
        }
        assertThat(seen).as(server.logText()).isEqualTo(serial);
    }

    @Test
    void twoHundredReplacementsUnderLoadFailNoHandshake() throws Exception {
        Path served = dir.resolve("served.pem");
        replace(dir.resolve("v0-combined.pem"), served);
        try (ServerProcess server = ServerProcess.in(dir).options("-v").env("CERTFILE", served.toString())
                .program("cat").start()) {
            awaitServed(server, SERIALS.get(0), Tools.PATIENCE);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger handshakes = new AtomicInteger();
            Set<BigInteger> seen = ConcurrentHashMap.newKeySet();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> load = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                load.add(Thread.ofVirtual().start(() -> {
                    while (running.get() && failure.get() == null) {
                        try {
                            seen.add(served(server));
                            handshakes.incrementAndGet();
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    }
                }));
            }
            int watched = 0;
            for (int i = 1; i <= 200; i++) {
                BigInteger now = SERIALS.get(i % VERSIONS);
                replace(dir.resolve("v" + (i % VERSIONS) + "-combined.pem"), served);
                if (i % 20 == 0) {
                    // no signal: the server sees the rename itself (or a signal's reload still under
                    // way reads it first: both count)
                    awaitServed(server, now, Duration.ofSeconds(10));
                    watched++;
                } else {
                    sighup(server);
                    if (i % 5 == 0) {
                        awaitServed(server, now, Duration.ofSeconds(10));
                    }
                }
            }
            running.set(false);
            for (Thread t : load) {
                t.join();
            }
            System.out.printf("CertificateReloadIT: 200 replacements, %d handshakes, %d reloads, 0 failed%n",
                    handshakes.get(), server.lines(0, "sslserver: certificates reloaded.*").size());
            assertThat(failure.get()).as("a handshake failed during the replacements").isNull();
            assertThat(handshakes.get()).isGreaterThan(100);
            assertThat(SERIALS).containsAll(seen);
            assertThat(seen).hasSize(VERSIONS);
            assertThat(watched).isEqualTo(10);
            // the watcher alone: once the signals' reloads are done (no new reload line for 2 s),
            // a rename no signal announces
            int reloads;
            do {
                reloads = server.lines(0, "sslserver: certificates reloaded.*").size();
                Thread.sleep(2000);
            } while (server.lines(0, "sslserver: certificates reloaded.*").size() != reloads);
            int mark = server.mark();
            replace(dir.resolve("v1-combined.pem"), served); // the storm ended on v0
            awaitServed(server, SERIALS.get(1), Duration.ofSeconds(10));
            server.awaitLine(mark, "sslserver: certificates reloaded \\(changed\\): default", Tools.PATIENCE);
            assertThat(server.lines(0, "sslserver: certificates reloaded \\(SIGHUP\\): default")).isNotEmpty();
            assertThat(server.log()).noneMatch(l -> l.contains("warning") || l.contains("dropping"));
        }
    }

    @Test
    void signalsIgnoredAtStartAreCaughtAsTheCServerCatchesThem() throws Exception {
        // what the wrapper gives the server: HUP and TERM ignored across exec, as under nohup
        Tools.Result inherited = Tools.run(dir, List.of("/bin/sh", "-c", "trap '' HUP TERM && exec grep SigIgn /proc/self/status"));
        long mask = Long.parseUnsignedLong(inherited.out().strip().substring("SigIgn:".length()).strip(), 16);
        assertThat(mask & 0x4001L).as(inherited.toString()).isEqualTo(0x4001L); // bits of signals 1 and 15

        Path served = dir.resolve("ignored-case.pem");
        replace(dir.resolve("v2-combined.pem"), served);
        try (ServerProcess server = ServerProcess.in(dir).ignoring("HUP", "TERM").options("-v")
                .env("CERTFILE", served.toString()).program("cat").start()) {
            awaitServed(server, SERIALS.get(2), Tools.PATIENCE);
            int mark = server.mark();
            sighup(server); // nothing changed: only the signal can make this reload
            server.awaitLine(mark, "sslserver: certificates reloaded \\(SIGHUP\\): default", Tools.PATIENCE);
            assertThat(server.isAlive()).isTrue();
            assertThat(served(server)).isEqualTo(SERIALS.get(2));
            assertThat(server.terminate()).isZero();
        }
    }

    @Test
    void filesThatDoNotLoadKeepTheCertificateInUse() throws Exception {
        Path cert = dir.resolve("broken-case.pem");
        Path key = dir.resolve("broken-case.key");
        Path passphrase = dir.resolve("passphrase");
        Files.write(passphrase, (Pki.PASSPHRASE + "\0").getBytes(StandardCharsets.ISO_8859_1));
        replace(dir.resolve("v1.pem"), cert);
        replace(Tools.openssl(dir, "pkey", "-in", "v1.key", "-aes-256-cbc", "-passout", "pass:" + Pki.PASSPHRASE), key);
        try (ServerProcess server = ServerProcess.in(dir).options("-v", "-3").env("CERTFILE", cert.toString())
                .env("KEYFILE", key.toString()).fd3(passphrase).program("cat").start()) {
            awaitServed(server, SERIALS.get(1), Tools.PATIENCE);
            int mark = server.mark();

            replace("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n", cert);
            server.awaitLine(mark, "sslserver: warning: unable to reload certificate default \\(" + cert + ", " + key
                    + ", changed\\): unable to load certificate: " + cert + ".*; still serving the certificates loaded before",
                    Tools.PATIENCE);
            Thread.sleep(1500); // looked at three more times: still one warning for this change
            assertThat(server.lines(mark, ".*unable to reload.*")).hasSize(1);
            assertThat(served(server)).isEqualTo(SERIALS.get(1));

            // a good certificate again, and a key that is not its own
            mark = server.mark();
            replace(dir.resolve("v1.pem"), cert);
            replace(Tools.openssl(dir, "pkey", "-in", "v2.key", "-aes-256-cbc", "-passout", "pass:" + Pki.PASSPHRASE), key);
            server.awaitLine(mark, "sslserver: warning: unable to reload certificate default .*key does not match"
                    + " certificate.*", Tools.PATIENCE);
            assertThat(served(server)).isEqualTo(SERIALS.get(1));

            // the right key under another passphrase
            mark = server.mark();
            replace(Tools.openssl(dir, "pkey", "-in", "v1.key", "-aes-256-cbc", "-passout", "pass:other"), key);
            server.awaitLine(mark, "sslserver: warning: unable to reload certificate default .*unable to load key: "
                    + key + ": wrong passphrase.*", Tools.PATIENCE);
            assertThat(served(server)).isEqualTo(SERIALS.get(1));

            // gone for a moment (a non-atomic tool), then a new certificate and its key: served
            mark = server.mark();
            Files.delete(cert);
            Thread.sleep(1200);
            replace(Tools.openssl(dir, "pkey", "-in", "v3.key", "-aes-256-cbc", "-passout", "pass:" + Pki.PASSPHRASE), key);
            replace(dir.resolve("v3.pem"), cert);
            awaitServed(server, SERIALS.get(3), Duration.ofSeconds(20));
            server.awaitLine(mark, "sslserver: certificates reloaded \\(changed\\): default", Tools.PATIENCE);
        }
    }
}
