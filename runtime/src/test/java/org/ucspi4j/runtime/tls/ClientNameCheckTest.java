package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** sslserver -z's rule: exact, ASCII-case-insensitive, DNS SANs first, the CN only without them. */
class ClientNameCheckTest {
    static X509Certificate cert(String subject, GeneralName... san) throws Exception {
        KeyPair key = CertificateFieldsTest.ecKey();
        var b = new JcaX509v3CertificateBuilder(new X500Name(subject), BigInteger.ONE, new Date(),
                new Date(System.currentTimeMillis() + 86_400_000L), new X500Name(subject), key.getPublic());
        if (san.length > 0) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }

    static GeneralName dns(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }

    @Test
    void dnsSansAreComparedExactlyIgnoringCase() throws Exception {
        X509Certificate c = cert("CN=cn.example", dns("mail.example.org"), dns("MX.Example.ORG"));
        assertThat(ClientNameCheck.check(c, "mx.example.org")).isEqualTo(new ClientNameCheck.Result(true, "MX.Example.ORG"));
        assertThat(ClientNameCheck.check(c, "MAIL.example.org").matches()).isTrue();
        // With DNS SANs present the CN is not looked at; the last SAN compared is reported.
        assertThat(ClientNameCheck.check(c, "cn.example")).isEqualTo(new ClientNameCheck.Result(false, "MX.Example.ORG"));
        assertThat(ClientNameCheck.check(c, "mail.example.org.").matches()).isFalse();
        assertThat(ClientNameCheck.check(c, "example.org").matches()).isFalse();
    }

    @Test
    void noWildcardsAndNoIpAddresses() throws Exception {
        X509Certificate c = cert("CN=x", dns("*.example.org"), new GeneralName(GeneralName.iPAddress, "192.0.2.1"));
        assertThat(ClientNameCheck.check(c, "mail.example.org").matches()).isFalse();
        assertThat(ClientNameCheck.check(c, "*.example.org").matches()).isTrue();
        assertThat(ClientNameCheck.check(c, "192.0.2.1").matches()).isFalse();
    }

    @Test
    void commonNameOnlyWithoutDnsSans() throws Exception {
        X509Certificate onlyIp = cert("CN=host.example, CN=second.example", new GeneralName(GeneralName.iPAddress, "192.0.2.1"));
        assertThat(ClientNameCheck.check(onlyIp, "HOST.example")).isEqualTo(new ClientNameCheck.Result(true, "host.example"));
        // The first CN, as X509_NAME_get_text_by_NID finds it.
        assertThat(ClientNameCheck.check(onlyIp, "second.example")).isEqualTo(new ClientNameCheck.Result(false, "host.example"));
        X509Certificate noNames = cert("O=nobody");
        assertThat(ClientNameCheck.check(noNames, "host.example")).isEqualTo(new ClientNameCheck.Result(false, ""));
    }

    @Test
    void onlyAsciiLettersFold() {
        assertThat(ClientNameCheck.equalsIgnoreAsciiCase("ÄB", "äb")).isFalse();
        assertThat(ClientNameCheck.equalsIgnoreAsciiCase("aB-1", "Ab-1")).isTrue();
    }
}
