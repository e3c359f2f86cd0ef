package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ucspi4j.runtime.tls.Tools.openssl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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
}
