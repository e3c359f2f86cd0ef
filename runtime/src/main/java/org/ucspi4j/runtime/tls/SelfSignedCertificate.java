package org.ucspi4j.runtime.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's "embedded default" credentials when no certificate is configured: a fresh ECDSA P-256
 * key and a self-signed certificate for it, made in memory at startup and never written anywhere.
 * Clients that verify will not trust it; it exists so a server can speak TLS before it is set up.
 */
public final class SelfSignedCertificate {
    private SelfSignedCertificate() {}

    /** The subject common name and the DNS name in the certificate. */
    public static final String HOST = "localhost";

    /** How long the certificate is valid from the moment it is made. */
    public static final Duration VALIDITY = Duration.ofDays(365);

    /** A new key and certificate: CN=localhost, SAN DNS:localhost, IP 127.0.0.1 and ::1, one year. */
    public static KeyMaterial generate() {
        return generate(HOST, Clock.systemUTC(), new SecureRandom());
    }

    /** As {@link #generate()}, with the common name / DNS SAN, clock and randomness chosen by the caller. */
    public static KeyMaterial generate(String host, Clock clock, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();

            X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, host).build();
            // Whole seconds: certificates carry no fractions, and a notBefore in the future by a few
            // milliseconds would make a fresh certificate "not yet valid".
            Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            Instant notAfter = notBefore.plus(VALIDITY);
            // A positive 127-bit serial: unpredictable (CA/B guidance asks for 64+ random bits) and
            // within RFC 5280's 20-octet limit.
            BigInteger serial = new BigInteger(127, random).setBit(126);

            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name, serial, Date.from(notBefore), Date.from(notAfter), name, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, host),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1"),
            }));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(pair.getPublic()));

            var signer = new JcaContentSignerBuilder("SHA256withECDSA").setSecureRandom(random).build(pair.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new KeyMaterial(List.of(certificate), pair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            // Every JDK 25 has EC P-256 and SHA256withECDSA; failing here is a broken runtime.
            throw new IllegalStateException("cannot generate the built-in self-signed certificate", e);
        }
    }
}
