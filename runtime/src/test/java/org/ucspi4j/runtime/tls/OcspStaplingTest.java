package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucspi4j.runtime.tls.OcspFixtures.Issued;
import org.ucspi4j.runtime.tls.OcspFixtures.Response;

/**
 * What the stapling holds for which certificate: OCSPFILE (read at start, followed when replaced) and
 * OCSP=1 (fetched from the certificate's responder), matched by the CertID SunJSSE asks about. The
 * JVM-wide part (SunJSSE's properties, the URL handler) is left to the end-to-end test.
 */
class OcspStaplingTest {
    static final Issued CA = OcspFixtures.ca("CN=Stapling CA");
    static final Issued SERVER = OcspFixtures.server(CA, 0x3001, null);
    static final CertificateID SERVER_ID = OcspFixtures.id(CA.certificate(), SERVER.certificate(), CertificateID.HASH_SHA1);

    @TempDir
    Path dir;

    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    static StapledCertificate served(String name, Issued server) {
        return new StapledCertificate(name, List.of(server.certificate(), CA.certificate()));
    }

    OcspStapling withFiles(Map<String, Path> paths) throws TlsSetupException {
        Map<String, OcspResponseFile> files = new java.util.HashMap<>();
        for (var p : paths.entrySet()) {
            files.put(p.getKey(), OcspResponseFile.open(p.getKey().isEmpty() ? "OCSPFILE" : "OCSPFILE:" + p.getKey(),
                    p.getValue(), warnings::add));
        }
        return new OcspStapling(false, files, warnings::add);
    }

    Path write(String name, byte[] der) throws IOException {
        return Files.write(dir.resolve(name), der);
    }

    @Test
    void nothingSetIsNoStapling() throws Exception {
        assertThat(OcspStapling.configure(Map.of(), warnings::add, TlsProvider.SUN_JSSE)).isEmpty();
        assertThat(OcspStapling.configure(Map.of("OCSP", "0", "OCSPFILE", ""), warnings::add, TlsProvider.SUN_JSSE)).isEmpty();
        assertThat(OcspStapling.configure(Map.of("OCSP", ""), warnings::add, TlsProvider.BC_JSSE)).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void badSettingsStopTheServer() throws Exception {
        assertThatThrownBy(() -> OcspStapling.configure(Map.of("OCSP", "yes"), warnings::add, TlsProvider.SUN_JSSE))
                .isInstanceOf(TlsSetupException.Stapling.class)
                .extracting(e -> ((TlsSetupException) e).serverMessage())
                .isEqualTo("unable to staple OCSP responses: OCSP=yes (0 or 1)");
        Path missing = dir.resolve("missing.der");
        assertThatThrownBy(() -> OcspStapling.configure(Map.of("OCSPFILE", missing.toString()), warnings::add,
                TlsProvider.SUN_JSSE))
                .extracting(e -> ((TlsSetupException) e).serverMessage())
                .isEqualTo("unable to load OCSP response: " + missing + ": file does not exist");
        Path garbage = write("garbage.der", "-----BEGIN nothing-----".getBytes());
        assertThatThrownBy(() -> OcspStapling.configure(Map.of("OCSPFILE:www.example", garbage.toString()), warnings::add,
                TlsProvider.SUN_JSSE))
                .extracting(e -> ((TlsSetupException) e).serverMessage())
                .isEqualTo("unable to load OCSP response: " + garbage + ": not a DER OCSP response");
        assertThatThrownBy(() -> OcspStapling.configure(Map.of("OCSP", "1"), warnings::add, TlsProvider.BC_JSSE))
                .extracting(e -> ((TlsSetupException) e).serverMessage())
                .isEqualTo("unable to staple OCSP responses: OCSP stapling needs the SunJSSE provider, and"
                        + " UCSPI4J_TLS_PROVIDER names BCJSSE");
    }

    @Test
    void anOcspFileIsServedForItsCertificateOnly() throws Exception {
        byte[] good = new Response(CA, SERVER.certificate()).der();
        OcspStapling stapling = withFiles(Map.of("", write("good.der", good)));
        stapling.serve(List.of(served("", SERVER)));
        assertThat(stapling.responseFor(SERVER_ID)).hasValue(good);

        Issued other = OcspFixtures.server(CA, 0x3002, null);
        assertThat(stapling.responseFor(OcspFixtures.id(CA.certificate(), other.certificate(), CertificateID.HASH_SHA1))).isEmpty();
        Issued elsewhere = OcspFixtures.server(OcspFixtures.ca("CN=Stapling CA"), 0x3001, null); // same serial, other issuer
        assertThat(stapling.responseFor(OcspFixtures.id(CA.certificate(), elsewhere.certificate(), CertificateID.HASH_SHA1)))
                .hasValue(good); // the CertID is the issuer's and the serial: the same as SERVER's
        assertThat(warnings).isEmpty();
    }

    @Test
    void aFileForAnotherCertificateIsSaidAndNotStapled() throws Exception {
        Issued other = OcspFixtures.server(CA, 0x3002, null);
        OcspStapling stapling = withFiles(Map.of("", write("other.der", new Response(CA, other.certificate()).der())));
        stapling.serve(List.of(served("", SERVER)));
        assertThat(stapling.responseFor(SERVER_ID)).isEmpty();
        assertThat(warnings).singleElement().asString()
                .startsWith("OCSPFILE=" + dir.resolve("other.der") + ": nothing stapled for the certificate (CN=localhost, serial 3001)")
                .endsWith(": it is not about this certificate (or not from its issuer)");
    }

    @Test
    void aReplacedFileIsServedWithinAboutASecond() throws Exception {
        Path file = write("ocsp.der", new Response(CA, SERVER.certificate()).der());
        OcspStapling stapling = withFiles(Map.of("", file));
        stapling.serve(List.of(served("", SERVER)));
        assertThat(OcspFixtures.status(stapling.responseFor(SERVER_ID).orElseThrow())).isEqualTo("good");

        byte[] revoked = new Response(CA, SERVER.certificate()).status(new RevokedStatus(new Date(), 1)).der();
        Files.move(write("ocsp.der.new", revoked), file, StandardCopyOption.ATOMIC_MOVE);
        long start = System.nanoTime();
        awaitTrue(() -> OcspFixtures.status(stapling.responseFor(SERVER_ID).orElseThrow()).equals("RevokedStatus"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(stapling.responseFor(SERVER_ID)).hasValue(revoked);
        assertThat(warnings).singleElement().asString().contains("is revoked (since ").endsWith("stapled all the same");
    }

    @Test
    void aBrokenReplacementKeepsTheLastResponse() throws Exception {
        byte[] good = new Response(CA, SERVER.certificate()).der();
        Path file = write("ocsp.der", good);
        OcspStapling stapling = withFiles(Map.of("", file));
        stapling.serve(List.of(served("", SERVER)));
        Files.move(write("ocsp.der.new", new byte[] {1, 2, 3}), file, StandardCopyOption.ATOMIC_MOVE);
        awaitTrue(() -> stapling.responseFor(SERVER_ID).isPresent() && !warnings.isEmpty()); // asking makes it look
        assertThat(stapling.responseFor(SERVER_ID)).hasValue(good);
        assertThat(warnings).singleElement().asString()
                .contains("the new OCSP response is not stapled for the certificate (CN=localhost, serial 3001):"
                        + " it is not a DER OCSP response; the last response stays stapled while it is current");
        Files.delete(file);
        awaitTrue(() -> stapling.responseFor(SERVER_ID).isPresent() && warnings.size() == 2);
        assertThat(warnings.get(1)).isEqualTo("OCSPFILE=" + file + ": unable to read: file does not exist;"
                + " the last response stays stapled while it is current");
        assertThat(stapling.responseFor(SERVER_ID)).hasValue(good);
    }

    @Test
    void anExpiredResponseIsNotStapledAndSaidOnce() throws Exception {
        Instant now = Instant.now();
        Path file = write("short.der", new Response(CA, SERVER.certificate()).dates(now.minusSeconds(60), now.plusSeconds(2)).der());
        OcspStapling stapling = withFiles(Map.of("", file));
        stapling.serve(List.of(served("", SERVER)));
        assertThat(stapling.responseFor(SERVER_ID)).isPresent();
        awaitTrue(() -> stapling.responseFor(SERVER_ID).isEmpty());
        stapling.responseFor(SERVER_ID);
        assertThat(warnings).singleElement().asString().contains(" expired at ")
                .endsWith(": nothing stapled until the file is replaced");
    }

    @Test
    void whatCannotBeStapledIsSaidWhenServed() throws Exception {
        OcspStapling stapling = withFiles(Map.of("", write("good.der", new Response(CA, SERVER.certificate()).der()),
                "www.example", write("www.der", new Response(CA, SERVER.certificate()).der())));
        stapling.serve(List.of(new StapledCertificate("", List.of(SERVER.certificate()))));
        assertThat(stapling.responseFor(SERVER_ID)).isEmpty();
        assertThat(warnings).containsExactly(
                "OCSPFILE=" + dir.resolve("good.der") + ": nothing stapled for the certificate (CN=localhost): its issuer"
                        + " is not in the served chain (put the issuing CA's certificate right after it in the certificate file)",
                "OCSPFILE:www.example=" + dir.resolve("www.der") + ": no certificate named www.example is served"
                        + " (CERTFILE:www.example)");
        warnings.clear();
        // the certificate reloaded with its chain, and the named one there too
        stapling.serve(List.of(served("", SERVER), served("www.example", SERVER)));
        assertThat(stapling.responseFor(SERVER_ID)).isPresent();
        assertThat(warnings).isEmpty();
    }

    @Test
    void ocspFetchesFromTheCertificatesResponderAndServesWhatItGets() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        byte[][] good = new byte[1][];
        TinyHttpResponder responder = new TinyHttpResponder(request -> {
            requests.incrementAndGet();
            try {
                OCSPReq req = new OCSPReq(request.body());
                seen.add(request.method() + " " + request.path() + " " + request.headers().get("Content-Type") + " "
                        + req.getRequestList()[0].getCertID().getSerialNumber().toString(16));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new TinyHttpResponder.Answer(200, "OK", "application/ocsp-response", good[0]);
        });
        Issued server = OcspFixtures.server(CA, 0x3003, "http://127.0.0.1:" + responder.port() + "/ocsp");
        good[0] = new Response(CA, server.certificate()).der();
        try {
            OcspStapling stapling = new OcspStapling(true, Map.of(), warnings::add);
            stapling.serve(List.of(served("", server)));
            CertificateID id = OcspFixtures.id(CA.certificate(), server.certificate(), CertificateID.HASH_SHA1);
            awaitTrue(() -> stapling.responseFor(id).isPresent());
            assertThat(stapling.responseFor(id)).hasValue(good[0]);
            assertThat(seen).containsExactly("POST /ocsp application/ocsp-request 3003");
            // served again (a reload of the same certificate): no second fetch at once
            stapling.serve(List.of(served("", server)));
            Thread.sleep(300);
            assertThat(requests).hasValue(1);
            // no longer served: nothing held for it
            stapling.serve(List.of());
            assertThat(stapling.responseFor(id)).isEmpty();
            assertThat(warnings).isEmpty();
        } finally {
            responder.close();
        }
    }

    @Test
    void aFailingResponderIsSaidOnceAndNothingIsStapled() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        TinyHttpResponder responder = new TinyHttpResponder(request -> {
            requests.incrementAndGet();
            return new TinyHttpResponder.Answer(500, "Internal Server Error", null, new byte[0]);
        });
        Issued server = OcspFixtures.server(CA, 0x3004, "http://127.0.0.1:" + responder.port());
        try {
            OcspStapling stapling = new OcspStapling(true, Map.of(), warnings::add);
            stapling.serve(List.of(served("", server)));
            awaitTrue(() -> !warnings.isEmpty());
            assertThat(warnings).singleElement().asString().isEqualTo("OCSP=1: no OCSP response for the certificate"
                    + " (CN=localhost, serial 3004) from http://127.0.0.1:" + responder.port()
                    + ": HTTP 500 Internal Server Error; nothing stapled, retrying");
            assertThat(stapling.responseFor(OcspFixtures.id(CA.certificate(), server.certificate(), CertificateID.HASH_SHA1)))
                    .isEmpty();
            stapling.serve(List.of());
        } finally {
            responder.close();
        }
        assertThat(requests).hasValue(1);
    }

    @Test
    void aCertificateWithoutResponderIsSaid() {
        OcspStapling stapling = new OcspStapling(true, Map.of(), warnings::add);
        stapling.serve(List.of(served("", SERVER)));
        assertThat(warnings).containsExactly("OCSP=1: nothing stapled for the certificate (CN=localhost, serial 3001):"
                + " it names no OCSP responder (no OCSP URL in its Authority Information Access)");
    }

    @Test
    void refreshesAtHalfTheRemainingValidityWithinBounds() {
        Instant now = Instant.now();
        OcspStaple day = new OcspStaple(new byte[0], OcspStaple.Status.GOOD, now, Optional.of(now.plus(Duration.ofDays(1))),
                Optional.empty());
        OcspStaple hour = new OcspStaple(new byte[0], OcspStaple.Status.GOOD, now, Optional.of(now.plus(Duration.ofMinutes(40))),
                Optional.empty());
        OcspStaple soon = new OcspStaple(new byte[0], OcspStaple.Status.GOOD, now, Optional.of(now.plusSeconds(4)),
                Optional.empty());
        OcspStaple open = new OcspStaple(new byte[0], OcspStaple.Status.GOOD, now, Optional.empty(), Optional.empty());
        assertThat(OcspResponseFetcher.refreshDelay(day, now)).isEqualTo(Duration.ofHours(1));
        assertThat(OcspResponseFetcher.refreshDelay(hour, now)).isEqualTo(Duration.ofMinutes(20));
        assertThat(OcspResponseFetcher.refreshDelay(soon, now)).isEqualTo(OcspResponseFetcher.MIN_REFRESH);
        assertThat(OcspResponseFetcher.refreshDelay(open, now)).isEqualTo(Duration.ofHours(1));
    }

    void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s; warnings: " + warnings);
            }
            Thread.sleep(20);
        }
    }
}
