package org.ucspi4j.runtime.tls;

import java.io.IOException;
import java.io.InputStream;
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
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
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

    /** An {@code ENCRYPTED PRIVATE KEY} (PKCS#8 EncryptedPrivateKeyInfo). */
    static PrivateKeyInfo pkcs8(byte[] der, byte[] passphrase) throws GeneralSecurityException {
        EncryptedPrivateKeyInfo info;
        try {
            info = EncryptedPrivateKeyInfo.getInstance(der);
        } catch (RuntimeException e) {
            throw new GeneralSecurityException("malformed ENCRYPTED PRIVATE KEY: " + e.getMessage(), e);
        }
        requirePassphrase(passphrase);
        ASN1ObjectIdentifier scheme = info.getEncryptionAlgorithm().getAlgorithm();
        byte[] plain = scheme.equals(PKCSObjectIdentifiers.id_PBES2)
                ? pbes2(PBES2Parameters.getInstance(info.getEncryptionAlgorithm().getParameters()),
                        info.getEncryptedData(), passphrase)
                : legacyPkcs8(der, scheme, passphrase);
        try {
            return PrivateKeyInfo.getInstance(plain);
        } catch (RuntimeException e) {
            throw new PemReader.PassphraseException(false, "wrong passphrase", e);
        }
    }

    /** PBES2 (RFC 8018) with PBKDF2 or scrypt, which is what OpenSSL 1.1 and later write. */
    private static byte[] pbes2(PBES2Parameters params, byte[] encrypted, byte[] passphrase)
            throws GeneralSecurityException {
        EncryptionScheme scheme = params.getEncryptionScheme();
        CipherSpec spec = PBES2_CIPHERS.get(scheme.getAlgorithm().getId());
        if (spec == null) {
            throw new GeneralSecurityException("unsupported PBES2 cipher: " + scheme.getAlgorithm().getId());
        }
        byte[] iv = ASN1OctetString.getInstance(scheme.getParameters()).getOctets();
        KeyDerivationFunc kdf = params.getKeyDerivationFunc();
        byte[] key;
        if (kdf.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBKDF2)) {
            PBKDF2Params p = PBKDF2Params.getInstance(kdf.getParameters());
            PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(prf(p));
            generator.init(passphrase, p.getSalt(), p.getIterationCount().intValueExact());
            key = ((KeyParameter) generator.generateDerivedParameters(spec.keyLength() * 8)).getKey();
        } else if (kdf.getAlgorithm().equals(SCRYPT)) {
            ScryptParams p = ScryptParams.getInstance(kdf.getParameters());
            key = SCrypt.generate(passphrase, p.getSalt(), p.getCostParameter().intValueExact(),
                    p.getBlockSize().intValueExact(), p.getParallelizationParameter().intValueExact(),
                    spec.keyLength());
        } else {
            throw new GeneralSecurityException("unsupported PBES2 key derivation: " + kdf.getAlgorithm().getId());
        }
        return decrypt(spec, key, iv, encrypted);
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
    private static byte[] legacyPkcs8(byte[] der, ASN1ObjectIdentifier scheme, byte[] passphrase)
            throws GeneralSecurityException {
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
