package org.ucspi4j.runtime.tls;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What OpenSSL's cipher-string keywords select a TLS 1.2 (or older) suite by: key exchange,
 * authentication, bulk cipher, MAC, the oldest protocol version it works with, strength class and
 * whether OpenSSL 3 leaves it out of DEFAULT. Derived from the suite's IANA name and the key sizes in
 * {@link OpenSslNames}, so the names table stays the one list of suites. The rules below reproduce
 * what {@code openssl ciphers -v} prints for every suite of Debian's OpenSSL 3.0 (checked by
 * {@code CipherStringOpenSslTest}).
 *
 * @param bits OpenSSL's strength bits (the key bits in use; 112 for 3DES, 0 for NULL)
 * @param strength the strength class and, where OpenSSL has it, {@link Strength#FIPS}
 * @param notDefault in {@code COMPLEMENTOFDEFAULT}: left out of OpenSSL 3's DEFAULT
 */
record SuiteAttributes(KeyExchange kx, Authentication au, Encryption enc, Mac mac, MinVersion minVersion,
                              Set<Strength> strength, boolean notDefault, int bits) {

    public enum KeyExchange { RSA, DHE, ECDHE, PSK, RSAPSK, DHEPSK, ECDHEPSK, SRP }

    public enum Authentication { RSA, DSS, ECDSA, NULL, PSK, SRP }

    public enum Encryption {
        NULL, TRIPLE_DES, AES128, AES256, AES128GCM, AES256GCM, AES128CCM, AES256CCM, AES128CCM8, AES256CCM8,
        CHACHA20POLY1305, CAMELLIA128, CAMELLIA256, CAMELLIA128GCM, CAMELLIA256GCM,
        ARIA128GCM, ARIA256GCM, ARIA128CBC, ARIA256CBC
    }

    public enum Mac { MD5, SHA1, SHA256, SHA384, AEAD }

    /** OpenSSL's {@code min_tls}: the TLSv1.2, TLSv1.0 and SSLv3 keywords. */
    public enum MinVersion { SSLV3, TLSV1, TLSV1_2 }

    /** {@code LOW} is a keyword still, though no suite has been LOW since OpenSSL 1.1.0. */
    public enum Strength { NONE, LOW, MEDIUM, HIGH, FIPS }

    public SuiteAttributes {
        strength = Set.copyOf(strength);
    }

    /** Forward secrecy as OpenSSL's DEFAULT ordering and {@code @SECLEVEL=3} count it. */
    public boolean forwardSecret() {
        return kx == KeyExchange.DHE || kx == KeyExchange.ECDHE || kx == KeyExchange.DHEPSK
                || kx == KeyExchange.ECDHEPSK;
    }

    public boolean aead() {
        return mac == Mac.AEAD;
    }

    private static final Pattern IANA = Pattern.compile("TLS_(\\w+?)_WITH_(\\w+?)(?:_(SHA|SHA256|SHA384|MD5))?");

    private record KxAu(KeyExchange kx, Authentication au) {}

    private static final Map<String, KxAu> KEY_EXCHANGES = Map.ofEntries(
            Map.entry("RSA", new KxAu(KeyExchange.RSA, Authentication.RSA)),
            Map.entry("DHE_RSA", new KxAu(KeyExchange.DHE, Authentication.RSA)),
            Map.entry("DHE_DSS", new KxAu(KeyExchange.DHE, Authentication.DSS)),
            Map.entry("DH_anon", new KxAu(KeyExchange.DHE, Authentication.NULL)),
            Map.entry("ECDHE_RSA", new KxAu(KeyExchange.ECDHE, Authentication.RSA)),
            Map.entry("ECDHE_ECDSA", new KxAu(KeyExchange.ECDHE, Authentication.ECDSA)),
            Map.entry("ECDH_anon", new KxAu(KeyExchange.ECDHE, Authentication.NULL)),
            Map.entry("PSK", new KxAu(KeyExchange.PSK, Authentication.PSK)),
            Map.entry("DHE_PSK", new KxAu(KeyExchange.DHEPSK, Authentication.PSK)),
            Map.entry("PSK_DHE", new KxAu(KeyExchange.DHEPSK, Authentication.PSK)),
            Map.entry("ECDHE_PSK", new KxAu(KeyExchange.ECDHEPSK, Authentication.PSK)),
            Map.entry("RSA_PSK", new KxAu(KeyExchange.RSAPSK, Authentication.RSA)),
            Map.entry("SRP_SHA", new KxAu(KeyExchange.SRP, Authentication.SRP)),
            Map.entry("SRP_SHA_RSA", new KxAu(KeyExchange.SRP, Authentication.RSA)),
            Map.entry("SRP_SHA_DSS", new KxAu(KeyExchange.SRP, Authentication.DSS)));

    private static final Map<String, Encryption> CIPHERS = Map.ofEntries(
            Map.entry("NULL", Encryption.NULL),
            Map.entry("3DES_EDE_CBC", Encryption.TRIPLE_DES),
            Map.entry("AES_128_CBC", Encryption.AES128),
            Map.entry("AES_256_CBC", Encryption.AES256),
            Map.entry("AES_128_GCM", Encryption.AES128GCM),
            Map.entry("AES_256_GCM", Encryption.AES256GCM),
            Map.entry("AES_128_CCM", Encryption.AES128CCM),
            Map.entry("AES_256_CCM", Encryption.AES256CCM),
            Map.entry("AES_128_CCM_8", Encryption.AES128CCM8),
            Map.entry("AES_256_CCM_8", Encryption.AES256CCM8),
            Map.entry("CHACHA20_POLY1305", Encryption.CHACHA20POLY1305),
            Map.entry("CAMELLIA_128_CBC", Encryption.CAMELLIA128),
            Map.entry("CAMELLIA_256_CBC", Encryption.CAMELLIA256),
            Map.entry("CAMELLIA_128_GCM", Encryption.CAMELLIA128GCM),
            Map.entry("CAMELLIA_256_GCM", Encryption.CAMELLIA256GCM),
            Map.entry("ARIA_128_GCM", Encryption.ARIA128GCM),
            Map.entry("ARIA_256_GCM", Encryption.ARIA256GCM),
            Map.entry("ARIA_128_CBC", Encryption.ARIA128CBC),
            Map.entry("ARIA_256_CBC", Encryption.ARIA256CBC));

    private static final Set<Encryption> AEAD_CIPHERS = EnumSet.of(Encryption.AES128GCM, Encryption.AES256GCM,
            Encryption.AES128CCM, Encryption.AES256CCM, Encryption.AES128CCM8, Encryption.AES256CCM8,
            Encryption.CHACHA20POLY1305, Encryption.CAMELLIA128GCM, Encryption.CAMELLIA256GCM,
            Encryption.ARIA128GCM, Encryption.ARIA256GCM);

    /** OpenSSL 3 keeps these out of DEFAULT (besides DSS and anonymous suites). */
    private static final Set<Encryption> NOT_DEFAULT_CIPHERS = EnumSet.of(Encryption.TRIPLE_DES,
            Encryption.AES128CCM, Encryption.AES256CCM, Encryption.AES128CCM8, Encryption.AES256CCM8,
            Encryption.CAMELLIA128, Encryption.CAMELLIA256, Encryption.CAMELLIA128GCM, Encryption.CAMELLIA256GCM,
            Encryption.ARIA128GCM, Encryption.ARIA256GCM, Encryption.ARIA128CBC, Encryption.ARIA256CBC);

    /** The FIPS 140-2 approved bulk ciphers of OpenSSL's FIPS keyword. */
    private static final Set<Encryption> FIPS_CIPHERS = EnumSet.of(Encryption.TRIPLE_DES, Encryption.AES128,
            Encryption.AES256, Encryption.AES128GCM, Encryption.AES256GCM);

    /** The attributes of a TLS 1.2-or-older suite; empty for TLS 1.3 suites and names of no known shape. */
    public static Optional<SuiteAttributes> of(OpenSslNames.Cipher suite) {
        Matcher m = IANA.matcher(suite.iana());
        if (suite.tls13() || !m.matches()) {
            return Optional.empty();
        }
        KxAu kxAu = KEY_EXCHANGES.get(m.group(1));
        Encryption enc = CIPHERS.get(m.group(2));
        if (kxAu == null || enc == null) {
            return Optional.empty();
        }
        Mac mac = AEAD_CIPHERS.contains(enc) ? Mac.AEAD : switch (m.group(3)) {
            case "SHA" -> Mac.SHA1;
            case "SHA256" -> Mac.SHA256;
            case "SHA384" -> Mac.SHA384;
            case "MD5" -> Mac.MD5;
            case null -> null;
            default -> null;
        };
        if (mac == null) {
            return Optional.empty();
        }
        KeyExchange kx = kxAu.kx();
        boolean psk = kx == KeyExchange.PSK || kx == KeyExchange.RSAPSK || kx == KeyExchange.DHEPSK
                || kx == KeyExchange.ECDHEPSK;
        // OpenSSL's min_tls: AEAD and SHA-2 MACs came with TLS 1.2, except for the PSK suites of
        // RFC 5487 (usable from TLS 1.0); ECDHE (RFC 4492) starts at TLS 1.0, the rest at SSLv3.
        MinVersion minVersion;
        if (mac == Mac.AEAD || (mac == Mac.SHA256 || mac == Mac.SHA384) && !psk) {
            minVersion = MinVersion.TLSV1_2;
        } else if (mac == Mac.SHA256 || mac == Mac.SHA384 || kx == KeyExchange.ECDHE || kx == KeyExchange.ECDHEPSK) {
            minVersion = MinVersion.TLSV1;
        } else {
            minVersion = MinVersion.SSLV3;
        }
        Set<Strength> strength = EnumSet.of(enc == Encryption.NULL ? Strength.NONE
                : enc == Encryption.TRIPLE_DES ? Strength.MEDIUM : Strength.HIGH);
        if (FIPS_CIPHERS.contains(enc) && kx != KeyExchange.SRP) {
            strength.add(Strength.FIPS);
        }
        Authentication au = kxAu.au();
        // NULL suites are kept out of DEFAULT by !eNULL, not by COMPLEMENTOFDEFAULT
        boolean notDefault = enc != Encryption.NULL
                && (au == Authentication.DSS || au == Authentication.NULL || NOT_DEFAULT_CIPHERS.contains(enc));
        return Optional.of(new SuiteAttributes(kx, au, enc, mac, minVersion, strength, notDefault, suite.useBits()));
    }
}
