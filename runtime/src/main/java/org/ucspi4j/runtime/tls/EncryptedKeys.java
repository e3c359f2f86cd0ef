package org.ucspi4j.runtime.tls;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.digests.SHA512tDigest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Decryption of password-protected private keys with the passphrase as raw bytes, as OpenSSL uses
 * it. JCA password APIs take {@code char[]} and re-encode it (UTF-8 for PBKDF2, low byte for the
 * legacy PEM KDF), which changes non-ASCII passphrases; so the key derivations are done here on the
 * bytes, and only the block cipher comes from the JDK.
 */
final class EncryptedKeys {
    private EncryptedKeys() {}

    /** A cipher OpenSSL writes into PEM headers or PBES2 parameters: JCA name, key and IV length. */
    private record CipherSpec(String transformation, String keyAlgorithm, int keyLength) {}

    private static final Map<String, CipherSpec> PEM_CIPHERS = Map.of(
            "AES-128-CBC", new CipherSpec("AES/CBC/PKCS5Padding", "AES", 16),
            "AES-192-CBC", new CipherSpec("AES/CBC/PKCS5Padding", "AES", 24),
            "AES-256-CBC", new CipherSpec("AES/CBC/PKCS5Padding", "AES", 32),
            "DES-EDE3-CBC", new CipherSpec("DESede/CBC/PKCS5Padding", "DESede", 24),
            "DES-CBC", new CipherSpec("DES/CBC/PKCS5Padding", "DES", 8));

    private static final Map<String, CipherSpec> PBES2_CIPHERS = Map.of(
            "2.16.840.1.101.3.4.1.2", PEM_CIPHERS.get("AES-128-CBC"),
            "2.16.840.1.101.3.4.1.22", PEM_CIPHERS.get("AES-192-CBC"),
            "2.16.840.1.101.3.4.1.42", PEM_CIPHERS.get("AES-256-CBC"),
            "1.2.840.113549.3.7", PEM_CIPHERS.get("DES-EDE3-CBC"),
            "1.3.14.3.2.7", PEM_CIPHERS.get("DES-CBC"));

    /** PKCS#5's arc, under which the PBES1 schemes are. */
    private static final ASN1ObjectIdentifier PKCS5 = new ASN1ObjectIdentifier("1.2.840.113549.1.5");

    private static final ASN1ObjectIdentifier SCRYPT = new ASN1ObjectIdentifier("1.3.6.1.4.1.11591.4.11");

    /**
     * A traditional key encrypted the pre-PKCS#8 OpenSSL way ({@code Proc-Type: 4,ENCRYPTED},
     * {@code DEK-Info: AES-256-CBC,<iv>}): key = EVP_BytesToKey(MD5, passphrase, first 8 IV bytes, 1).
     */
    static byte[] legacyPem(String dekInfo, byte[] encrypted, byte[] passphrase) throws GeneralSecurityException {
        if (dekInfo == null || dekInfo.indexOf(',') < 0) {
            throw new GeneralSecurityException("encrypted PEM block without a usable DEK-Info header");
        }
        String name = dekInfo.substring(0, dekInfo.indexOf(',')).trim().toUpperCase(Locale.ROOT);
        CipherSpec spec = PEM_CIPHERS.get(name);
        if (spec == null) {
            throw new GeneralSecurityException("unsupported PEM encryption: " + name);
        }
        byte[] iv;
        try {
            iv = HexFormat.of().parseHex(dekInfo.substring(dekInfo.indexOf(',') + 1).trim());
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("malformed DEK-Info IV", e);
        }
        if (iv.length < 8) {
            throw new GeneralSecurityException("DEK-Info IV too short");
        }
        requirePassphrase(passphrase);
        byte[] key = bytesToKey(passphrase, java.util.Arrays.copyOf(iv, 8), spec.keyLength());
        return decrypt(spec, key, iv, encrypted);
    }

    /** OpenSSL's EVP_BytesToKey with MD5 and one iteration: D_i = MD5(D_(i-1) || pass || salt). */
    private static byte[] bytesToKey(byte[] passphrase, byte[] salt, int length) throws GeneralSecurityException {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] out = new byte[length];
        byte[] previous = new byte[0];
        for (int filled = 0; filled < length; ) {
            md5.update(previous);
            md5.update(passphrase);
            md5.update(salt);
            previous = md5.digest();
            int n = Math.min(previous.length, length - filled);
            System.arraycopy(previous, 0, out, filled, n);
            filled += n;
        }
        return out;
    }

    /**
     * The most PBKDF2 (and PKCS#5 v1 / PKCS#12 PBE) iterations a key file may ask for. A hostile file
     * could otherwise keep the server busy for hours at startup (2^31 iterations); 10 million take
     * some seconds. OpenSSL writes 2048 by default.
     */
    static final long MAX_ITERATIONS = 10_000_000L;

    /**
     * The most memory scrypt may take, 128·r·(N + p + 2) bytes: OpenSSL's own limit for decrypting
     * keys (its default {@code maxmem}), so every key OpenSSL reads is read here too.
     */
    static final long MAX_SCRYPT_MEMORY = 32L * 1024 * 1024;

    /**
     * The most scrypt work, N·r·p, a key file may ask for: 32 times OpenSSL's default
     * (N=16384, r=8, p=1), a few seconds. Memory alone does not bound it, since p multiplies the
     * time without adding memory.
     */
    static final long MAX_SCRYPT_WORK = 1L << 22;

    /** An {@code ENCRYPTED PRIVATE KEY} (PKCS#8 EncryptedPrivateKeyInfo). */
    static PrivateKeyInfo pkcs8(byte[] der, byte[] passphrase) throws GeneralSecurityException {
        EncryptedPrivateKeyInfo info;
        try {
            info = EncryptedPrivateKeyInfo.getInstance(der);
        } catch (RuntimeException e) {
            throw new GeneralSecurityException("malformed ENCRYPTED PRIVATE KEY: " + e.getMessage(), e);
        }
        requirePassphrase(passphrase);
        AlgorithmIdentifier algorithm = info.getEncryptionAlgorithm();
        byte[] plain = algorithm.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBES2)
                ? pbes2(algorithm.getParameters(), info.getEncryptedData(), passphrase)
                : legacyPkcs8(der, algorithm, passphrase);
        try {
            return PrivateKeyInfo.getInstance(plain);
        } catch (RuntimeException e) {
            throw new PemReader.PassphraseException(false, "wrong passphrase", e);
        }
    }

    /** PBES2 (RFC 8018) with PBKDF2 or scrypt, which is what OpenSSL 1.1 and later write. */
    private static byte[] pbes2(ASN1Encodable parameters, byte[] encrypted, byte[] passphrase)
            throws GeneralSecurityException {
        CipherSpec spec;
        byte[] iv;
        byte[] key;
        try {
            PBES2Parameters params = PBES2Parameters.getInstance(parameters);
            EncryptionScheme scheme = params.getEncryptionScheme();
            spec = PBES2_CIPHERS.get(scheme.getAlgorithm().getId());
            if (spec == null) {
                throw new GeneralSecurityException("unsupported PBES2 cipher: " + scheme.getAlgorithm().getId());
            }
            iv = ASN1OctetString.getInstance(scheme.getParameters()).getOctets();
            key = deriveKey(params.getKeyDerivationFunc(), passphrase, spec.keyLength());
        } catch (RuntimeException e) {
            // BouncyCastle's ASN.1 classes report a structure they do not expect with unchecked exceptions.
            throw new GeneralSecurityException("malformed PBES2 parameters: " + e.getMessage(), e);
        }
        return decrypt(spec, key, iv, encrypted);
    }

    private static byte[] deriveKey(KeyDerivationFunc kdf, byte[] passphrase, int keyLength)
            throws GeneralSecurityException {
        if (kdf.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBKDF2)) {
            PBKDF2Params p = PBKDF2Params.getInstance(kdf.getParameters());
            int iterations = (int) bounded(p.getIterationCount(), MAX_ITERATIONS, "PBKDF2 iteration count");
            PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(prf(p));
            generator.init(passphrase, p.getSalt(), iterations);
            return ((KeyParameter) generator.generateDerivedParameters(keyLength * 8)).getKey();
        }
        if (kdf.getAlgorithm().equals(SCRYPT)) {
            ScryptParams p = ScryptParams.getInstance(kdf.getParameters());
            long n = bounded(p.getCostParameter(), MAX_SCRYPT_MEMORY, "scrypt N");
            long r = bounded(p.getBlockSize(), MAX_SCRYPT_MEMORY, "scrypt r");
            long parallel = bounded(p.getParallelizationParameter(), MAX_SCRYPT_MEMORY, "scrypt p");
            // each factor is at most 2^25, so this product cannot overflow; after the check, N*r*p cannot either
            if (128 * r * (n + parallel + 2) > MAX_SCRYPT_MEMORY) {
                throw new GeneralSecurityException("scrypt parameters N=" + n + ", r=" + r + ", p=" + parallel
                        + " need more than " + MAX_SCRYPT_MEMORY / (1024 * 1024) + " MB");
            }
            if (n * r * parallel > MAX_SCRYPT_WORK) {
                throw new GeneralSecurityException("scrypt parameters N=" + n + ", r=" + r + ", p=" + parallel
                        + " ask for more work than the limit of N*r*p=" + MAX_SCRYPT_WORK);
            }
            // SCrypt checks the rest (N a power of 2, N < 2^(16r)) with IllegalArgumentException
            return SCrypt.generate(passphrase, p.getSalt(), (int) n, (int) r, (int) parallel, keyLength);
        }
        throw new GeneralSecurityException("unsupported PBES2 key derivation: " + kdf.getAlgorithm().getId());
    }

    /** {@code value} if it is between 1 and {@code max}; otherwise the key file is refused. */
    private static long bounded(BigInteger value, long max, String what) throws GeneralSecurityException {
        if (value == null || value.signum() <= 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new GeneralSecurityException(what + " " + (value == null || value.bitLength() > 64 ? "out of range"
                    : value.toString()) + " is not between 1 and " + max);
        }
        return value.longValueExact();
    }

    private static Digest prf(PBKDF2Params params) throws GeneralSecurityException {
        if (params.isDefaultPrf()) {
            return new SHA1Digest();
        }
        return switch (params.getPrf().getAlgorithm().getId()) {
            case "1.2.840.113549.2.7" -> new SHA1Digest();
            case "1.2.840.113549.2.8" -> new SHA224Digest();
            case "1.2.840.113549.2.9" -> new SHA256Digest();
            case "1.2.840.113549.2.10" -> new SHA384Digest();
            case "1.2.840.113549.2.11" -> new SHA512Digest();
            case "1.2.840.113549.2.12" -> new SHA512tDigest(224);
            case "1.2.840.113549.2.13" -> new SHA512tDigest(256);
            default -> throw new GeneralSecurityException("unsupported PBKDF2 PRF: " + params.getPrf().getAlgorithm());
        };
    }

    /**
     * PKCS#5 v1.5 (PBES1) and PKCS#12 PBE schemes ({@code openssl pkcs8 -v1 ...}), through
     * BouncyCastle. PBES1 takes the low byte of each char, so the bytes go in as ISO-8859-1; the
     * PKCS#12 KDF takes BMP characters, which OpenSSL 3 derives from the passphrase read as UTF-8.
     */
    private static byte[] legacyPkcs8(byte[] der, AlgorithmIdentifier algorithm, byte[] passphrase)
            throws GeneralSecurityException {
        ASN1ObjectIdentifier scheme = algorithm.getAlgorithm();
        if (!scheme.on(PKCSObjectIdentifiers.pkcs_12PbeIds) && !scheme.on(PKCS5)) {
            throw new GeneralSecurityException("unsupported PKCS#8 encryption " + scheme.getId());
        }
        // PBES1's PBEParameter and PKCS#12's pkcs-12PbeParams alike: SEQUENCE { salt, iterations }
        BigInteger iterations;
        try {
            iterations = ASN1Integer.getInstance(ASN1Sequence.getInstance(algorithm.getParameters()).getObjectAt(1))
                    .getValue();
        } catch (RuntimeException e) {
            throw new GeneralSecurityException("malformed PBE parameters of " + scheme.getId() + ": " + e.getMessage(), e);
        }
        bounded(iterations, MAX_ITERATIONS, "PBE iteration count");
        boolean pkcs12 = scheme.on(PKCSObjectIdentifiers.pkcs_12PbeIds);
        char[] password = new String(passphrase, pkcs12 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1)
                .toCharArray();
        try {
            var decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(BouncyCastle.provider()).build(password);
            var encrypted = new PKCS8EncryptedPrivateKeyInfo(der);
            var inputDecryptor = decryptor.get(encrypted.getEncryptionAlgorithm());
            try (InputStream in = inputDecryptor.getInputStream(
                    new java.io.ByteArrayInputStream(encrypted.getEncryptedData()))) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new PemReader.PassphraseException(false, "wrong passphrase", e);
        } catch (Exception e) {
            throw new GeneralSecurityException("unsupported PKCS#8 encryption " + scheme.getId() + ": "
                    + e.getMessage(), e);
        }
    }

    private static byte[] decrypt(CipherSpec spec, byte[] key, byte[] iv, byte[] encrypted)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(spec.transformation());
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, spec.keyAlgorithm()), new IvParameterSpec(iv));
        try {
            return cipher.doFinal(encrypted);
        } catch (BadPaddingException e) {
            throw new PemReader.PassphraseException(false, "wrong passphrase", e);
        }
    }

    private static void requirePassphrase(byte[] passphrase) throws PemReader.PassphraseException {
        if (passphrase == null) {
            throw new PemReader.PassphraseException(true, "the key is encrypted and no passphrase was given", null);
        }
    }
}
