package org.ucspi4j.runtime.tls;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Whether a DER OCSP response may be stapled for a certificate. A client that asks for a staple
 * checks it, and a bad one can fail its handshake where no staple would not: so only a successful,
 * signed, current response about exactly this certificate is stapled. "Revoked" is stapled (the
 * client must learn it); "unknown" is not, since it says nothing about the certificate and some
 * clients refuse a stapled "unknown" outright.
 */
final class OcspResponseCheck {
    private OcspResponseCheck() {}

    /** How far in the future a thisUpdate may lie: the responder's clock may run a little ahead of ours. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** Why a response is not stapled, in words for the operator's log. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    static OcspStaple check(byte[] der, OcspSubject subject, Instant now) throws Unusable {
        OCSPResp response;
        try {
            response = new OCSPResp(der);
        } catch (IOException | RuntimeException e) {
            throw new Unusable("it is not a DER OCSP response");
        }
        if (response.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new Unusable("the responder answered " + statusName(response.getStatus()));
        }
        BasicOCSPResp basic;
        try {
            basic = response.getResponseObject() instanceof BasicOCSPResp b ? b : null;
        } catch (OCSPException | RuntimeException e) {
            basic = null;
        }
        if (basic == null) {
            throw new Unusable("it is not a basic OCSP response");
        }
        SingleResp single = null;
        for (SingleResp r : basic.getResponses()) {
            if (subject.isIdentifiedBy(r.getCertID())) {
                single = r;
                break;
            }
        }
        if (single == null) {
            throw new Unusable("it is not about this certificate (or not from its issuer)");
        }
        if (!single.getCertID().getHashAlgOID().equals(CertificateID.HASH_SHA1.getAlgorithm())) {
            // SunJSSE looks the response up by a SHA-1 CertID and staples nothing when it is not there
            throw new Unusable("it names the certificate by a hash other than SHA-1, and SunJSSE staples only"
                    + " responses that use SHA-1 (openssl ocsp's default)");
        }
        if (!signedByIssuerOrItsResponder(basic, subject, now)) {
            throw new Unusable("it is signed neither by the certificate's issuer nor by a responder the issuer"
                    + " certified for OCSP signing");
        }
        Instant thisUpdate = single.getThisUpdate().toInstant();
        Optional<Instant> nextUpdate = Optional.ofNullable(single.getNextUpdate()).map(java.util.Date::toInstant);
        if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))) {
            throw new Unusable("its thisUpdate " + thisUpdate + " is in the future");
        }
        if (nextUpdate.isPresent() && !now.isBefore(nextUpdate.get())) {
            throw new Unusable("it expired at " + nextUpdate.get() + " (its nextUpdate)");
        }
        CertificateStatus status = single.getCertStatus();
        if (status == CertificateStatus.GOOD) {
            return new OcspStaple(der, OcspStaple.Status.GOOD, thisUpdate, nextUpdate, Optional.empty());
        }
        if (status instanceof RevokedStatus revoked) {
            return new OcspStaple(der, OcspStaple.Status.REVOKED, thisUpdate, nextUpdate,
                    Optional.of(revoked.getRevocationTime().toInstant()));
        }
        throw new Unusable("the responder does not know the certificate (status unknown)");
    }

    /**
     * RFC 6960 4.2.2.2: signed by the issuer itself, or by a responder certificate the issuer signed
     * for id-kp-OCSPSigning, carried in the response and valid now.
     */
    private static boolean signedByIssuerOrItsResponder(BasicOCSPResp basic, OcspSubject subject, Instant now) {
        X509CertificateHolder issuer = subject.issuerHolder();
        if (verifies(basic, issuer)) {
            return true;
        }
        for (X509CertificateHolder responder : basic.getCerts()) {
            if (responder.getIssuer().equals(issuer.getSubject())
                    && signedBy(responder, issuer)
                    && forOcspSigning(responder)
                    && responder.isValidOn(java.util.Date.from(now))
                    && verifies(basic, responder)) {
                return true;
            }
        }
        return false;
    }

    private static boolean verifies(BasicOCSPResp basic, X509CertificateHolder signer) {
        try {
            return basic.isSignatureValid(verifier(signer));
        } catch (OCSPException | OperatorCreationException | CertificateEncodingException | RuntimeException e) {
            return false;
        }
    }

    private static boolean signedBy(X509CertificateHolder certificate, X509CertificateHolder issuer) {
        try {
            return certificate.isSignatureValid(verifier(issuer));
        } catch (CertException | OperatorCreationException | CertificateEncodingException | RuntimeException e) {
            return false;
        }
    }

    private static ContentVerifierProvider verifier(X509CertificateHolder signer)
            throws OperatorCreationException, CertificateEncodingException {
        try {
            return new JcaContentVerifierProviderBuilder().build(signer);
        } catch (java.security.cert.CertificateException e) {
            throw new CertificateEncodingException(e.getMessage());
        }
    }

    private static boolean forOcspSigning(X509CertificateHolder responder) {
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(responder.getExtensions());
        return eku != null && eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning);
    }

    /** RFC 6960's names for the response statuses. */
    static String statusName(int status) {
        return switch (status) {
            case OCSPResp.MALFORMED_REQUEST -> "malformedRequest";
            case OCSPResp.INTERNAL_ERROR -> "internalError";
            case OCSPResp.TRY_LATER -> "tryLater";
            case OCSPResp.SIG_REQUIRED -> "sigRequired";
            case OCSPResp.UNAUTHORIZED -> "unauthorized";
            default -> "status " + status;
        };
    }
}
