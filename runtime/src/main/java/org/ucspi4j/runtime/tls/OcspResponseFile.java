package org.ucspi4j.runtime.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.ucspi4j.runtime.posix.ErrorText;

/**
 * {@code OCSPFILE} or {@code OCSPFILE:NAME}: a DER OCSP response the operator keeps fresh by replacing
 * the file, as with the certificate. It is read at start (a file that cannot be read stops the server)
 * and again when a handshake asks for it and the file has changed (inode, size or mtime), looked at
 * no more than once a second, so a busy server does not stat it per handshake. A new content that
 * cannot be read or stapled is reported once; the last stapleable response stays while it is current.
 */
final class OcspResponseFile {
    /** How often a handshake may look at the file. */
    static final long LOOK_EVERY_NANOS = 1_000_000_000L;

    private record Identity(Object fileKey, long size, FileTime modified) {}

    private final String variable; // OCSPFILE or OCSPFILE:NAME, for the warnings
    private final Path path;
    private final Consumer<String> warnings;

    // guarded by this
    private Identity identity;
    private byte[] content;
    private String readFailure; // the last read failure reported, so each is said once
    private OcspSubject subject;
    private boolean expirySaid;

    private volatile OcspStaple staple; // for subject, from content; null: nothing to staple
    private volatile long nextLook;

    private OcspResponseFile(String variable, Path path, Consumer<String> warnings, Identity identity, byte[] content) {
        this.variable = variable;
        this.path = path;
        this.warnings = warnings;
        this.identity = identity;
        this.content = content;
        this.nextLook = System.nanoTime() + LOOK_EVERY_NANOS;
    }

    /** Reads the file at start: it must be there and hold an OCSP response (whether it fits comes later). */
    static OcspResponseFile open(String variable, Path path, Consumer<String> warnings) throws TlsSetupException {
        Identity identity;
        byte[] content;
        try {
            identity = identify(path);
            content = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new TlsSetupException.Stapling("unable to load OCSP response: " + path + ": " + ErrorText.of(e), e);
        }
        try {
            new OCSPResp(content); // the structure only: whether it fits the certificate is said when served
        } catch (IOException | RuntimeException e) {
            throw new TlsSetupException.Stapling("unable to load OCSP response: " + path + ": not a DER OCSP response", e);
        }
        return new OcspResponseFile(variable, path, warnings, identity, content);
    }

    String variable() {
        return variable;
    }

    Path path() {
        return path;
    }

    /** The certificate the response is for from now on; said at once when the response does not fit it. */
    synchronized void serveFor(OcspSubject certificate) {
        boolean newSubject = !certificate.equals(subject);
        subject = certificate;
        recheck(newSubject);
    }

    /** The response to staple at {@code now}, looking at the file first when it is time to. */
    Optional<byte[]> responseFor(Instant now) {
        if (System.nanoTime() - nextLook >= 0) {
            look();
        }
        OcspStaple s = staple;
        if (s == null) {
            return Optional.empty();
        }
        if (!s.isCurrent(now)) {
            synchronized (this) {
                if (!expirySaid && staple == s) {
                    expirySaid = true;
                    warnings.accept(variable + "=" + path + ": the OCSP response for " + subject.describe() + " expired at "
                            + s.nextUpdate().orElseThrow() + ": nothing stapled until the file is replaced");
                }
            }
            return Optional.empty();
        }
        return Optional.of(s.der());
    }

    private synchronized void look() {
        if (System.nanoTime() - nextLook < 0) {
            return; // another thread looked meanwhile
        }
        nextLook = System.nanoTime() + LOOK_EVERY_NANOS;
        Identity now;
        byte[] read;
        try {
            now = identify(path);
            if (now.equals(identity)) {
                return;
            }
            read = Files.readAllBytes(path);
        } catch (IOException e) {
            String why = ErrorText.of(e);
            if (!why.equals(readFailure)) {
                readFailure = why;
                warnings.accept(variable + "=" + path + ": unable to read: " + why
                        + (staple != null ? "; the last response stays stapled while it is current" : ""));
            }
            return;
        }
        readFailure = null;
        identity = now;
        if (Arrays.equals(read, content)) {
            return; // touched or rewritten with the same response
        }
        content = read;
        recheck(false);
    }

    /**
     * Checks the content against the subject: staples it, or says why not. A new content that cannot
     * be stapled leaves the last response stapled while it is current (the operator may have made a
     * mistake; the old response is still the truth); a new subject never keeps another's response.
     * Guarded by this.
     */
    private void recheck(boolean newSubject) {
        if (subject == null) {
            staple = null;
            return;
        }
        try {
            OcspStaple checked = OcspResponseCheck.check(content, subject, Instant.now());
            staple = checked;
            expirySaid = false;
            if (checked.status() == OcspStaple.Status.REVOKED) {
                warnings.accept(variable + "=" + path + ": the OCSP response says " + subject.describe()
                        + " is revoked (since " + checked.revokedAt().orElseThrow() + "): stapled all the same");
            }
        } catch (OcspResponseCheck.Unusable e) {
            OcspStaple last = newSubject ? null : staple;
            boolean keep = last != null && last.isCurrent(Instant.now());
            staple = keep ? last : null;
            warnings.accept(variable + "=" + path + ": " + (keep ? "the new OCSP response is not stapled" : "nothing stapled")
                    + " for " + subject.describe() + ": " + e.getMessage()
                    + (keep ? "; the last response stays stapled while it is current" : ""));
        }
    }

    private static Identity identify(Path path) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        return new Identity(a.fileKey(), a.size(), a.lastModifiedTime());
    }
}
