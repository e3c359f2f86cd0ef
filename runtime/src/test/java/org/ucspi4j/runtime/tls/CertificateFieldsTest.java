package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucspi4j.runtime.tls.Tools.openssl;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERGeneralString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERT61String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DERUniversalString;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ucspi4j.runtime.SslVariable;

/**
 * Every certificate-derived value of the SSL_* variables, compared with what {@code openssl x509}
 * prints for the same file: certificates made by openssl itself (RSA, RSA-PSS, EC, EdDSA, DSA, v1, long
 * and negative serials, UTF-8 and multi-valued names) and, for what openssl's tools cannot make,
 * certificates built with BouncyCastle (odd string types, control bytes, unknown attributes, dates
 * before 2000 and after 2049, fractional seconds) and then read by openssl.
 */
class CertificateFieldsTest {
    @TempDir
    static Path dir;

    /** ucspi-ssl's component suffixes and the short names openssl prints for them (UID: see below). */
    static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("2.5.4.6", "C");
        COMPONENTS.put("2.5.4.8", "ST");
        COMPONENTS.put("2.5.4.7", "L");
        COMPONENTS.put("2.5.4.10", "O");
        COMPONENTS.put("2.5.4.11", "OU");
        COMPONENTS.put("2.5.4.3", "CN");
        COMPONENTS.put("2.5.4.12", "title");
        COMPONENTS.put("2.5.4.43", "initials");
        COMPONENTS.put("2.5.4.42", "GN");
        COMPONENTS.put("2.5.4.4", "SN");
        COMPONENTS.put("2.5.4.13", "description");
        COMPONENTS.put("1.2.840.113549.1.9.1", "emailAddress");
    }

    static final List<String> FILES = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        Files.writeString(dir.resolve("openssl.cnf"), TestPki.CONFIG);
        req("rsa.pem", List.of("-newkey", "rsa:2048", "-sha256", "-set_serial", "0x00FFEEDDCCBBAA998877665544332211AABBCC",
                "-subj", "/C=US/ST=New York/L=Brooklyn/O=Example Inc/OU=Ops/CN=loopback/emailAddress=ops@example.com",
                "-addext", "subjectAltName=DNS:loopback,DNS:www.example.com,email:ops@example.com,IP:127.0.0.1"));
        req("ec384-utf8.pem", List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-sha384", "-utf8",
                "-multivalue-rdn", "-set_serial", "1",
                "-subj", "/C=DE/O=Ä Grüße\\/slash\\+plus/OU=a+CN=multi/UID=uid1/serialNumber=123/title=Dr/"
                        + "initials=JD/GN=Jöhn/SN=Doe/description=a description/CN=last,comma=eq\"q"));
        req("rsa-pss-sig.pem", List.of("-newkey", "rsa:2048", "-sigopt", "rsa_padding_mode:pss", "-sha256",
                "-subj", "/CN=pss signature"));
        openssl(dir, "genpkey", "-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "pss.key");
        req("rsa-pss-key.pem", List.of("-key", "pss.key", "-subj", "/CN=pss key"));
        req("ed25519.pem", List.of("-newkey", "ed25519", "-subj", "/O=Edwards/CN=ed25519", "-set_serial", "-42"));
        req("ed448.pem", List.of("-newkey", "ed448", "-subj", "/CN=ed448"));
        openssl(dir, "genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:2048", "-out", "dsa.params");
        openssl(dir, "genpkey", "-paramfile", "dsa.params", "-out", "dsa.key");
        req("dsa.pem", List.of("-key", "dsa.key", "-sha256", "-subj", "/CN=dsa"));
        // A version 1 certificate: x509 -req adds no extensions.
        openssl(dir, "req", "-new", "-key", "dsa.key", "-subj", "/CN=v1", "-out", "v1.csr");
        openssl(dir, "x509", "-req", "-in", "v1.csr", "-signkey", "dsa.key", "-days", "1", "-out", "v1.pem");
        FILES.add("v1.pem");
        // The shared test PKI's certificates, issued by a CA.
        TestPki pki = TestPki.get();
        for (String name : List.of("server-rsa", "client", "inter", "root")) {
            Files.copy(pki.file(name + ".pem"), dir.resolve("pki-" + name + ".pem"));
            FILES.add("pki-" + name + ".pem");
        }
        oddNames();
        everyKnownAttribute();
        fractionalSeconds();
        // OpenSSL refuses to parse a GeneralString in a name, the JDK does not; no openssl comparison.
        X500Name general = new X500Name(new RDN[] {
            rdn("2.5.4.41", new DERGeneralString("\0\0\0A\0\0\0B")), rdn("2.5.4.3", new DERGeneralString("ab\0c"))
        });
        build("general-string.pem", general, general, new Time(new ASN1UTCTime("240806125118Z")),
                new Time(new ASN1UTCTime("250806125118Z")), null);
        FILES.remove("general-string.pem");
        // An empty subject (allowed with a SAN): S_DN is then left unset, not set empty.
        build("empty-subject.pem", new X500Name(new RDN[0]), new X500Name("CN=issuer"),
                new Time(new ASN1UTCTime("240806125118Z")), new Time(new ASN1UTCTime("250806125118Z")),
                new GeneralNames(new GeneralName(GeneralName.rfc822Name, "only@example.org")));
    }

    private static void req(String out, List<String> args) {
        List<String> all = new ArrayList<>(List.of("req", "-config", "openssl.cnf", "-x509", "-nodes", "-keyout",
                out + ".key", "-days", "3", "-out", out));
        all.addAll(args);
        openssl(dir, all.toArray(String[]::new));
        FILES.add(out);
    }

    static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    static void build(String file, X500Name subject, X500Name issuer, Time notBefore, Time notAfter,
            GeneralNames san) throws Exception {
        KeyPair key = ecKey();
        var builder = new X509v3CertificateBuilder(issuer, BigInteger.valueOf(77), notBefore, notAfter, subject,
                SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()));
        if (san != null) {
            // RFC 5280: critical when the subject is empty (the JDK insists).
            builder.addExtension(Extension.subjectAlternativeName, subject.getRDNs().length == 0, san);
        }
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
        Files.writeString(dir.resolve(file), CertificateFields.pem(cert));
        FILES.add(file);
    }

    static AttributeTypeAndValue atv(String oid, ASN1Encodable value) {
        return new AttributeTypeAndValue(new ASN1ObjectIdentifier(oid), value);
    }

    static RDN rdn(String oid, ASN1Encodable value) {
        return new RDN(atv(oid, value));
    }

    /** String types and bytes openssl's req cannot write; a UTCTime before 2000, a GeneralizedTime after 2049. */
    static void oddNames() throws Exception {
        X500Name subject = new X500Name(new RDN[] {
            rdn("2.5.4.6", new DERPrintableString("US")),
            rdn("2.5.4.10", new DERT61String(new byte[] {'C', 'a', 'f', (byte) 0xe9})),
            rdn("2.5.4.11", new DERUniversalString("Ünï".getBytes(Charsetish.UTF_32BE))),
            rdn("2.5.4.3", new DERBMPString("Zoë 東京")),
            new RDN(new AttributeTypeAndValue[] {
                atv("2.5.4.3", new DERUTF8String("second")), atv("2.5.4.11", new DERUTF8String("x/y+z"))
            }),
            rdn("2.5.4.7", new DERUTF8String("tab\there\u007f del \u0001 ctl")),
            rdn("1.2.3.4", new DERUTF8String("unknown oid")),
            rdn("0.9.2342.19200300.100.1.25", new DERIA5String("example")),
            rdn("0.9.2342.19200300.100.1.1", new DERUTF8String("jdoe")),
            rdn("2.5.4.45", new DERBitString(new byte[] {1, 2, 'A'})),
            rdn("1.2.840.113549.1.9.1", new DERIA5String("first@example.org")),
            rdn("1.2.840.113549.1.9.1", new DERIA5String("second@example.org")),
            rdn("2.5.4.5", new DERPrintableString("42")),
        });
        X500Name issuer = new X500Name(new RDN[] {
            rdn("2.5.4.10", new DERUTF8String("Odd Issuer")), rdn("2.5.4.3", new DERUTF8String("Issuing CA")),
        });
        build("odd-names.pem", subject, issuer,
                new Time(new ASN1UTCTime("991231235959Z")), new Time(new ASN1GeneralizedTime("20500806125118Z")),
                new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "a.example"),
                    new GeneralName(GeneralName.rfc822Name, "x@y.example"),
                    new GeneralName(GeneralName.iPAddress, "10.1.2.3"),
                    new GeneralName(GeneralName.dNSName, "b.example"),
                }));
    }

    /** One UTF8String attribute of every type in OpenSslObjects, so openssl confirms each short name. */
    static void everyKnownAttribute() throws Exception {
        List<RDN> rdns = new ArrayList<>();
        int i = 0;
        for (String oid : attributeOids()) {
            rdns.add(rdn(oid, new DERUTF8String("v" + i++)));
        }
        X500Name name = new X500Name(rdns.toArray(RDN[]::new));
        build("all-attributes.pem", name, name, new Time(new ASN1UTCTime("240806125118Z")),
                new Time(new ASN1UTCTime("250806125118Z")), null);
    }

    static List<String> attributeOids() {
        List<String> out = new ArrayList<>();
        for (String prefix : List.of("2.5.4.", "0.9.2342.19200300.100.1.", "1.3.6.1.4.1.311.60.2.1.",
                "1.3.6.1.5.5.7.9.", "1.2.840.113549.1.9.")) {
            for (int n = 0; n < 120; n++) {
                String oid = prefix + n;
                if (OpenSslObjects.of(oid).isPresent()) {
                    out.add(oid);
                }
            }
        }
        return out;
    }

    static void fractionalSeconds() throws Exception {
        X500Name name = new X500Name("CN=fraction");
        build("fraction.pem", name, name, new Time(new ASN1GeneralizedTime("20240806095118.25Z")),
                new Time(new ASN1UTCTime("500101000000Z")), null);
    }

    static Stream<String> files() {
        return FILES.stream();
    }

    static X509Certificate load(String file) throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyFieldAsOpensslPrintsIt(String file) throws Exception {
        CertificateFields f = CertificateFields.of(load(file));
        OpensslView o = OpensslView.of(dir, file);
        assertThat(f.version()).as("version").isEqualTo(o.version());
        assertThat(new BigInteger(f.serial())).as("serial").isEqualTo(o.serial());
        assertThat(f.subjectOneline()).as("subject").isEqualTo(o.subject());
        assertThat(f.issuerOneline()).as("issuer").isEqualTo(o.issuer());
        assertThat(f.signatureAlgorithm()).as("signature algorithm").isEqualTo(o.signatureAlgorithm());
        assertThat(f.keyAlgorithm()).as("key algorithm").isEqualTo(o.keyAlgorithm());
        assertThat(f.notBefore()).as("notBefore").contains(o.notBefore());
        assertThat(f.notAfter()).as("notAfter").contains(o.notAfter());
        assertThat(f.pem()).as("PEM").isEqualTo(o.pem());
        assertThat(f.sanDnsNames()).as("DNS SANs").isEqualTo(o.sanDns());
        assertThat(f.sanEmails()).as("email SANs").isEqualTo(o.sanEmail());
        for (var c : COMPONENTS.entrySet()) {
            assertThat(f.subjectValue(c.getKey())).as("subject " + c.getValue())
                    .isEqualTo(Optional.ofNullable(o.subjectComponents().get(c.getValue())));
            assertThat(f.issuerValue(c.getKey())).as("issuer " + c.getValue())
                    .isEqualTo(Optional.ofNullable(o.issuerComponents().get(c.getValue())));
        }
    }

    @Test
    void theOddOnesSpelledOut() throws Exception {
        CertificateFields f = CertificateFields.of(load("odd-names.pem"));
        // BouncyCastle sorts the multi-valued RDN into DER order: OU before CN.
        assertThat(f.subjectOneline()).isEqualTo("/C=US/O=Caf\\xE9/OU=\\x00\\x00\\x00\\xDC\\x00\\x00\\x00n\\x00\\x00\\x00\\xEF"
                + "/CN=\\x00Z\\x00o\\x00\\xEB\\x00 gqN\\xAC"
                + "/OU=x\\/y\\+z+CN=second/L=tab\\x09here\\x7F del \\x01 ctl/1.2.3.4=unknown oid/DC=example/UID=jdoe"
                + "/x500UniqueIdentifier=\\x01\\x02A/emailAddress=first@example.org"
                + "/emailAddress=second@example.org/serialNumber=42");
        assertThat(f.notBefore()).contains("Dec 31 23:59:59 1999 GMT");
        assertThat(f.notAfter()).contains("Aug  6 12:51:18 2050 GMT");
        // Components are text: T61 read as Latin-1, BMP and UniversalString decoded; the last value wins.
        assertThat(f.subjectValue("2.5.4.10")).contains("Café");
        assertThat(f.subjectValue("2.5.4.11")).contains("x/y+z");
        assertThat(f.subjectValue("2.5.4.3")).contains("second");
        assertThat(f.subjectValue("1.2.840.113549.1.9.1")).contains("second@example.org");
        assertThat(f.subjectValue("2.5.4.45")).contains("\u0001\u0002A");
        assertThat(DistinguishedNames.values(f.subject(), "2.5.4.3")).containsExactly("Zoë 東京", "second");
        assertThat(CertificateFields.of(load("fraction.pem")).notBefore()).contains("Aug  6 09:51:18.25 2024 GMT");
        // X509_NAME_oneline's reading of a GeneralString that is UCS-4 in disguise: every fourth byte.
        assertThat(CertificateFields.of(load("general-string.pem")).subjectOneline()).isEqualTo("/name=AB/CN=ab\\x00c");
    }

    @Test
    void missingDataLeavesVariablesUnset() throws Exception {
        List<SslVariable> vars = SslVariables.certificate("SSL_CLIENT_", load("empty-subject.pem"), List.of());
        List<String> names = vars.stream().map(SslVariable::name).toList();
        assertThat(names).containsExactly("SSL_CLIENT_M_VERSION", "SSL_CLIENT_M_SERIAL", "SSL_CLIENT_I_DN",
                "SSL_CLIENT_I_DN_CN", "SSL_CLIENT_A_SIG", "SSL_CLIENT_A_KEY", "SSL_CLIENT_SAN_Email_0",
                "SSL_CLIENT_V_START", "SSL_CLIENT_V_END", "SSL_CLIENT_CERT");
        assertThat(vars).allSatisfy(v -> assertThat(v.value()).isNotEmpty());
        assertThat(SslVariables.value(vars, "SSL_CLIENT_A_KEY")).contains("id-ecPublicKey");
    }

    /** Java has no UTF-32 constant; the JDK ships the charset. */
    static final class Charsetish {
        static final java.nio.charset.Charset UTF_32BE = java.nio.charset.Charset.forName("UTF-32BE");
    }

    @Test
    void pemIsWhatOpensslWrites() throws Exception {
        String pem = CertificateFields.of(load("rsa.pem")).pem();
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(pem.lines().filter(l -> !l.startsWith("-----"))).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(64));
        assertThat(pem.getBytes(StandardCharsets.US_ASCII)).isEqualTo(Files.readAllBytes(dir.resolve("rsa.pem")));
    }
}
