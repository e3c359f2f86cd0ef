package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CIPHERS against the real thing: for cipher strings found in run scripts and guides, what
 * {@code openssl ciphers -v} (Debian's OpenSSL 3) selects, in its order, is what the parser selects;
 * and restricted to the suites SunJSSE offers (at the string's security level, as
 * {@code openssl ciphers -s} applies it) it is what ucspi4j enables. What OpenSSL selects and the JDK
 * lacks is printed.
 */
class CipherStringOpenSslTest {
    @TempDir
    Path dir;

    static final List<String> SUPPORTED;
    static final List<String> DEFAULTS;

    static {
        try {
            SSLContext context = SSLContext.getInstance("TLS", "SunJSSE");
            context.init(null, null, null);
            SUPPORTED = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
            DEFAULTS = Arrays.stream(context.getDefaultSSLParameters().getCipherSuites())
                    .filter(TlsContexts::serverDefault).toList();
        } catch (java.security.GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "DEFAULT",
        "HIGH:!aNULL:!MD5", // nginx's default, countless run scripts
        "AES128-SHA",
        "ECDHE+AESGCM",
        "HIGH:!aNULL:!MD5:!RC4",
        "EECDH+AESGCM:EDH+AESGCM",
        "ALL:!EXPORT:!LOW:!aNULL:!eNULL:!SSLv2",
        "kEECDH+ECDSA+AES128:kEECDH+ECDSA+AES256:kEECDH+AES128:kEECDH+AES256:kEDH+AES128:kEDH+AES256:DES-CBC3-SHA:"
                + "+SHA:!aNULL:!eNULL:!LOW:!kECDH:!DSS:!MD5:!RC4:!EXP:!PSK:!SRP:!CAMELLIA:!SEED",
        // Mozilla intermediate (v5.7)
        "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                + "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
                + "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305",
        // Mozilla modern (v4, the last with a TLS 1.2 list)
        "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
                + "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                + "ECDHE-ECDSA-AES256-SHA384:ECDHE-RSA-AES256-SHA384:ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256",
        // Mozilla old (v5.7)
        "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                + "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
                + "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305:"
                + "ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:"
                + "ECDHE-ECDSA-AES256-SHA384:ECDHE-RSA-AES256-SHA384:ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA:"
                + "DHE-RSA-AES128-SHA256:DHE-RSA-AES256-SHA256:AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA256:"
                + "AES256-SHA256:AES128-SHA:AES256-SHA:DES-CBC3-SHA",
        "HIGH:@STRENGTH",
        "ALL:-ECDHE:+kRSA:ECDHE", // - then add again: first; + moves to the end
        "HIGH:+SHA1:+AES128:!kRSA",
        "DEFAULT:@SECLEVEL=2",
        "HIGH:@SECLEVEL=3",
        "ALL:@SECLEVEL=4",
        "DEFAULT:!kRSA:!SHA1",
        "EECDH:EDH:!aNULL:!eNULL:!MEDIUM:!LOW:!EXP:!RC4:!3DES:!SEED:!IDEA:!CAMELLIA",
        "HIGH:MEDIUM:!aNULL:!MD5:!RC4:!3DES",
        // Dovecot's old default; "!LOW@STRENGTH" is one word OpenSSL skips, sort and all
        "ALL:!kRSA:!SRP:!kDHd:!DSS:!aNULL:!eNULL:!EXPORT:!DES:!3DES:!MD5:!PSK:!RC4:!ADH:!LOW@STRENGTH",
        "TLSv1.2+FIPS:kRSA+FIPS:!eNULL:!aNULL",
        "ECDHE-RSA-AES128-SHA AES256-SHA256,DHE-RSA-AES256-SHA;kRSA+AESGCM",
        "SUITEB128",
        "COMPLEMENTOFDEFAULT:ECDHE+CHACHA20",
        "HIGH+FIPS:ECDSA+SHA384", // HIGH+FIPS share no strength flag: OpenSSL drops that group
        "AES128+kECDHE+aRSA:AES+DHE",
        "CAMELLIA:ARIA:AESCCM", // nothing the JDK has
        "eNULL",
        "NO-SUCH-SUITE",
        "HIGH:@NOSUCHCOMMAND"})
    void selectsWhatOpensslSelectsLessWhatTheJdkLacks(String string) {
        List<String> openssl = opensslCiphers(false, string);
        List<String> ours;
        try {
            ours = OpenSslCipherString.evaluate(string).suites().stream().map(OpenSslNames.Cipher::openssl)
                    .filter(opensslKnows()::contains).toList();
        } catch (OpenSslCipherString.Invalid e) {
            ours = List.of();
        }
        if (ours.isEmpty()) {
            ours = null; // OpenSSL: "no cipher match" or "invalid command"
        }
        assertThat(ours).as("OpenSSL's selection of %s", string).isEqualTo(openssl);

        List<String> expected = opensslCiphers(true, string).stream().filter(n -> provided(n) != null).toList();
        List<String> lacking = openssl == null ? List.of()
                : openssl.stream().filter(n -> provided(n) == null).toList();
        System.out.printf("%s%n  OpenSSL: %d, ucspi4j: %s, JDK lacks: %s%n", string,
                openssl == null ? 0 : openssl.size(), expected, lacking.isEmpty() ? "-" : String.join(" ", lacking));
        if (expected.isEmpty()) {
            assertThatThrownBy(() -> CipherList.resolve(string, SUPPORTED, DEFAULTS)).as(string)
                    .isInstanceOf(TlsSetupException.CipherList.class)
                    .extracting(e -> ((TlsSetupException) e).serverMessage()).isEqualTo("unable to set cipher list");
            return;
        }
        List<String> enabled;
        try {
            enabled = CipherList.resolve(string, SUPPORTED, DEFAULTS).suites().stream()
                    .filter(s -> !CipherList.isTls13(s)).map(OpenSslNames::openssl).toList();
        } catch (TlsSetupException.CipherList e) {
            throw new AssertionError(string, e);
        }
        assertThat(enabled).as("what ucspi4j enables for %s", string).isEqualTo(expected);
    }

    /**
     * {@code @SECLEVEL=n}: what {@code openssl ciphers -s} still offers at each level is what
     * {@link SecurityLevel} permits, TLS 1.3 included (PSK and SRP suites, which {@code -s} drops for want
     * of callbacks, aside).
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void securityLevelsAsOpenssl(int level) {
        String string = "ALL:COMPLEMENTOFALL:@SECLEVEL=" + level;
        List<String> openssl = new ArrayList<>(Arrays.stream(Tools.openssl(dir, "ciphers", "-s", string).strip()
                .split(":")).toList());
        List<String> ours = new ArrayList<>();
        for (String tls13 : List.of("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256")) {
            if (new SecurityLevel(level).permits(OpenSslNames.byIana(tls13).orElseThrow())) {
                ours.add(tls13);
            }
        }
        try {
            OpenSslCipherString.evaluate(string).suites().stream()
                    .filter(c -> new SecurityLevel(level).permits(c))
                    .filter(c -> opensslKnows().contains(c.openssl()))
                    .forEach(c -> ours.add(c.openssl()));
        } catch (OpenSslCipherString.Invalid e) {
            throw new AssertionError(e);
        }
        ours.removeIf(CipherStringOpenSslTest::pskOrSrp);
        openssl.removeIf(CipherStringOpenSslTest::pskOrSrp);
        assertThat(ours).isEqualTo(openssl);
    }

    /** Seeded random strings of every keyword, operator and separator: the same selection and order. */
    @Test
    void randomStringsAsOpenssl() throws Exception {
        List<String> words = List.of("ALL", "COMPLEMENTOFALL", "COMPLEMENTOFDEFAULT", "kRSA", "RSA", "kDHE", "DH",
                "kECDHE", "ECDH", "PSK", "aRSA", "aDSS", "aNULL", "aECDSA", "DHE", "ECDHE", "EDH", "EECDH", "ADH",
                "AECDH", "NULL", "eNULL", "3DES", "AES128", "AES256", "AES", "AESGCM", "AESCCM", "CHACHA20",
                "CAMELLIA", "ARIA", "CBC", "MD5", "SHA1", "SHA256", "SHA384", "SSLv3", "TLSv1", "TLSv1.2", "LOW",
                "MEDIUM", "HIGH", "FIPS", "RC4", "EXPORT", "AES128-SHA", "ECDHE-RSA-AES128-SHA",
                "DHE-RSA-AES256-GCM-SHA384", "NULL-SHA", "ECDHE-ECDSA-CHACHA20-POLY1305");
        java.util.Random random = new java.util.Random(18);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            List<String> entries = new ArrayList<>();
            for (int n = 1 + random.nextInt(6); n > 0; n--) {
                List<String> group = new ArrayList<>();
                for (int g = random.nextInt(3) == 0 ? 2 + random.nextInt(2) : 1; g > 0; g--) {
                    group.add(words.get(random.nextInt(words.size())));
                }
                entries.add(List.of("", "", "", "!", "-", "+").get(random.nextInt(6)) + String.join("+", group));
            }
            if (random.nextInt(5) == 0) {
                entries.add(random.nextInt(entries.size() + 1), "@STRENGTH");
            }
            // a leading ':' keeps a leading '-' from being taken for an option of openssl ciphers
            String string = ":" + String.join(List.of(":", ",", " ", ";").get(random.nextInt(4)), entries);
            List<String> ours = OpenSslCipherString.evaluate(string).suites().stream()
                    .map(OpenSslNames.Cipher::openssl).filter(opensslKnows()::contains).toList();
            List<String> openssl = opensslCiphers(false, string);
            if (!(ours.isEmpty() ? openssl == null : ours.equals(openssl))) {
                wrong.add(string + "\n  openssl: " + openssl + "\n  ours:    " + ours);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theSuitesTheJdkLacks() {
        List<String> lacking = opensslKnows().stream().filter(n -> provided(n) == null).toList();
        System.out.println("OpenSSL suites SunJSSE does not offer (" + lacking.size() + "): " + String.join(" ", lacking));
        assertThat(lacking).contains("AES128-SHA", "ECDHE-ECDSA-AES128-CCM").doesNotContain("ECDHE-RSA-AES128-SHA");
    }

    private static boolean pskOrSrp(String openssl) {
        return openssl.contains("PSK") || openssl.startsWith("SRP-");
    }

    private static String provided(String openssl) {
        var suite = OpenSslNames.byOpenSsl(openssl).orElseThrow(() -> new AssertionError("unknown " + openssl));
        String iana = suite.iana();
        for (String name : List.of(iana, "SSL_" + iana.substring(4))) {
            if (SUPPORTED.contains(name)) {
                return name;
            }
        }
        return null;
    }

    private Set<String> knows;

    /** Every TLS 1.2-and-older suite this OpenSSL has. */
    private Set<String> opensslKnows() {
        if (knows == null) {
            knows = new LinkedHashSet<>(opensslCiphers(false, "ALL:COMPLEMENTOFALL"));
        }
        return knows;
    }

    /** {@code openssl ciphers [-s] -v STRING} without TLS 1.3 suites; null when OpenSSL refuses it. */
    private List<String> opensslCiphers(boolean supportedOnly, String string) {
        List<String> args = new ArrayList<>(List.of("ciphers"));
        if (supportedOnly) {
            args.add("-s");
        }
        args.addAll(List.of("-v", string));
        Tools.Result r = Tools.run(dir, new byte[0], Tools.command("openssl", args.toArray(String[]::new)));
        if (r.exit() != 0) {
            return supportedOnly ? List.of() : null;
        }
        return r.out().lines().map(l -> l.strip().split("\\s+"))
                .filter(f -> !f[1].equals("TLSv1.3")).map(f -> f[0]).toList();
    }
}
