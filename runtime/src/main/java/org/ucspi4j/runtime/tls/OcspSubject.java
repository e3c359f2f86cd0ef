package org.ucspi4j.runtime.tls;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;

/**
 * A served certificate as OCSP names it: by its issuer and serial number. The issuer must be the
 * second certificate of the served chain, because that is the one SunJSSE builds its request's
 * CertID from; a chain without it can have nothing stapled.
 */
record OcspSubject(String name, X509Certificate certificate, X509Certificate issuer) {
    /** Digests for CertIDs, without the JCA: SHA-1 (what SunJSSE and OCSP requests use) and the rest. */
    static final DigestCalculatorProvider DIGESTS = new BcDigestCalculatorProvider();

    /** Why a certificate cannot have a response stapled; the message says so to the operator. */
    static final class NotStapleable extends Exception {
        NotStapleable(String message) {
            super(message);
        }
    }

    /** The leaf of {@code served} and its issuer, the next certificate of the chain. */
    static OcspSubject of(StapledCertificate served) throws NotStapleable {
        X509Certificate leaf = served.chain().getFirst();
        if (served.chain().size() < 2) {
            throw new NotStapleable("its issuer is not in the served chain (put the issuing CA's certificate"
                    + " right after it in the certificate file)");
        }
        X509Certificate issuer = served.chain().get(1);
        boolean issued = leaf.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
        if (issued) {
            try {
                leaf.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                issued = false;
            }
        }
        if (!issued) {
            throw new NotStapleable("the certificate after it in the served chain (" + issuer.getSubjectX500Principal()
                    + ") is not its issuer");
        }
        return new OcspSubject(served.name(), leaf, issuer);
    }

    /** Whether {@code id} names this certificate (with any hash algorithm). */
    boolean isIdentifiedBy(CertificateID id) {
        try {
            return id.getSerialNumber().equals(certificate.getSerialNumber()) && id.matchesIssuer(issuerHolder(), DIGESTS);
        } catch (OCSPException e) {
            return false; // a hash algorithm we do not know: not a CertID we could have a response for
        }
    }

    /** The CertID to ask a responder about: SHA-1, as SunJSSE will ask us, so the response's CertID is that one. */
    CertificateID certificateId() {
        try {
            return new CertificateID(DIGESTS.get(CertificateID.HASH_SHA1), issuerHolder(), certificate.getSerialNumber());
        } catch (OCSPException | OperatorCreationException e) {
            throw new IllegalStateException("SHA-1 CertID: " + e.getMessage(), e); // BC always has SHA-1
        }
    }

    X509CertificateHolder issuerHolder() {
        try {
            return new JcaX509CertificateHolder(issuer);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e); // it was decoded from this encoding
        }
    }

    /**
     * The OCSP responder the certificate's Authority Information Access names (the first one, when
     * there are several); empty when it names none.
     */
    Optional<String> responderUrl() {
        byte[] value = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (value == null) {
            return Optional.empty();
        }
        try {
            AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                    JcaX509ExtensionUtils.parseExtensionValue(value));
            for (AccessDescription d : aia.getAccessDescriptions()) {
                GeneralName where = d.getAccessLocation();
                if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                        && where.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    return Optional.of(ASN1IA5String.getInstance(where.getName()).getString());
                }
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // a malformed extension names nothing usable
        }
    }

    /** The responder URL as a URI we can reach: http or https only. */
    static Optional<URI> reachable(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The certificate in a warning: its name, subject and serial (public facts, nothing secret). */
    String describe() {
        return "the certificate " + (name.isEmpty() ? "" : "for " + name + " ") + "(" + certificate.getSubjectX500Principal()
                + ", serial " + certificate.getSerialNumber().toString(16) + ")";
    }
}
