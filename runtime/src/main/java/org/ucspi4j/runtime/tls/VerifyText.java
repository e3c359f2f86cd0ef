package org.ucspi4j.runtime.tls;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXReason;
import java.util.Locale;

/**
 * Why a certificate chain was not accepted, in OpenSSL's verify-error words
 * ({@code X509_verify_cert_error_string}: "certificate has expired", "unable to get local issuer
 * certificate"), found in the causes of a failed handshake.
 */
final class VerifyText {
    private VerifyText() {}

    static final String GENERIC = "certificate verify failed";

    /** The verify error behind {@code e}, or null when no certificate check failed. */
    static String of(Throwable e) {
        String found = null;
        // the innermost certificate problem is the most precise one
        for (Throwable t = e; t != null; t = t.getCause()) {
            String here = one(t);
            if (here != null && (found == null || !here.equals(GENERIC))) {
                found = here;
            }
        }
        return found;
    }

    private static String one(Throwable t) {
        if (t instanceof CertificateExpiredException) {
            return "certificate has expired";
        }
        if (t instanceof CertificateNotYetValidException) {
            return "certificate is not yet valid";
        }
        if (t instanceof CertPathValidatorException v) {
            return validator(v);
        }
        if (t instanceof CertPathBuilderException) {
            // no path from the peer's certificate to a trust anchor (JSSE's "PKIX path building failed")
            return "unable to get local issuer certificate";
        }
        if (t instanceof CertificateException) {
            String m = lower(t.getMessage());
            if (m.contains("extended key usage") || m.contains("keyusage") || m.contains("key usage")) {
                return "unsupported certificate purpose";
            }
            if (m.contains("subject alternative name") || m.contains("no name matching")) {
                return "hostname mismatch";
            }
            return GENERIC;
        }
        return null;
    }

    private static String validator(CertPathValidatorException v) {
        CertPathValidatorException.Reason r = v.getReason();
        if (r == BasicReason.EXPIRED) {
            return "certificate has expired";
        }
        if (r == BasicReason.NOT_YET_VALID) {
            return "certificate is not yet valid";
        }
        if (r == BasicReason.REVOKED) {
            return "certificate revoked";
        }
        if (r == BasicReason.INVALID_SIGNATURE) {
            return "certificate signature failure";
        }
        if (r == BasicReason.ALGORITHM_CONSTRAINED) {
            return "certificate key or signature algorithm too weak";
        }
        if (r == BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            return "unable to get certificate CRL";
        }
        if (r == PKIXReason.NO_TRUST_ANCHOR || r == PKIXReason.NAME_CHAINING) {
            return "unable to get local issuer certificate";
        }
        if (r == PKIXReason.PATH_TOO_LONG) {
            return "certificate chain too long";
        }
        if (r == PKIXReason.NOT_CA_CERT) {
            return "invalid CA certificate";
        }
        if (r == PKIXReason.INVALID_KEY_USAGE) {
            return "unsupported certificate purpose";
        }
        if (r == PKIXReason.UNRECOGNIZED_CRIT_EXT) {
            return "unhandled critical extension";
        }
        if (r == PKIXReason.INVALID_NAME) {
            return "name constraints violation";
        }
        if (r == PKIXReason.INVALID_POLICY) {
            return "invalid or inconsistent certificate policy extension";
        }
        return GENERIC;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
