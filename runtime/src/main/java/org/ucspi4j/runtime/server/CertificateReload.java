package org.ucspi4j.runtime.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.ucspi4j.runtime.posix.ErrorText;
import org.ucspi4j.runtime.posix.Signals;
import org.ucspi4j.runtime.tls.CertificateSet;
import org.ucspi4j.runtime.tls.ServedCertificate;
import org.ucspi4j.runtime.tls.ServerTlsContext;
import org.ucspi4j.runtime.tls.TlsSetupException;

/**
 * Certificates replaced without a restart. The files are looked at twice a second (a stat, following
 * symbolic links: an atomic rename, certbot's flip of its {@code live/} links and an edit in place
 * all change what it sees); a change that has held still for one look, or a SIGHUP, loads every
 * certificate again. New handshakes then present the new ones; established sessions are untouched.
 * A file that does not load (bad PEM, key not matching, wrong passphrase, no permission after the
 * privilege drop) keeps the certificates in use and logs one warning naming it, once per change.
 * One thread does every reload: signals that arrive while it reads coalesce into one more reload,
 * so a burst of SIGHUPs never queues a reload per signal.
 */
final class CertificateReload {
    static final Duration INTERVAL = Duration.ofMillis(500);

    private final List<CertificateFiles> sources;
    private final ServedCertificate generated; // the in-memory default when no files name one, or null
    private final byte[] passphrase;
    private final ServerTlsContext tls;
    private final ServerLog log;
    private final Consumer<CertificateSet> loaded;
    private final Semaphore hangups = new Semaphore(0);
    private List<FileState> inUse; // what the files looked like when the set in use was read

    /** What a stat says about a file, enough to see it replaced or rewritten. */
    private record FileState(Path path, Object fileKey, long modified, long size) {
        static FileState of(Path path) {
            try {
                BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
                return new FileState(path, a.fileKey(), a.lastModifiedTime().toMillis(), a.size());
            } catch (IOException e) {
                return new FileState(path, null, -1, -1); // gone for now: a change like any other
            }
        }
    }

    /**
     * @param loaded told each set that took effect (the OCSP stapler's list of certificates)
     */
    CertificateReload(List<CertificateFiles> sources, ServedCertificate generated, byte[] passphrase,
            ServerTlsContext tls, ServerLog log, Consumer<CertificateSet> loaded) {
        this.sources = List.copyOf(sources);
        this.generated = generated;
        this.passphrase = passphrase == null ? null : passphrase.clone();
        this.tls = tls;
        this.log = log;
        this.loaded = loaded;
        this.inUse = states();
    }

    /** Every certificate, read now: the set a server starts with (failures in the C server's words). */
    static CertificateSet load(List<CertificateFiles> sources, ServedCertificate generated, byte[] passphrase)
            throws TlsSetupException {
        try {
            return loadNaming(sources, generated, passphrase);
        } catch (FileFailure f) {
            throw f.cause;
        }
    }

    /** A certificate's files that did not load, and why. */
    private static final class FileFailure extends Exception {
        final transient CertificateFiles files;
        final TlsSetupException cause;

        FileFailure(CertificateFiles files, TlsSetupException cause) {
            super(cause.getMessage(), cause);
            this.files = files;
            this.cause = cause;
        }
    }

    private static CertificateSet loadNaming(List<CertificateFiles> sources, ServedCertificate generated,
            byte[] passphrase) throws FileFailure {
        List<ServedCertificate> all = new ArrayList<>();
        if (generated != null) {
            all.add(generated);
        }
        for (CertificateFiles f : sources) {
            try {
                all.add(f.load(passphrase));
            } catch (TlsSetupException e) {
                throw new FileFailure(f, e);
            }
        }
        return CertificateSet.of(all);
    }

    /** Watches the files and answers SIGHUP, on a daemon thread of its own, until the JVM ends. */
    void start() {
        if (sources.isEmpty()) {
            return; // nothing read from files: nothing to reload
        }
        try {
            Signals.handle("HUP", hangups::release);
        } catch (IllegalArgumentException | IOException e) {
            log.warning("SIGHUP will not reload the certificates (" + ErrorText.of(e) + "); their files are still watched");
        }
        Thread.ofPlatform().daemon().name("certificate-reload").start(this::watch);
    }

    private void watch() {
        List<FileState> pending = null;
        while (true) {
            try {
                if (hangups.tryAcquire(INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                    hangups.drainPermits(); // every signal so far is answered by this one reading
                    reload("SIGHUP");
                    pending = null;
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            List<FileState> now = states();
            if (now.equals(inUse)) {
                pending = null;
            } else if (now.equals(pending)) {
                reload("changed");
                pending = null;
            } else {
                pending = now; // still changing, maybe: look again before reading it
            }
        }
    }

    /** Loads every certificate again; the set in use stays when anything fails. */
    private void reload(String why) {
        List<FileState> before = states();
        CertificateSet set;
        try {
            set = loadNaming(sources, generated, passphrase);
            tls.replaceCertificates(set);
        } catch (FileFailure f) {
            inUse = before; // warn once per change, not on every look
            CertificateFiles c = f.files;
            log.warning("unable to reload certificate " + (c.name().isEmpty() ? "default" : c.name()) + " ("
                    + String.join(", ", c.files().stream().map(Path::toString).toList()) + ", " + why + "): "
                    + f.getMessage() + "; still serving the certificates loaded before");
            return;
        } catch (TlsSetupException e) {
            inUse = before;
            log.warning("unable to reload certificates (" + why + "): " + e.getMessage());
            return;
        }
        inUse = before;
        loaded.accept(set);
        log.note("certificates reloaded (" + why + "): " + String.join(" ",
                set.all().stream().map(ServedCertificate::label).toList()));
    }

    private List<FileState> states() {
        LinkedHashSet<Path> files = new LinkedHashSet<>();
        sources.forEach(s -> files.addAll(s.files()));
        return files.stream().map(FileState::of).toList();
    }
}
