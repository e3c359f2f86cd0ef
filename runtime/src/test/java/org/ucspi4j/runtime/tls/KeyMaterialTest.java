package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.ucspi4j.runtime.tls.Tools.openssl;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Keys in every form {@code openssl} writes them, loaded the way sslserver loads CERTFILE/KEYFILE. */
class KeyMaterialTest {
    @TempDir
    static Path dir;

    static final String PASS = "s3cret pass";
    static final byte[] PASS_BYTES = PASS.getBytes(StandardCharsets.US_ASCII);

    @BeforeAll
    static void keys() throws IOException {
        // RSA: PKCS#8, PKCS#1, legacy-encrypted PKCS#1, and encrypted PKCS#8 in four schemes.
        openssl(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.p8.pem");
        openssl(dir, "rsa", "-in", "rsa.p8.pem", "-traditional", "-out", "rsa.pkcs1.pem");
        openssl(dir, "rsa", "-in", "rsa.p8.pem", "-traditional", "-aes256", "-passout", "pass:" + PASS,
                "-out", "rsa.pkcs1.aes256.pem");
        openssl(dir, "rsa", "-in", "rsa.p8.pem", "-traditional", "-des3", "-passout", "pass:" + PASS,
                "-out", "rsa.pkcs1.des3.pem");
        openssl(dir, "pkcs8", "-topk8", "-in", "rsa.p8.pem", "-v2", "aes256", "-passout", "pass:" + PASS,
                "-out", "rsa.p8.aes256.pem");
        openssl(dir, "pkcs8", "-topk8", "-in", "rsa.p8.pem", "-v2", "des3", "-v2prf", "hmacWithSHA1",
                "-passout", "pass:" + PASS, "-out", "rsa.p8.des3.pem");
        openssl(dir, "pkcs8", "-topk8", "-in", "rsa.p8.pem", "-scrypt", "-passout", "pass:" + PASS,
                "-out", "rsa.p8.scrypt.pem");
        openssl(dir, "pkcs8", "-topk8", "-in", "rsa.p8.pem", "-v1", "PBE-SHA1-3DES", "-passout", "pass:" + PASS,
                "-out", "rsa.p8.pbe3des.pem");
        openssl(dir, "req", "-x509", "-key", "rsa.p8.pem", "-subj", "/CN=rsa", "-days", "1", "-out", "rsa.crt");

        // EC P-256 from ecparam: an EC PARAMETERS block, then the SEC1 key.
        openssl(dir, "ecparam", "-genkey", "-name", "prime256v1", "-out", "ec256.sec1.pem");
        openssl(dir, "ec", "-in", "ec256.sec1.pem", "-aes128", "-passout", "pass:" + PASS,
                "-out", "ec256.sec1.aes128.pem");
        openssl(dir, "pkcs8", "-topk8", "-nocrypt", "-in", "ec256.sec1.pem", "-out", "ec256.p8.pem");
        openssl(dir, "pkcs8", "-topk8", "-in", "ec256.sec1.pem", "-v2", "aes256", "-passout", "pass:" + PASS,
                "-out", "ec256.p8.aes256.pem");
        openssl(dir, "req", "-x509", "-key", "ec256.sec1.pem", "-subj", "/CN=ec256", "-days", "1", "-out", "ec256.crt");

        // EC P-384 from genpkey, converted to SEC1, plain and encrypted.
        openssl(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "ec384.p8.pem");
        openssl(dir, "ec", "-in", "ec384.p8.pem", "-out", "ec384.sec1.pem");
        openssl(dir, "ec", "-in", "ec384.p8.pem", "-aes256", "-passout", "pass:" + PASS,
                "-out", "ec384.sec1.aes256.pem");
        openssl(dir, "req", "-x509", "-key", "ec384.p8.pem", "-subj", "/CN=ec384", "-days", "1", "-out", "ec384.crt");

        openssl(dir, "genpkey", "-algorithm", "ED25519", "-out", "ed25519.p8.pem");
        openssl(dir, "req", "-x509", "-key", "ed25519.p8.pem", "-subj", "/CN=ed25519", "-days", "1",
                "-out", "ed25519.crt");

        openssl(dir, "genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:2048",
                "-out", "dsa.params");
        openssl(dir, "genpkey", "-paramfile", "dsa.params", "-out", "dsa.p8.pem");
        openssl(dir, "dsa", "-in", "dsa.p8.pem", "-out", "dsa.trad.pem");
        openssl(dir, "req", "-x509", "-key", "dsa.p8.pem", "-subj", "/CN=dsa", "-days", "1", "-out", "dsa.crt");
    }

    static Stream<Arguments> keyFiles() {
        return Stream.of(
                Arguments.of("rsa.crt", "rsa.p8.pem", false),
                Arguments.of("rsa.crt", "rsa.pkcs1.pem", false),
                Arguments.of("rsa.crt", "rsa.pkcs1.aes256.pem", true),
                Arguments.of("rsa.crt", "rsa.pkcs1.des3.pem", true),
                Arguments.of("rsa.crt", "rsa.p8.aes256.pem", true),
                Arguments.of("rsa.crt", "rsa.p8.des3.pem", true),
                Arguments.of("rsa.crt", "rsa.p8.scrypt.pem", true),
                Arguments.of("rsa.crt", "rsa.p8.pbe3des.pem", true),
                Arguments.of("ec256.crt", "ec256.sec1.pem", false),
                Arguments.of("ec256.crt", "ec256.sec1.aes128.pem", true),
                Arguments.of("ec256.crt", "ec256.p8.pem", false),
                Arguments.of("ec256.crt", "ec256.p8.aes256.pem", true),
                Arguments.of("ec384.crt", "ec384.p8.pem", false),
                Arguments.of("ec384.crt", "ec384.sec1.pem", false),
                Arguments.of("ec384.crt", "ec384.sec1.aes256.pem", true),
                Arguments.of("ed25519.crt", "ed25519.p8.pem", false),
                Arguments.of("dsa.crt", "dsa.p8.pem", false),
                Arguments.of("dsa.crt", "dsa.trad.pem", false));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("keyFiles")
    void loadsEveryFormat(String cert, String key, boolean encrypted) throws Exception {
        KeyMaterial km = KeyMaterial.load(dir.resolve(cert), dir.resolve(key), encrypted ? PASS_BYTES : null);
        assertThat(km.chain()).hasSize(1);
        assertThat(km.certificate().getSubjectX500Principal().getName()).startsWith("CN=");
        assertThat(KeyMaterial.matches(km.privateKey(), km.certificate().getPublicKey())).isTrue();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("keyFiles")
    void wrongOrMissingPassphrase(String cert, String key, boolean encrypted) {
        if (!encrypted) {
            return;
        }
        assertThatThrownBy(() -> KeyMaterial.load(dir.resolve(cert), dir.resolve(key), "wrong".getBytes()))
                .isInstanceOf(TlsSetupException.WrongPassphrase.class)
                .hasMessageContaining("unable to load key: " + dir.resolve(key));
        assertThatThrownBy(() -> KeyMaterial.load(dir.resolve(cert), dir.resolve(key), null))
                .isInstanceOf(TlsSetupException.Key.class)
                .isNotInstanceOf(TlsSetupException.WrongPassphrase.class)
                .hasMessageContaining("no passphrase");
    }

    @Test
    void passphraseIsRawBytes() throws Exception {
        // A Latin-1 byte that is not UTF-8, and UTF-8: OpenSSL uses whatever bytes it is given.
        for (byte[] pass : new byte[][] {
            {'p', (byte) 0xe9, 'x', 'y'}, "pässwörd".getBytes(StandardCharsets.UTF_8)
        }) {
            Files.write(dir.resolve("pass.bin"), pass);
            for (String[] form : new String[][] {
                {"rsa", "-in", "rsa.p8.pem", "-traditional", "-aes256"},
                {"pkcs8", "-topk8", "-in", "rsa.p8.pem", "-v2", "aes256"},
                {"pkcs8", "-topk8", "-in", "rsa.p8.pem", "-scrypt"},
            }) {
                var args = new java.util.ArrayList<>(java.util.List.of(form));
                args.addAll(java.util.List.of("-passout", "file:pass.bin", "-out", "raw.pem"));
                openssl(dir, args.toArray(String[]::new));
                KeyMaterial km = KeyMaterial.load(dir.resolve("rsa.crt"), dir.resolve("raw.pem"), pass);
                assertThat(km.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=rsa");
            }
        }
    }

    @Test
    void combinedFileInEitherOrder() throws Exception {
        Path certFirst = dir.resolve("combined1.pem");
        Files.writeString(certFirst, Files.readString(dir.resolve("ec256.crt")) + Files.readString(dir.resolve("ec256.sec1.pem")));
        Path keyFirst = dir.resolve("combined2.pem");
        Files.writeString(keyFirst, Files.readString(dir.resolve("rsa.pkcs1.aes256.pem")) + "junk between blocks\n"
                + Files.readString(dir.resolve("rsa.crt")));
        assertThat(KeyMaterial.load(certFirst, null, null).certificate().getSubjectX500Principal().getName())
                .isEqualTo("CN=ec256");
        assertThat(KeyMaterial.load(keyFirst, null, PASS_BYTES).certificate().getSubjectX500Principal().getName())
                .isEqualTo("CN=rsa");
    }

    @Test
    void chainIsLeafFirst() throws Exception {
        TestPki pki = TestPki.get();
        KeyMaterial km = KeyMaterial.loadChain(pki.file("server-ec-chain.pem"), pki.file("server-ec.key"), null);
        assertThat(km.chain()).hasSize(2);
        assertThat(km.certificate().getSubjectX500Principal().getName()).contains("CN=localhost");
        assertThat(km.chain().get(1).getSubjectX500Principal().getName()).contains("CN=Test Intermediate CA");
    }

    @Test
    void trustedCertificateBlocks() throws Exception {
        openssl(dir, "x509", "-in", "rsa.crt", "-trustout", "-addtrust", "serverAuth", "-out", "rsa.trusted.pem");
        assertThat(Files.readString(dir.resolve("rsa.trusted.pem"))).contains("BEGIN TRUSTED CERTIFICATE");
        KeyMaterial km = KeyMaterial.load(dir.resolve("rsa.trusted.pem"), dir.resolve("rsa.p8.pem"), null);
        assertThat(km.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=rsa");
    }

    @Test
    void keyMustMatchCertificate() {
        assertThatThrownBy(() -> KeyMaterial.load(dir.resolve("rsa.crt"), dir.resolve("ec256.p8.pem"), null))
                .isInstanceOf(TlsSetupException.KeyMismatch.class)
                .extracting(e -> ((TlsSetupException) e).serverMessage()).isEqualTo("key does not match certificate");
        assertThatThrownBy(() -> KeyMaterial.load(dir.resolve("ec256.crt"), dir.resolve("ec384.p8.pem"), null))
                .isInstanceOf(TlsSetupException.KeyMismatch.class);
        assertThatCode(() -> KeyMaterial.load(dir.resolve("ec384.crt"), dir.resolve("ec384.p8.pem"), null))
                .doesNotThrowAnyException();
    }

    @Test
    void otherKeyOfTheSameCurveDoesNotMatch() throws Exception {
        openssl(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec256.other.pem");
        assertThatThrownBy(() -> KeyMaterial.load(dir.resolve("ec256.crt"), dir.resolve("ec256.other.pem"), null))
                .isInstanceOf(TlsSetupException.KeyMismatch.class);
        openssl(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "rsa.other.pem");
        assertThatThrownBy(() -> KeyMaterial.load(dir.resolve("rsa.crt"), dir.resolve("rsa.other.pem"), null))
                .isInstanceOf(TlsSetupException.KeyMismatch.class);
    }

    @Test
    void unreadableFilesAreTheServersErrors() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> KeyMaterial.load(missing, dir.resolve("rsa.p8.pem"), null))
                .isInstanceOf(TlsSetupException.Certificate.class)
                .extracting(e -> ((TlsSetupException) e).serverMessage())
                .isEqualTo("unable to load certificate: " + missing);
        assertThatThrownBy(() -> KeyMaterial.loadChain(missing, dir.resolve("rsa.p8.pem"), null))
                .isInstanceOf(TlsSetupException.CertificateChain.class)
                .extracting(e -> ((TlsSetupException) e).serverMessage())
                .isEqualTo("unable to load certificate chain file: " + missing);
        assertThatThrownBy(() -> KeyMaterial.load(dir.resolve("rsa.crt"), missing, null))
                .isInstanceOf(TlsSetupException.Key.class)
                .extracting(e -> ((TlsSetupException) e).serverMessage())
                .isEqualTo("unable to load key: " + missing);
        // A certificate file without a certificate, a key file without a key.
        assertThatThrownBy(() -> KeyMaterial.load(dir.resolve("rsa.p8.pem"), null, null))
                .isInstanceOf(TlsSetupException.Certificate.class);
        assertThatThrownBy(() -> KeyMaterial.load(dir.resolve("rsa.crt"), null, null))
                .isInstanceOf(TlsSetupException.Key.class).hasMessageContaining("no private key");
        // Damaged base64 inside a certificate block.
        Path damaged = dir.resolve("damaged.pem");
        Files.writeString(damaged, Files.readString(dir.resolve("rsa.crt")).replaceFirst("\n[A-Za-z0-9+/]{10}", "\n!!!!!!!!!!"));
        assertThatThrownBy(() -> KeyMaterial.load(damaged, dir.resolve("rsa.p8.pem"), null))
                .isInstanceOf(TlsSetupException.Certificate.class);
    }

    /**
     * Key derivation parameters come from the key file. Hostile ones are refused before any work is
     * done: 2^31 PBKDF2 or PKCS#12 iterations would take most of an hour, an scrypt N of 2^30
     * gigabytes; malformed ones are a key error, not an unchecked exception.
     */
    @Test
    void hostileKeyDerivationParametersAreRefusedAtOnce() throws Exception {
        Path pbkdf2 = dir.resolve("rsa.p8.aes256.pem");
        Path scrypt = dir.resolve("rsa.p8.scrypt.pem");
        Path pbes1 = dir.resolve("rsa.p8.pbe3des.pem");
        assertRefusedAtOnce(rewrite(pbkdf2, 4, new ASN1Integer(Integer.MAX_VALUE)),
                "PBKDF2 iteration count 2147483647 is not between 1 and 10000000");
        assertRefusedAtOnce(rewrite(pbkdf2, 4, new ASN1Integer(BigInteger.ONE.shiftLeft(40))),
                "PBKDF2 iteration count 1099511627776 is not between 1 and 10000000");
        assertRefusedAtOnce(rewrite(pbkdf2, 4, new ASN1Integer(0)), "PBKDF2 iteration count 0 is not between");
        assertRefusedAtOnce(rewrite(scrypt, 4, new ASN1Integer(1L << 30)), "scrypt N 1073741824 is not between");
        assertRefusedAtOnce(rewrite(scrypt, 4, new ASN1Integer(1L << 18)), "need more than 32 MB");
        assertRefusedAtOnce(rewrite(scrypt, 5, new ASN1Integer(1L << 40)), "scrypt r 1099511627776 is not between 1 and 33554432");
        assertRefusedAtOnce(rewrite(scrypt, 6, new ASN1Integer(1 << 20)), "need more than 32 MB");
        assertRefusedAtOnce(rewrite(scrypt, 6, new ASN1Integer(64)), "more work than the limit");
        assertRefusedAtOnce(rewrite(scrypt, 4, new ASN1Integer(3000)), "malformed PBES2 parameters");
        assertRefusedAtOnce(rewrite(pbkdf2, 1, DERNull.INSTANCE), "malformed PBES2 parameters");
        assertRefusedAtOnce(rewrite(pbes1, 3, new ASN1Integer(Integer.MAX_VALUE)),
                "PBE iteration count 2147483647 is not between 1 and 10000000");
        assertRefusedAtOnce(rewrite(pbes1, 1, DERNull.INSTANCE), "malformed PBE parameters");
    }

    private static void assertRefusedAtOnce(Path key, String message) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(
                () -> KeyMaterial.load(dir.resolve("rsa.crt"), key, PASS_BYTES))
                .isInstanceOf(TlsSetupException.Key.class)
                .isNotInstanceOf(TlsSetupException.WrongPassphrase.class)
                .hasMessageContaining(message));
    }

    /**
     * {@code file}'s EncryptedPrivateKeyInfo with one part of its algorithm replaced: 1 the
     * parameters; PBES2: 4..6 the KDF parameters' second to fourth element (PBKDF2: 4 the
     * iteration count; scrypt: 4 N, 5 r, 6 p); PBES1/PKCS#12: 3 the iteration count.
     */
    private static Path rewrite(Path file, int part, ASN1Encodable value) throws IOException {
        EncryptedPrivateKeyInfo info = EncryptedPrivateKeyInfo.getInstance(
                PemReader.blocks(Files.readAllBytes(file)).getFirst().content());
        AlgorithmIdentifier algorithm = info.getEncryptionAlgorithm();
        ASN1Encodable params = algorithm.getParameters();
        if (part == 1) {
            params = value;
        } else if (part == 3) {
            params = replace(ASN1Sequence.getInstance(params), 1, value);
        } else {
            ASN1Sequence pbes2 = ASN1Sequence.getInstance(params);
            ASN1Sequence kdf = ASN1Sequence.getInstance(pbes2.getObjectAt(0));
            ASN1Sequence kdfParams = replace(ASN1Sequence.getInstance(kdf.getObjectAt(1)), part - 3, value);
            params = replace(pbes2, 0, replace(kdf, 1, kdfParams));
        }
        byte[] der = new EncryptedPrivateKeyInfo(new AlgorithmIdentifier(algorithm.getAlgorithm(), params),
                info.getEncryptedData()).getEncoded();
        Path out = dir.resolve("hostile-" + part + "-" + file.getFileName());
        StringWriter text = new StringWriter();
        try (PemWriter w = new PemWriter(text)) {
            w.writeObject(new PemObject("ENCRYPTED PRIVATE KEY", der));
        }
        Files.writeString(out, text.toString());
        return out;
    }

    private static ASN1Sequence replace(ASN1Sequence seq, int index, ASN1Encodable value) {
        ASN1Encodable[] items = seq.toArray();
        items[index] = value;
        return new DERSequence(items);
    }
}
