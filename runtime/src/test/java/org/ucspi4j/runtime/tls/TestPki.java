package org.ucspi4j.runtime.tls;

import static org.ucspi4j.runtime.tls.Tools.openssl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small PKI made with the real {@code openssl} once per test JVM: a root CA, an intermediate CA,
 * server certificates (RSA and EC) and a client certificate under it, an unrelated root, an untrusted
 * self-signed server certificate, and (with BouncyCastle, since OpenSSL 3.0 cannot back-date) an
 * expired server certificate.
 */
final class TestPki {
    final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    private static final class Holder {
        static final TestPki PKI = create();
    }

    static TestPki get() {
        return Holder.PKI;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    KeyMaterial keyMaterial(String name) {
        try {
            return KeyMaterial.load(file(name + "-chain.pem"), file(name + ".key"), null);
        } catch (TlsSetupException e) {
            throw new AssertionError(e);
        }
    }

    static final String CONFIG = """
            [req]
            distinguished_name = dn
            [dn]
            [v3_ca]
            basicConstraints = critical,CA:TRUE
            keyUsage = critical,keyCertSign,cRLSign
            subjectKeyIdentifier = hash
            [v3_inter]
            basicConstraints = critical,CA:TRUE,pathlen:0
            keyUsage = critical,keyCertSign,cRLSign
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid
            [v3_server]
            basicConstraints = critical,CA:FALSE
            keyUsage = critical,digitalSignature,keyEncipherment
            extendedKeyUsage = serverAuth
            subjectAltName = DNS:localhost,IP:127.0.0.1,IP:::1
            [v3_client]
            basicConstraints = critical,CA:FALSE
            keyUsage = critical,digitalSignature
            extendedKeyUsage = clientAuth
            subjectAltName = DNS:client.example,email:client@example.org
            """;

    private static TestPki create() {
        try {
            Path dir = Files.createTempDirectory("ucspi4j-pki");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            Files.writeString(dir.resolve("openssl.cnf"), CONFIG);
            TestPki pki = new TestPki(dir);
            pki.root("root", "/C=US/O=ucspi4j test/CN=Test Root CA");
            pki.root("other-root", "/C=US/O=somebody else/CN=Other Root CA");
            pki.issue("inter", "ec", "/C=US/O=ucspi4j test/CN=Test Intermediate CA", "root", "v3_inter", 2);
            pki.issue("server-rsa", "rsa", "/C=US/ST=New York/L=Brooklyn/O=ucspi4j test/CN=localhost", "inter",
                    "v3_server", 3);
            pki.issue("server-ec", "ec", "/C=US/ST=New York/L=Brooklyn/O=ucspi4j test/CN=localhost", "inter",
                    "v3_server", 4);
            pki.issue("client", "ec",
                    "/C=DE/O=ucspi4j test/OU=clients/CN=client.example/emailAddress=client@example.org", "inter",
                    "v3_client", 5);
            openssl(dir, "req", "-config", "openssl.cnf", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-keyout", "selfsigned.key", "-out", "selfsigned.pem",
                    "-days", "30", "-subj", "/CN=localhost", "-extensions", "v3_server");
            Files.copy(dir.resolve("selfsigned.pem"), dir.resolve("selfsigned-chain.pem"));
            pki.expired();
            return pki;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void root(String name, String subject) {
        openssl(dir, "req", "-config", "openssl.cnf", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", name + ".key", "-out", name + ".pem", "-days", "30", "-subj", subject,
                "-extensions", "v3_ca");
    }

    private void issue(String name, String keyType, String subject, String issuer, String extensions, int serial)
            throws IOException {
        String[] key = keyType.equals("rsa")
                ? new String[] {"-newkey", "rsa:2048"}
                : new String[] {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"};
        var args = new java.util.ArrayList<>(java.util.List.of("req", "-config", "openssl.cnf", "-new"));
        args.addAll(java.util.List.of(key));
        args.addAll(java.util.List.of("-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject));
        openssl(dir, args.toArray(String[]::new));
        openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", issuer + ".pem", "-CAkey", issuer + ".key",
                "-set_serial", Integer.toString(serial), "-days", "30", "-extfile", "openssl.cnf", "-extensions",
                extensions, "-out", name + ".pem");
        String chain = Files.readString(dir.resolve(name + ".pem"));
        if (!issuer.endsWith("root")) {
            chain += Files.readString(dir.resolve(issuer + ".pem"));
        }
        Files.writeString(dir.resolve(name + "-chain.pem"), chain);
    }

    /** A server certificate under the intermediate that expired yesterday. */
    private void expired() {
        try {
            KeyMaterial inter = KeyMaterial.load(file("inter.pem"), file("inter.key"), null);
            KeyMaterial fresh = SelfSignedCertificate.generate();
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(inter.certificate().getSubjectX500Principal().getEncoded()),
                    BigInteger.valueOf(6), Date.from(now.minusSeconds(30 * 86400)), Date.from(now.minusSeconds(86400)),
                    new X500Name("CN=localhost"), fresh.certificate().getPublicKey());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(inter.privateKey())));
            write("expired.pem", cert);
            Files.writeString(file("expired-chain.pem"),
                    CertificateFields.pem(cert) + Files.readString(file("inter.pem")));
            writeKey("expired.key", fresh.privateKey());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    void write(String name, X509Certificate cert) throws IOException {
        Files.writeString(file(name), CertificateFields.pem(cert));
    }

    void writeKey(String name, PrivateKey key) throws IOException {
        String body = java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
        Files.writeString(file(name), "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: it is a temporary directory.
        }
    }
}
