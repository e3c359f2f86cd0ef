package org.ucspi4j.runtime.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates and OCSP responses made in memory for the stapling tests: a CA, certificates it issues
 * (with or without an OCSP URL), and responses with any status, dates, signer and CertID hash.
 */
final class OcspFixtures {
    private OcspFixtures() {}

    /** A certificate and its key. */
    record Issued(X509Certificate certificate, PrivateKey key) {}

    static KeyPair ecKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static Issued ca(String name) {
        KeyPair k = ecKey();
        return new Issued(certificate(name, BigInteger.valueOf(0x1001), k, name, k.getPrivate(), true, null, null), k.getPrivate());
    }

    /** A server certificate from {@code ca}, naming {@code ocspUrl} in its AIA unless null. */
    static Issued server(Issued ca, long serial, String ocspUrl) {
        KeyPair k = ecKey();
        return new Issued(certificate("CN=localhost", BigInteger.valueOf(serial), k,
                ca.certificate().getSubjectX500Principal().getName(), ca.key(), false, ocspUrl, null), k.getPrivate());
    }

    /** A responder certificate {@code ca} issues, for OCSP signing if {@code ocspSigning}. */
    static Issued responder(Issued ca, boolean ocspSigning) {
        KeyPair k = ecKey();
        return new Issued(certificate("CN=OCSP responder", BigInteger.valueOf(0x0c59), k,
                ca.certificate().getSubjectX500Principal().getName(), ca.key(), false, null,
                ocspSigning ? KeyPurposeId.id_kp_OCSPSigning : KeyPurposeId.id_kp_serverAuth), k.getPrivate());
    }

    private static X509Certificate certificate(String subject, BigInteger serial, KeyPair keys, String issuer,
            PrivateKey issuerKey, boolean ca, String ocspUrl, KeyPurposeId purpose) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), serial,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))),
                    new X500Name(subject), keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ocspUrl != null) {
                b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        new AccessDescription(AccessDescription.id_ad_ocsp,
                                new GeneralName(GeneralName.uniformResourceIdentifier, new DERIA5String(ocspUrl)))));
            }
            if (purpose != null) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** What goes into a response; {@link #der()} makes it. */
    static final class Response {
        private final Issued ca;
        private final X509Certificate subject;
        private Issued signer;
        private CertificateStatus status = CertificateStatus.GOOD;
        private Instant thisUpdate = Instant.now().minusSeconds(60);
        private Instant nextUpdate = Instant.now().plus(Duration.ofDays(1));
        private AlgorithmIdentifier hash = CertificateID.HASH_SHA1;
        private int responseStatus = OCSPRespBuilder.SUCCESSFUL;

        Response(Issued ca, X509Certificate subject) {
            this.ca = ca;
            this.subject = subject;
            this.signer = ca;
        }

        Response status(CertificateStatus s) {
            status = s;
            return this;
        }

        Response dates(Instant thisUpdate, Instant nextUpdate) {
            this.thisUpdate = thisUpdate;
            this.nextUpdate = nextUpdate;
            return this;
        }

        Response signedBy(Issued s) {
            signer = s;
            return this;
        }

        Response sha256() {
            hash = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);
            return this;
        }

        Response responseStatus(int s) {
            responseStatus = s;
            return this;
        }

        byte[] der() {
            try {
                if (responseStatus != OCSPRespBuilder.SUCCESSFUL) {
                    return new OCSPRespBuilder().build(responseStatus, null).getEncoded();
                }
                X509CertificateHolder signerHolder = new JcaX509CertificateHolder(signer.certificate());
                BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(signerHolder.getSubject()));
                b.addResponse(id(ca.certificate(), subject, hash), status, Date.from(thisUpdate),
                        nextUpdate == null ? null : Date.from(nextUpdate));
                X509CertificateHolder[] chain = signer == ca ? null : new X509CertificateHolder[] {signerHolder};
                var basic = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.key()), chain, new Date());
                return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    static CertificateID id(X509Certificate issuer, X509Certificate subject, AlgorithmIdentifier hash) {
        try {
            DigestCalculator digest = OcspSubject.DIGESTS.get(hash);
            return new CertificateID(digest, new JcaX509CertificateHolder(issuer), subject.getSerialNumber());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A DER OCSP request for {@code subject}, as SunJSSE sends it: one SHA-1 CertID. */
    static byte[] request(X509Certificate issuer, X509Certificate subject) {
        try {
            return new OCSPReqBuilder().addRequest(id(issuer, subject, CertificateID.HASH_SHA1)).build().getEncoded();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static OcspSubject subject(Issued ca, Issued server) {
        try {
            return OcspSubject.of(new StapledCertificate("", List.of(server.certificate(), ca.certificate())));
        } catch (OcspSubject.NotStapleable e) {
            throw new AssertionError(e);
        }
    }

    static String status(byte[] der) {
        try {
            var basic = (org.bouncycastle.cert.ocsp.BasicOCSPResp) new OCSPResp(der).getResponseObject();
            CertificateStatus s = basic.getResponses()[0].getCertStatus();
            return s == null ? "good" : s.getClass().getSimpleName();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
