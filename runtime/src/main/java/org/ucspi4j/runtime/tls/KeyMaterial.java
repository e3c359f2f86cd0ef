package org.ucspi4j.runtime.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Optional;

/**
 * A certificate chain (leaf first) and the private key of its leaf: what a TLS endpoint presents.
 * The loaders follow OpenSSL's {@code SSL_CTX_use_certificate_chain_file},
 * {@code SSL_CTX_use_PrivateKey_file} and {@code SSL_CTX_check_private_key}, in that order, so each
 * failure is the one the C server would report.
 */
public record KeyMaterial(List<X509Certificate> chain, PrivateKey privateKey) {
    public KeyMaterial {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain");
        }
        java.util.Objects.requireNonNull(privateKey, "privateKey");
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /**
     * CERTFILE and KEYFILE: the chain from {@code certFile} (leaf first, further certificates are the
     * chain; other PEM blocks are skipped), the key from {@code keyFile}, or from {@code certFile}
     * when {@code keyFile} is null (a combined file).
     *
     * @param passphrase the passphrase bytes for an encrypted key, or null when none was given
     */
    public static KeyMaterial load(Path certFile, Path keyFile, byte[] passphrase) throws TlsSetupException {
        return read(certFile, false, keyFile, passphrase);
    }

    /**
     * CERTCHAINFILE and KEYFILE: as {@link #load}, but a failure to read the chain is reported as
     * {@code unable to load certificate chain file}. (The C server loads nothing at all when KEYFILE is
     * unset; here a null {@code keyFile} means the key is in the chain file, like CERTFILE.)
     */
    public static KeyMaterial loadChain(Path chainFile, Path keyFile, byte[] passphrase) throws TlsSetupException {
        return read(chainFile, true, keyFile, passphrase);
    }

    /**
     * A combined file is read once: read twice, a file replaced in between (a certificate renewal)
     * would give the old certificate with the new key.
     */
    private static KeyMaterial read(Path certFile, boolean chainFile, Path keyFile, byte[] passphrase)
            throws TlsSetupException {
        byte[] certBytes;
        try {
            certBytes = Files.readAllBytes(certFile);
        } catch (IOException e) {
            throw certificateError(certFile, chainFile, e.getMessage(), e);
        }
        List<X509Certificate> chain = readChain(certFile, certBytes, chainFile);
        Path key = keyFile != null ? keyFile : certFile;
        byte[] keyBytes;
        try {
            keyBytes = key.equals(certFile) ? certBytes : Files.readAllBytes(key);
        } catch (IOException e) {
            throw new TlsSetupException.Key(key, e.getMessage(), e);
        }
        return withKey(chain, key, keyBytes, passphrase);
    }

    /** A chain and key already in memory, checked to belong together. */
    public static KeyMaterial of(List<X509Certificate> chain, PrivateKey key) throws TlsSetupException.KeyMismatch {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain");
        }
        PublicKey expected = chain.getFirst().getPublicKey();
        if (!matches(key, expected)) {
            throw new TlsSetupException.KeyMismatch(key.getAlgorithm() + " private key, "
                    + expected.getAlgorithm() + " certificate key");
        }
        return new KeyMaterial(chain, key);
    }

    private static List<X509Certificate> readChain(Path file, byte[] bytes, boolean chainFile) throws TlsSetupException {
        try {
            List<X509Certificate> chain = PemReader.certificates(PemReader.blocks(bytes));
            if (chain.isEmpty()) {
                throw certificateError(file, chainFile, "no certificate in the file", null);
            }
            return chain;
        } catch (IOException | GeneralSecurityException e) {
            throw certificateError(file, chainFile, e.getMessage(), e);
        }
    }

    private static TlsSetupException certificateError(Path file, boolean chainFile, String detail, Throwable cause) {
        return chainFile
                ? new TlsSetupException.CertificateChain(file, detail, cause)
                : new TlsSetupException.Certificate(file, detail, cause);
    }

    private static KeyMaterial withKey(List<X509Certificate> chain, Path keyFile, byte[] keyBytes, byte[] passphrase)
            throws TlsSetupException {
        Optional<PrivateKey> key;
        try {
            key = PemReader.privateKey(PemReader.blocks(keyBytes), passphrase);
        } catch (PemReader.PassphraseException e) {
            if (e.missing()) {
                throw new TlsSetupException.Key(keyFile, e.getMessage(), e);
            }
            throw new TlsSetupException.WrongPassphrase(keyFile, e);
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsSetupException.Key(keyFile, e.getMessage(), e);
        }
        if (key.isEmpty()) {
            throw new TlsSetupException.Key(keyFile, "no private key in the file", null);
        }
        return of(chain, key.get());
    }

    /**
     * Whether {@code key} is the private half of {@code certificateKey}. RSA keys compare modulus and
     * exponent; other kinds sign a probe and verify it with the certificate's key, which works for
     * every signing algorithm without deriving public points.
     */
    static boolean matches(PrivateKey key, PublicKey certificateKey) {
        if (key instanceof RSAKey rsa) {
            if (!(certificateKey instanceof RSAPublicKey pub) || !rsa.getModulus().equals(pub.getModulus())) {
                return false;
            }
            return !(key instanceof RSAPrivateCrtKey crt) || crt.getPublicExponent().equals(pub.getPublicExponent());
        }
        String family = family(key.getAlgorithm());
        if (!family.equals(family(certificateKey.getAlgorithm()))) {
            return false;
        }
        String signature = switch (family) {
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "EdDSA" -> "EdDSA";
            default -> null;
        };
        if (signature == null) {
            return false;
        }
        try {
            byte[] probe = "ucspi4j key match probe".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(signature);
            signer.initSign(key);
            signer.update(probe);
            byte[] signed = signer.sign();
            Signature verifier = Signature.getInstance(signature);
            verifier.initVerify(certificateKey);
            verifier.update(probe);
            return verifier.verify(signed);
        } catch (GeneralSecurityException | RuntimeException e) {
            // Keys on different curves or of different sizes fail here rather than verify false.
            return false;
        }
    }

    private static String family(String algorithm) {
        return switch (algorithm) {
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> algorithm;
        };
    }
}
