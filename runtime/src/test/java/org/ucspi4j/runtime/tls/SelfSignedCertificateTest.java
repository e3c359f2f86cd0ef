package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucspi4j.runtime.tls.Tools.openssl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in default certificate, as {@code openssl x509} sees it. */
class SelfSignedCertificateTest {
    @TempDir
    Path dir;

    @Test
    void opensslSeesAnEcdsaP256LocalhostCertificate() throws Exception {
        KeyMaterial km = SelfSignedCertificate.generate();
        Files.writeString(dir.resolve("self.pem"), CertificateFields.pem(km.certificate()));

        String text = openssl(dir, "x509", "-in", "self.pem", "-noout", "-text");
        assertThat(text)
                .contains("Version: 3 (0x2)")
                .contains("Signature Algorithm: ecdsa-with-SHA256")
                .contains("Issuer: CN = localhost")
                .contains("Subject: CN = localhost")
                .contains("Public Key Algorithm: id-ecPublicKey")
                .contains("NIST CURVE: P-256")
                .contains("X509v3 Subject Alternative Name: \n                DNS:localhost, IP Address:127.0.0.1, "
                        + "IP Address:0:0:0:0:0:0:0:1")
                .contains("X509v3 Basic Constraints: critical\n                CA:FALSE")
                .contains("TLS Web Server Authentication");

        // One year of validity, as openssl computes it from the two dates.
        String dates = openssl(dir, "x509", "-in", "self.pem", "-noout", "-startdate", "-enddate");
        assertThat(dates).startsWith("notBefore=").contains("\nnotAfter=");
        assertThat(Duration.between(km.certificate().getNotBefore().toInstant(),
                km.certificate().getNotAfter().toInstant())).isEqualTo(Duration.ofDays(365));
        assertThat(openssl(dir, "x509", "-in", "self.pem", "-noout", "-checkend", "0")).contains("will not expire");

        // It verifies against itself, and names the host and both loopback addresses.
        assertThat(openssl(dir, "verify", "-CAfile", "self.pem", "self.pem")).contains("self.pem: OK");
        assertThat(openssl(dir, "x509", "-in", "self.pem", "-noout", "-checkhost", "localhost"))
                .contains("Hostname localhost does match certificate");
        for (String ip : new String[] {"127.0.0.1", "::1"}) {
            assertThat(openssl(dir, "x509", "-in", "self.pem", "-noout", "-checkip", ip))
                    .contains("IP " + ip + " does match certificate");
        }
    }

    @Test
    void serialsAreRandomAndPositive() {
        KeyMaterial a = SelfSignedCertificate.generate();
        KeyMaterial b = SelfSignedCertificate.generate();
        assertThat(a.certificate().getSerialNumber()).isNotEqualTo(b.certificate().getSerialNumber());
        assertThat(a.certificate().getSerialNumber().signum()).isPositive();
        assertThat(a.certificate().getSerialNumber().bitLength()).isEqualTo(127);
        assertThat(KeyMaterial.matches(a.privateKey(), a.certificate().getPublicKey())).isTrue();
        assertThat(KeyMaterial.matches(a.privateKey(), b.certificate().getPublicKey())).isFalse();
    }
}
