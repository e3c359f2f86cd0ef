package org.ucspi4j.runtime.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Reads PEM text the way OpenSSL's PEM routines do: a file is a sequence of
 * {@code -----BEGIN type-----} blocks with text in between, and a reader looking for one kind of
 * object (certificates, a private key, DH parameters) skips blocks of other kinds. That is what lets
 * one file hold a key and its certificate chain, in either order.
 */
final class PemReader {
    private PemReader() {}

    /** One PEM block: its type (the text after BEGIN), its RFC 1421 headers, its decoded body. */
    public record Block(String type, Map<String, String> headers, byte[] content) {
        public Block {
            headers = Map.copyOf(headers);
        }
    }

    /** The key is encrypted and the passphrase is missing or does not decrypt it. */
    public static final class PassphraseException extends GeneralSecurityException {
        private final boolean missing;

        PassphraseException(boolean missing, String message, Throwable cause) {
            super(message, cause);
            this.missing = missing;
        }

        /** True when no passphrase was given at all (as opposed to a wrong one). */
        public boolean missing() {
            return missing;
        }
    }

    /** Every PEM block in {@code pem}, in file order. Malformed blocks are an error. */
    public static List<Block> blocks(byte[] pem) throws IOException {
        // PEM is ASCII; ISO-8859-1 maps any stray byte to a char instead of failing on it.
        var reader = new org.bouncycastle.util.io.pem.PemReader(
                new StringReader(new String(pem, StandardCharsets.ISO_8859_1)));
        List<Block> out = new ArrayList<>();
        try (reader) {
            PemObject object;
            while ((object = reader.readPemObject()) != null) {
                Map<String, String> headers = new LinkedHashMap<>();
                for (Object h : object.getHeaders()) {
                    PemHeader header = (PemHeader) h;
                    headers.putIfAbsent(header.getName(), header.getValue());
                }
                out.add(new Block(object.getType(), headers, object.getContent()));
            }
        } catch (RuntimeException e) {
            // BouncyCastle reports bad base64 as an unchecked DecoderException.
            throw new IOException("malformed PEM: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The certificates among {@code blocks}, in order ({@code CERTIFICATE}, {@code X509 CERTIFICATE}
     * and OpenSSL's {@code TRUSTED CERTIFICATE}). A certificate block that does not parse is an error.
     */
    public static List<X509Certificate> certificates(List<Block> blocks) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (Block block : blocks) {
            byte[] der = switch (block.type()) {
                case "CERTIFICATE", "X509 CERTIFICATE" -> block.content();
                case "TRUSTED CERTIFICATE" -> trustedCertificate(block.content());
                default -> null;
            };
            if (der != null) {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        }
        return out;
    }

    private static byte[] trustedCertificate(byte[] content) throws CertificateException {
        try {
            return new X509TrustedCertificateBlock(content).getCertificateHolder().getEncoded();
        } catch (IOException | RuntimeException e) {
            throw new CertificateException("malformed TRUSTED CERTIFICATE: " + e.getMessage(), e);
        }
    }

    /**
     * The first private key among {@code blocks}: PKCS#1 ({@code RSA PRIVATE KEY}), SEC1
     * ({@code EC PRIVATE KEY}), OpenSSL's DSA form, PKCS#8 ({@code PRIVATE KEY}) and encrypted PKCS#8
     * ({@code ENCRYPTED PRIVATE KEY}), the traditional forms also with legacy
     * {@code Proc-Type: 4,ENCRYPTED} encryption. Empty when there is no key block at all.
     *
     * @param passphrase the passphrase bytes exactly as OpenSSL would use them; null if none was given
     * @throws PassphraseException the key is encrypted and the passphrase is missing or wrong
     * @throws GeneralSecurityException the key block is malformed or of an unsupported kind
     */
    public static Optional<PrivateKey> privateKey(List<Block> blocks, byte[] passphrase)
            throws GeneralSecurityException {
        for (Block block : blocks) {
            PrivateKeyInfo info = switch (block.type()) {
                case "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY" -> traditional(block, passphrase);
                case "PRIVATE KEY" -> parse(block.type(), () -> PrivateKeyInfo.getInstance(block.content()));
                case "ENCRYPTED PRIVATE KEY" -> EncryptedKeys.pkcs8(block.content(), passphrase);
                default -> null;
            };
            if (info != null) {
                return Optional.of(toJdkKey(info));
            }
        }
        return Optional.empty();
    }

    private static PrivateKeyInfo traditional(Block block, byte[] passphrase) throws GeneralSecurityException {
        String procType = block.headers().get("Proc-Type");
        if (procType != null && procType.replace(" ", "").equals("4,ENCRYPTED")) {
            byte[] plain = EncryptedKeys.legacyPem(block.headers().get("DEK-Info"), block.content(), passphrase);
            try {
                return traditionalInfo(block.type(), plain);
            } catch (RuntimeException e) {
                // A wrong passphrase passes the padding check about once in 256 tries; the garbage then
                // fails to parse. Either way the passphrase did not decrypt the key.
                throw new PassphraseException(false, "wrong passphrase", e);
            }
        }
        return parse(block.type(), () -> traditionalInfo(block.type(), block.content()));
    }

    /** The PKCS#8 wrapping of an OpenSSL "traditional" key (PKCS#1, SEC1 or the DSA sequence). */
    private static PrivateKeyInfo traditionalInfo(String type, byte[] der) {
        try {
            return switch (type) {
                case "RSA PRIVATE KEY" -> new PrivateKeyInfo(
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        RSAPrivateKey.getInstance(der));
                case "EC PRIVATE KEY" -> {
                    ECPrivateKey ec = ECPrivateKey.getInstance(der);
                    if (ec.getParametersObject() == null) {
                        throw new IllegalArgumentException("EC key without curve parameters");
                    }
                    yield new PrivateKeyInfo(
                            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, ec.getParametersObject()), ec);
                }
                case "DSA PRIVATE KEY" -> {
                    // OpenSSL's form: SEQUENCE { version, p, q, g, y, x }.
                    ASN1Sequence seq = ASN1Sequence.getInstance(der);
                    if (seq.size() != 6) {
                        throw new IllegalArgumentException("DSA key is not a six-element sequence");
                    }
                    var p = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
                    var q = ASN1Integer.getInstance(seq.getObjectAt(2)).getValue();
                    var g = ASN1Integer.getInstance(seq.getObjectAt(3)).getValue();
                    var x = ASN1Integer.getInstance(seq.getObjectAt(5));
                    yield new PrivateKeyInfo(
                            new AlgorithmIdentifier(X9ObjectIdentifiers.id_dsa, new DSAParameter(p, q, g)), x);
                }
                default -> throw new IllegalArgumentException("not a key type: " + type);
            };
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private interface Parse {
        PrivateKeyInfo get() throws Exception;
    }

    private static PrivateKeyInfo parse(String type, Parse parse) throws GeneralSecurityException {
        try {
            return parse.get();
        } catch (Exception e) {
            throw new GeneralSecurityException("malformed " + type + ": " + e.getMessage(), e);
        }
    }

    /** A JDK key object, so that SunJSSE (and BCJSSE, which accepts any JCA key) can use it. */
    private static PrivateKey toJdkKey(PrivateKeyInfo info) throws GeneralSecurityException {
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException | RuntimeException e) {
            throw new GeneralSecurityException("unusable private key ("
                    + info.getPrivateKeyAlgorithm().getAlgorithm().getId() + "): " + e.getMessage(), e);
        }
    }
}
