package org.ucspi4j.runtime.tls;

import static org.ucspi4j.runtime.tls.SuiteAttributes.Encryption.AES128;
import static org.ucspi4j.runtime.tls.SuiteAttributes.Encryption.AES128CCM;
import static org.ucspi4j.runtime.tls.SuiteAttributes.Encryption.AES128CCM8;
import static org.ucspi4j.runtime.tls.SuiteAttributes.Encryption.AES128GCM;
import static org.ucspi4j.runtime.tls.SuiteAttributes.Encryption.AES256;
import static org.ucspi4j.runtime.tls.SuiteAttributes.Encryption.AES256CCM;
import static org.ucspi4j.runtime.tls.SuiteAttributes.Encryption.AES256CCM8;
import static org.ucspi4j.runtime.tls.SuiteAttributes.Encryption.AES256GCM;
import static org.ucspi4j.runtime.tls.SuiteAttributes.Encryption.ARIA128CBC;
import static org.ucspi4j.runtime.tls.SuiteAttributes.Encryption.ARIA128GCM;
import static org.ucspi4j.runtime.tls.SuiteAttributes.Encryption.ARIA256CBC;
import static org.ucspi4j.runtime.tls.SuiteAttributes.Encryption.ARIA256GCM;
import static org.ucspi4j.runtime.tls.SuiteAttributes.Encryption.CAMELLIA128;
import static org.ucspi4j.runtime.tls.SuiteAttributes.Encryption.CAMELLIA128GCM;
import static org.ucspi4j.runtime.tls.SuiteAttributes.Encryption.CAMELLIA256;
import static org.ucspi4j.runtime.tls.SuiteAttributes.Encryption.CAMELLIA256GCM;
import static org.ucspi4j.runtime.tls.SuiteAttributes.Encryption.CHACHA20POLY1305;
import static org.ucspi4j.runtime.tls.SuiteAttributes.Encryption.NULL;
import static org.ucspi4j.runtime.tls.SuiteAttributes.Encryption.TRIPLE_DES;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.ucspi4j.runtime.tls.SuiteAttributes.Authentication;
import org.ucspi4j.runtime.tls.SuiteAttributes.Encryption;
import org.ucspi4j.runtime.tls.SuiteAttributes.KeyExchange;
import org.ucspi4j.runtime.tls.SuiteAttributes.Mac;
import org.ucspi4j.runtime.tls.SuiteAttributes.MinVersion;
import org.ucspi4j.runtime.tls.SuiteAttributes.Strength;

/**
 * The words of OpenSSL 3's cipher strings (openssl-ciphers(1), "CIPHER STRINGS"), each as the
 * {@link SuitePattern} it stands for, and the suite names: OpenSSL's, and (ucspi4j's addition) the
 * IANA/JSSE ones. Words OpenSSL 3 does not know in Debian's build (GOST, SEED, IDEA, RC2, RC4, DES,
 * EXPORT, the removed static-DH ones) are left out: OpenSSL ignores them, and so does this. LOW, which
 * matches nothing, stays: a known word ends where the next character is not part of a word, so
 * {@code !LOW@STRENGTH} sorts while {@code !RC4@STRENGTH} is skipped whole.
 * Case matters, as in OpenSSL.
 */
final class CipherKeywords {
    private CipherKeywords() {}

    private static final Map<String, SuitePattern> WORDS = new HashMap<>();

    static {
        EnumSet<Encryption> notNull = EnumSet.complementOf(EnumSet.of(NULL));
        word(SuitePattern.enc(notNull), "ALL");
        word(SuitePattern.enc(EnumSet.of(NULL)), "COMPLEMENTOFALL", "eNULL", "NULL");
        word(SuitePattern.ANY.withNotDefault(), "COMPLEMENTOFDEFAULT");

        word(SuitePattern.kx(KeyExchange.RSA), "kRSA", "RSA");
        word(SuitePattern.kx(KeyExchange.DHE), "kDHE", "kEDH", "DH");
        word(SuitePattern.kx(KeyExchange.ECDHE), "kECDHE", "kEECDH", "ECDH");
        word(SuitePattern.kx(KeyExchange.PSK), "kPSK");
        word(SuitePattern.kx(KeyExchange.RSAPSK), "kRSAPSK");
        word(SuitePattern.kx(KeyExchange.DHEPSK), "kDHEPSK");
        word(SuitePattern.kx(KeyExchange.ECDHEPSK), "kECDHEPSK");
        word(SuitePattern.kx(KeyExchange.SRP), "kSRP", "SRP");
        word(SuitePattern.kx(KeyExchange.PSK, KeyExchange.RSAPSK, KeyExchange.DHEPSK, KeyExchange.ECDHEPSK), "PSK");

        word(SuitePattern.au(Authentication.RSA), "aRSA");
        word(SuitePattern.au(Authentication.DSS), "aDSS", "DSS");
        word(SuitePattern.au(Authentication.NULL), "aNULL");
        word(SuitePattern.au(Authentication.ECDSA), "aECDSA", "ECDSA");
        word(SuitePattern.au(Authentication.PSK), "aPSK");
        word(SuitePattern.au(Authentication.SRP), "aSRP");

        EnumSet<Authentication> authenticated = EnumSet.complementOf(EnumSet.of(Authentication.NULL));
        word(SuitePattern.kx(KeyExchange.DHE).with(EnumSet.of(KeyExchange.DHE), authenticated, null, null), "DHE", "EDH");
        word(SuitePattern.kx(KeyExchange.ECDHE).with(EnumSet.of(KeyExchange.ECDHE), authenticated, null, null),
                "ECDHE", "EECDH");
        word(SuitePattern.kx(KeyExchange.DHE).with(EnumSet.of(KeyExchange.DHE), EnumSet.of(Authentication.NULL), null,
                null), "ADH");
        word(SuitePattern.kx(KeyExchange.ECDHE).with(EnumSet.of(KeyExchange.ECDHE), EnumSet.of(Authentication.NULL),
                null, null), "AECDH");

        word(SuitePattern.enc(EnumSet.of(TRIPLE_DES)), "3DES");
        word(SuitePattern.enc(EnumSet.of(AES128, AES128GCM, AES128CCM, AES128CCM8)), "AES128");
        word(SuitePattern.enc(EnumSet.of(AES256, AES256GCM, AES256CCM, AES256CCM8)), "AES256");
        word(SuitePattern.enc(EnumSet.of(AES128, AES128GCM, AES128CCM, AES128CCM8, AES256, AES256GCM, AES256CCM,
                AES256CCM8)), "AES");
        word(SuitePattern.enc(EnumSet.of(AES128GCM, AES256GCM)), "AESGCM");
        word(SuitePattern.enc(EnumSet.of(AES128CCM, AES256CCM, AES128CCM8, AES256CCM8)), "AESCCM");
        word(SuitePattern.enc(EnumSet.of(AES128CCM8, AES256CCM8)), "AESCCM8");
        word(SuitePattern.enc(EnumSet.of(CHACHA20POLY1305)), "CHACHA20");
        // OpenSSL has CAMELLIA in CBC mode only and ARIA in GCM mode only; the other modes (BCJSSE's)
        // are counted in with their family.
        word(SuitePattern.enc(EnumSet.of(CAMELLIA128, CAMELLIA128GCM)), "CAMELLIA128");
        word(SuitePattern.enc(EnumSet.of(CAMELLIA256, CAMELLIA256GCM)), "CAMELLIA256");
        word(SuitePattern.enc(EnumSet.of(CAMELLIA128, CAMELLIA256, CAMELLIA128GCM, CAMELLIA256GCM)), "CAMELLIA");
        word(SuitePattern.enc(EnumSet.of(ARIA128GCM, ARIA128CBC)), "ARIA128");
        word(SuitePattern.enc(EnumSet.of(ARIA256GCM, ARIA256CBC)), "ARIA256");
        word(SuitePattern.enc(EnumSet.of(ARIA128GCM, ARIA256GCM, ARIA128CBC, ARIA256CBC)), "ARIA");
        word(SuitePattern.enc(EnumSet.of(ARIA128GCM, ARIA256GCM)), "ARIAGCM");
        word(SuitePattern.enc(EnumSet.of(TRIPLE_DES, AES128, AES256, CAMELLIA128, CAMELLIA256, ARIA128CBC,
                ARIA256CBC)), "CBC");

        word(SuitePattern.mac(Mac.MD5), "MD5");
        word(SuitePattern.mac(Mac.SHA1), "SHA1", "SHA");
        word(SuitePattern.mac(Mac.SHA256), "SHA256");
        word(SuitePattern.mac(Mac.SHA384), "SHA384");

        word(SuitePattern.version(MinVersion.SSLV3), "SSLv3");
        word(SuitePattern.version(MinVersion.TLSV1), "TLSv1", "TLSv1.0");
        word(SuitePattern.version(MinVersion.TLSV1_2), "TLSv1.2");

        word(SuitePattern.strength(Strength.LOW), "LOW");
        word(SuitePattern.strength(Strength.MEDIUM), "MEDIUM");
        word(SuitePattern.strength(Strength.HIGH), "HIGH");
        word(SuitePattern.strength(Strength.FIPS).with(null, null, notNull, null), "FIPS");

        for (OpenSslNames.Cipher c : OpenSslNames.all()) {
            SuiteAttributes.of(c).ifPresent(a -> {
                SuitePattern named = SuitePattern.suite(c.iana(), a);
                WORDS.putIfAbsent(c.openssl(), named);
                WORDS.putIfAbsent(c.iana(), named);
                WORDS.putIfAbsent("SSL_" + c.iana().substring("TLS_".length()), named); // JSSE's old spelling
            });
        }
    }

    private static void word(SuitePattern pattern, String... names) {
        for (String name : names) {
            WORDS.put(name, pattern);
        }
    }

    /** The pattern a word stands for; empty for a word OpenSSL would ignore. */
    static Optional<SuitePattern> of(String word) {
        return Optional.ofNullable(WORDS.get(word));
    }
}
