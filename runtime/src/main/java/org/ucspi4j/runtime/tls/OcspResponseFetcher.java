package org.ucspi4j.runtime.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.ucspi4j.runtime.posix.ErrorText;

/**
 * {@code OCSP=1}: the response for one served certificate, fetched from the responder its Authority
 * Information Access names, by a virtual thread of its own, never in a handshake. It refreshes the
 * response at half its remaining validity (at least hourly); when a fetch fails it says so once,
 * keeps the last response while that is current, and retries with a growing delay.
 */
final class OcspResponseFetcher {
    /** Connect and read timeout of a fetch: a responder that takes longer is as good as down. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration MAX_REFRESH = Duration.ofHours(1);
    static final Duration MIN_REFRESH = Duration.ofSeconds(10);
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration MAX_RETRY = Duration.ofMinutes(10);
    /** Far more than any OCSP response: a responder that sends more is not one. */
    static final int MAX_RESPONSE = 1 << 20;

    private final OcspSubject subject;
    private final URI responder;
    private final Consumer<String> warnings;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile OcspStaple staple; // the last stapleable response; null: none yet, or it expired

    private OcspResponseFetcher(OcspSubject subject, URI responder, Consumer<String> warnings) {
        this.subject = subject;
        this.responder = responder;
        this.warnings = warnings;
        this.thread = Thread.ofVirtual().name("ocsp-fetch").unstarted(this::run);
    }

    /** Starts fetching for {@code subject}; empty (and a warning) when it names no responder we can reach. */
    static Optional<OcspResponseFetcher> start(OcspSubject subject, Consumer<String> warnings) {
        Optional<String> url = subject.responderUrl();
        if (url.isEmpty()) {
            warnings.accept("OCSP=1: nothing stapled for " + subject.describe()
                    + ": it names no OCSP responder (no OCSP URL in its Authority Information Access)");
            return Optional.empty();
        }
        Optional<URI> uri = OcspSubject.reachable(url.get());
        if (uri.isEmpty()) {
            warnings.accept("OCSP=1: nothing stapled for " + subject.describe() + ": its OCSP responder "
                    + url.get() + " is not an http or https URL");
            return Optional.empty();
        }
        OcspResponseFetcher fetcher = new OcspResponseFetcher(subject, uri.get(), warnings);
        fetcher.thread.start();
        return Optional.of(fetcher);
    }

    OcspSubject subject() {
        return subject;
    }

    /** The response to staple at {@code now}. */
    Optional<byte[]> responseFor(Instant now) {
        OcspStaple s = staple;
        return s != null && s.isCurrent(now) ? Optional.of(s.der()) : Optional.empty();
    }

    /** The certificate is no longer served: the thread ends (a fetch under way is abandoned). */
    void stop() {
        stopped = true;
        thread.interrupt();
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        boolean failing = false;
        while (!stopped) {
            Duration wait;
            try {
                OcspStaple fresh = OcspResponseCheck.check(fetch(), subject, Instant.now());
                if (fresh.status() == OcspStaple.Status.REVOKED
                        && (staple == null || staple.status() != OcspStaple.Status.REVOKED)) {
                    warnings.accept("OCSP=1: " + responder + " says " + subject.describe() + " is revoked (since "
                            + fresh.revokedAt().orElseThrow() + "): stapled all the same");
                }
                staple = fresh;
                failing = false;
                retry = FIRST_RETRY;
                wait = refreshDelay(fresh, Instant.now());
            } catch (IOException | OcspResponseCheck.Unusable e) {
                if (stopped) {
                    return;
                }
                OcspStaple last = staple;
                Instant now = Instant.now();
                if (last != null && !last.isCurrent(now)) {
                    staple = null;
                    warnings.accept("OCSP=1: the last OCSP response for " + subject.describe() + " expired at "
                            + last.nextUpdate().orElseThrow() + ": nothing stapled until " + responder + " answers");
                } else if (!failing) {
                    String why = e instanceof IOException io ? ErrorText.of(io) : e.getMessage();
                    warnings.accept("OCSP=1: no OCSP response for " + subject.describe() + " from " + responder + ": "
                            + why + (last != null ? "; the last response stays stapled until " + last.nextUpdate()
                                    .map(Instant::toString).orElse("a new one comes") : "; nothing stapled")
                            + ", retrying");
                }
                failing = true;
                wait = retry;
                retry = min(retry.multipliedBy(2), MAX_RETRY);
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return; // stopped
            }
        }
    }

    /** When to fetch again after a good response: at half its remaining validity, within bounds. */
    static Duration refreshDelay(OcspStaple s, Instant now) {
        Duration half = s.nextUpdate().map(n -> Duration.between(now, n).dividedBy(2)).orElse(MAX_REFRESH);
        return half.compareTo(MIN_REFRESH) < 0 ? MIN_REFRESH : min(half, MAX_REFRESH);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** One POST of a request for the subject's SHA-1 CertID (RFC 6960 A.1); the response's bytes. */
    private byte[] fetch() throws IOException {
        byte[] request;
        try {
            request = new OCSPReqBuilder().addRequest(subject.certificateId()).build().getEncoded();
        } catch (OCSPException e) {
            throw new IOException("cannot make the OCSP request: " + e.getMessage(), e);
        }
        HttpURLConnection c = (HttpURLConnection) responder.toURL().openConnection();
        try {
            c.setConnectTimeout((int) TIMEOUT.toMillis());
            c.setReadTimeout((int) TIMEOUT.toMillis());
            c.setUseCaches(false);
            c.setDoOutput(true);
            c.setRequestMethod("POST");
            c.setRequestProperty("Content-Type", "application/ocsp-request");
            c.setRequestProperty("Accept", "application/ocsp-response");
            c.setFixedLengthStreamingMode(request.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(request);
            }
            int code = c.getResponseCode();
            if (code != HttpURLConnection.HTTP_OK) {
                throw new IOException("HTTP " + code + (c.getResponseMessage() == null ? "" : " " + c.getResponseMessage()));
            }
            try (InputStream in = c.getInputStream()) {
                byte[] body = in.readNBytes(MAX_RESPONSE + 1);
                if (body.length > MAX_RESPONSE) {
                    throw new IOException("response larger than " + MAX_RESPONSE + " bytes");
                }
                return body;
            }
        } finally {
            c.disconnect();
        }
    }
}
