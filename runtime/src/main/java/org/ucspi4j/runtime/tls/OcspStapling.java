package org.ucspi4j.runtime.tls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.ucspi4j.runtime.posix.ArgumentBytes;

/**
 * OCSP stapling for sslserver: {@code OCSP=1} fetches each served certificate's response from the
 * responder its certificate names, in the background; {@code OCSPFILE=path} (or {@code OCSPFILE:NAME}
 * for the certificate named NAME) serves a DER response the operator keeps fresh. An OCSPFILE wins
 * over OCSP=1 for its certificate.
 *
 * <p>SunJSSE staples by itself once {@code jdk.tls.server.enableStatusRequestExtension} is set, but it
 * fetches the response inside the handshake and waits for it. So its responder is pointed at
 * {@link InMemoryOcspResponder}, which answers at once from what this class holds: a responder that is
 * down never delays or fails a handshake, the client just gets no staple. BCJSSE cannot staple.
 */
public final class OcspStapling {
    public static final String OCSP = "OCSP";
    public static final String OCSPFILE = "OCSPFILE";

    /** How long SunJSSE keeps a response it got from us: a replaced OCSPFILE shows within about this. */
    static final int CACHE_LIFETIME_SECONDS = 1;
    /**
     * How long a handshake waits for our answer; it comes from memory, so this is only a safety net,
     * and long enough that a test can tell a handshake that waited for it from a slow machine.
     */
    static final int RESPONSE_TIMEOUT_MILLIS = 3000;

    private final boolean fetch;
    private final Map<String, OcspResponseFile> files; // by certificate name
    private final Consumer<String> warnings;
    private final Map<OcspSubject, OcspResponseFetcher> fetchers = new HashMap<>(); // guarded by this
    private volatile List<Served> served = List.of();

    /** A served certificate and where its response comes from. */
    private record Served(OcspSubject subject, Function<Instant, Optional<byte[]>> responses) {}

    OcspStapling(boolean fetch, Map<String, OcspResponseFile> files, Consumer<String> warnings) {
        this.fetch = fetch;
        this.files = files;
        this.warnings = warnings;
    }

    /**
     * From {@code OCSP} and {@code OCSPFILE}/{@code OCSPFILE:NAME} in {@code env} (empty values are
     * unset); empty when none is set. Reads the files, sets SunJSSE's stapling properties and the
     * responder's URL handler: call before the server's SSLContext is made (SunJSSE reads
     * enableStatusRequestExtension when a context is made). Fails for an OCSP other than 0 or 1, an
     * OCSPFILE that cannot be read or holds no OCSP response, and for BCJSSE.
     */
    public static Optional<OcspStapling> configure(Map<String, String> env, Consumer<String> warnings,
            TlsProvider provider) throws TlsSetupException {
        String ocsp = env.getOrDefault(OCSP, "");
        boolean fetch = switch (ocsp) {
            case "", "0" -> false;
            case "1" -> true;
            default -> throw new TlsSetupException.Stapling("unable to staple OCSP responses: OCSP=" + ocsp
                    + " (0 or 1)", null);
        };
        Map<String, String> paths = new TreeMap<>(); // by certificate name; sorted: the first bad file is always the same
        for (Map.Entry<String, String> e : env.entrySet()) {
            String variable = e.getKey();
            String value = e.getValue();
            if (!value.isEmpty() && variable.equals(OCSPFILE)) {
                paths.put("", value);
            } else if (!value.isEmpty() && variable.startsWith(OCSPFILE + ":")) {
                try {
                    // the name as the certificate's: CERTFILE:Example.org serves example.org
                    paths.put(ServerNames.normalize(variable.substring(OCSPFILE.length() + 1)), value);
                } catch (IllegalArgumentException bad) {
                    throw new TlsSetupException.Stapling("unable to staple OCSP responses: " + variable + ": "
                            + bad.getMessage(), null);
                }
            }
        }
        if (!fetch && paths.isEmpty()) {
            return Optional.empty();
        }
        if (provider != TlsProvider.SUN_JSSE) {
            throw new TlsSetupException.Stapling("unable to staple OCSP responses: OCSP stapling needs the SunJSSE"
                    + " provider, and " + TlsProvider.VARIABLE + " names " + provider.provider().getName(), null);
        }
        Map<String, OcspResponseFile> files = new HashMap<>();
        for (Map.Entry<String, String> p : paths.entrySet()) {
            String variable = p.getKey().isEmpty() ? OCSPFILE : OCSPFILE + ":" + p.getKey();
            files.put(p.getKey(), OcspResponseFile.open(variable, ArgumentBytes.path(p.getValue()), warnings));
        }
        OcspStapling stapling = new OcspStapling(fetch, Map.copyOf(files), warnings);
        try {
            InMemoryOcspResponder.answerFrom(stapling::responseFor);
        } catch (IllegalStateException e) {
            throw new TlsSetupException.Stapling("unable to staple OCSP responses: " + e.getMessage(), e);
        }
        enableSunJsseStapling();
        return Optional.of(stapling);
    }

    /**
     * SunJSSE's server stapling, every fetch going to {@link InMemoryOcspResponder} (override: not the
     * certificate's own responder), kept briefly, waited for briefly; the client's OCSP extensions
     * (a nonce) are not passed on, since a response made in advance cannot carry them.
     */
    private static void enableSunJsseStapling() {
        System.setProperty("jdk.tls.server.enableStatusRequestExtension", "true");
        System.setProperty("jdk.tls.stapling.responderURI", InMemoryOcspResponder.RESPONDER_URI);
        System.setProperty("jdk.tls.stapling.responderOverride", "true");
        System.setProperty("jdk.tls.stapling.cacheLifetime", Integer.toString(CACHE_LIFETIME_SECONDS));
        System.setProperty("jdk.tls.stapling.responseTimeout", Integer.toString(RESPONSE_TIMEOUT_MILLIS));
        System.setProperty("jdk.tls.stapling.ignoreExtensions", "true");
    }

    /**
     * The certificates served from now on, each with its name ({@code ""}: the default one): at start,
     * and again after each certificate reload. Fetching starts for new certificates and stops for
     * those no longer served; what cannot be stapled is said once here.
     */
    public void serve(CertificateSet certificates) {
        serve(certificates.all().stream().map(c -> new StapledCertificate(c.name(), c.keys().chain())).toList());
    }

    /** As {@link #serve(CertificateSet)}. */
    public synchronized void serve(List<StapledCertificate> certificates) {
        List<Served> now = new ArrayList<>();
        Map<OcspSubject, OcspResponseFetcher> keep = new HashMap<>();
        for (StapledCertificate certificate : certificates) {
            OcspResponseFile file = files.get(certificate.name());
            if (file == null && !fetch) {
                continue;
            }
            OcspSubject subject;
            try {
                subject = OcspSubject.of(certificate);
            } catch (OcspSubject.NotStapleable e) {
                String setting = file != null ? file.variable() + "=" + file.path() : OCSP + "=1";
                warnings.accept(setting + ": nothing stapled for the certificate"
                        + (certificate.name().isEmpty() ? "" : " for " + certificate.name()) + " ("
                        + certificate.chain().getFirst().getSubjectX500Principal() + "): " + e.getMessage());
                continue;
            }
            if (file != null) {
                file.serveFor(subject);
                now.add(new Served(subject, file::responseFor));
                continue;
            }
            OcspResponseFetcher fetcher = fetchers.get(subject);
            if (fetcher == null) {
                fetcher = OcspResponseFetcher.start(subject, warnings).orElse(null);
            }
            if (fetcher != null) {
                keep.put(subject, fetcher);
                now.add(new Served(subject, fetcher::responseFor));
            }
        }
        fetchers.forEach((subject, fetcher) -> {
            if (!keep.containsKey(subject)) {
                fetcher.stop();
            }
        });
        fetchers.clear();
        fetchers.putAll(keep);
        List<String> names = certificates.stream().map(StapledCertificate::name).toList();
        files.forEach((name, file) -> {
            if (!name.isEmpty() && !names.contains(name)) {
                warnings.accept(file.variable() + "=" + file.path() + ": no certificate named " + name
                        + " is served (CERTFILE:" + name + ")");
            }
        });
        served = List.copyOf(now);
    }

    /** The response held for the certificate {@code id} names, if it is current: what SunJSSE staples. */
    Optional<byte[]> responseFor(CertificateID id) {
        for (Served s : served) {
            if (s.subject().isIdentifiedBy(id)) {
                return s.responses().apply(Instant.now());
            }
        }
        return Optional.empty();
    }
}
