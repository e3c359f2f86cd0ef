package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CipherListTest {
    static final List<String> SUPPORTED = List.of(
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
    static final List<String> DEFAULTS = List.of(
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");

    static List<String> resolve(String spec) throws TlsSetupException.CipherList {
        return CipherList.resolve(spec, SUPPORTED, DEFAULTS).suites();
    }

    @Test
    void emptyMeansTheDefault() throws Exception {
        assertThat(resolve("")).isEqualTo(DEFAULTS);
        assertThat(resolve(null)).isEqualTo(DEFAULTS);
        assertThat(resolve("  ")).isEqualTo(DEFAULTS);
        assertThat(CipherList.resolve(null, SUPPORTED, DEFAULTS).warnings()).isEmpty();
    }

    @Test
    void tls13OnlyRestrictsTls13AndKeepsTheDefaultTls12Suites() throws Exception {
        assertThat(resolve("TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256")).containsExactly(
                "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
    }

    @Test
    void opensslAndIanaNamesRestrictTls12() throws Exception {
        assertThat(resolve("ECDHE-RSA-AES128-GCM-SHA256:TLS_DHE_RSA_WITH_AES_128_CBC_SHA")).containsExactly(
                "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA");
    }

    @Test
    void aMixedStringSplitsIntoBothLists() throws Exception {
        assertThat(resolve("ECDHE-RSA-AES256-GCM-SHA384:TLS_AES_128_GCM_SHA256:TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"))
                .containsExactly("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        // the TLS 1.3 name in front does not hide DEFAULT from the cipher string
        assertThat(resolve("TLS_CHACHA20_POLY1305_SHA256:DEFAULT:!DHE")).containsExactly(
                "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void keywordsSelectWhatOpensslSelectsInItsOrder() throws Exception {
        assertThat(resolve("HIGH:!MD5")).containsExactly("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA");
        assertThat(resolve("ECDHE+AESGCM:+AES256")).containsExactly("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        // -ALL puts what it turns off in front, so ALL adds it back first
        assertThat(resolve("kRSA:DHE-RSA-AES128-SHA:-ALL:ECDHE-RSA-AES128-GCM-SHA256:ALL"))
                .endsWith("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
                        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    }

    @Test
    void weakSuitesAreEnabledWithAWarningEach() throws Exception {
        var r = CipherList.resolve("DHE-RSA-AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256", SUPPORTED, DEFAULTS);
        assertThat(r.suites()).contains("TLS_DHE_RSA_WITH_AES_128_CBC_SHA");
        assertThat(r.warnings()).containsExactly("DHE-RSA-AES128-SHA enabled: CBC mode, not in ucspi4j's default");
        var keyword = CipherList.resolve("HIGH", SUPPORTED, DEFAULTS);
        assertThat(keyword.warnings()).contains("DHE-RSA-AES128-SHA enabled: CBC mode, not in ucspi4j's default")
                .anyMatch(w -> w.matches("\\d+ more suites OpenSSL would select are not available.*"));
        List<String> rsa = List.of("TLS_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA");
        assertThat(CipherList.resolve("AES128-SHA", rsa, rsa).warnings()).containsExactly(
                "AES128-SHA enabled: RSA key exchange (no forward secrecy), CBC mode, not in ucspi4j's default");
    }

    @Test
    void unknownWordsAreIgnoredAsOpensslIgnoresThem() throws Exception {
        var r = CipherList.resolve("ECDHE-RSA-AES128-GCM-SHA256:!EXPORT:NO-SUCH", SUPPORTED, DEFAULTS);
        assertThat(r.suites()).endsWith("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(r.warnings()).containsExactly("EXPORT: no such suite or keyword here, ignored",
                "NO-SUCH: no such suite or keyword here, ignored");
    }

    @Test
    void securityLevels() throws Exception {
        assertThat(resolve("HIGH:@SECLEVEL=4")).containsExactly("TLS_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        List<String> rsa = List.of("TLS_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(CipherList.resolve("AESGCM:@SECLEVEL=3", rsa, rsa).suites())
                .containsExactly("TLS_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(CipherList.resolve("AESGCM:@SECLEVEL=2", rsa, rsa).suites()).hasSize(3);
    }

    @Test
    void whatSelectsNothingIsAnError() {
        for (String spec : List.of("NO-SUCH-CIPHER", "TLS_AES_256_GCM_SHA384:NO-SUCH-CIPHER", "!ALL", ":::",
                "CAMELLIA", "AES128-SHA", "HIGH:!HIGH", "HIGH:@SECLEVEL=9", "HIGH:@STRONGEST", "HIGH:#",
                "DHE-RSA-AES128-SHA:@SECLEVEL=4")) {
            assertThatThrownBy(() -> resolve(spec)).as(spec).isInstanceOf(TlsSetupException.CipherList.class)
                    .extracting(e -> ((TlsSetupException) e).serverMessage()).isEqualTo("unable to set cipher list");
        }
        assertThatThrownBy(() -> resolve("AES128-SHA")).hasMessageContaining("OpenSSL would select AES128-SHA");
        assertThatThrownBy(() -> resolve("TLS_AES_128_CCM_SHA256:HIGH"))
                .isInstanceOf(TlsSetupException.CipherList.class).hasMessageContaining("not supported");
        assertThatThrownBy(() -> resolve("TLS_NO_SUCH:HIGH")).hasMessageContaining("unknown cipher suite");
    }

    @Test
    void jsseSslPrefixedNames() throws Exception {
        List<String> supported = List.of("TLS_AES_128_GCM_SHA256", "SSL_RSA_WITH_3DES_EDE_CBC_SHA");
        assertThat(CipherList.resolve("DES-CBC3-SHA", supported, supported).suites())
                .containsExactly("TLS_AES_128_GCM_SHA256", "SSL_RSA_WITH_3DES_EDE_CBC_SHA");
        assertThat(CipherList.resolve("SSL_RSA_WITH_3DES_EDE_CBC_SHA", supported, supported).suites())
                .containsExactly("TLS_AES_128_GCM_SHA256", "SSL_RSA_WITH_3DES_EDE_CBC_SHA");
    }
}
