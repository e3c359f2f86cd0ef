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
        return CipherList.resolve(spec, SUPPORTED, DEFAULTS);
    }

    @Test
    void emptyMeansTheProvidersDefault() throws Exception {
        assertThat(resolve("")).isEqualTo(DEFAULTS);
        assertThat(resolve(null)).isEqualTo(DEFAULTS);
        assertThat(resolve("  ")).isEqualTo(DEFAULTS);
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
    void bothKindsInTheirOrderWithoutDuplicates() throws Exception {
        assertThat(resolve("ECDHE-RSA-AES256-GCM-SHA384:TLS_AES_128_GCM_SHA256:TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"))
                .containsExactly("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    }

    @Test
    void opensslKeywordsUnknownAndUnsupportedNamesAreErrors() {
        for (String spec : List.of("HIGH:!MD5", "ALL", "DEFAULT:@SECLEVEL=2", "!aNULL", "ECDHE-RSA-AES256-GCM-SHA384:-RC4")) {
            assertThatThrownBy(() -> resolve(spec)).as(spec).isInstanceOf(TlsSetupException.CipherList.class)
                    .hasMessageContaining("keywords are not supported")
                    .extracting(e -> ((TlsSetupException) e).serverMessage()).isEqualTo("unable to set cipher list");
        }
        assertThatThrownBy(() -> resolve("TLS_AES_256_GCM_SHA384:NO-SUCH-CIPHER"))
                .isInstanceOf(TlsSetupException.CipherList.class).hasMessageContaining("unknown cipher suite: NO-SUCH");
        // Known to OpenSSL, not to this (pretend) provider.
        assertThatThrownBy(() -> resolve("PSK-AES128-GCM-SHA256"))
                .isInstanceOf(TlsSetupException.CipherList.class).hasMessageContaining("not supported");
        assertThatThrownBy(() -> resolve(":::")).isInstanceOf(TlsSetupException.CipherList.class);
    }

    @Test
    void jsseSslPrefixedNames() throws Exception {
        List<String> supported = List.of("TLS_AES_128_GCM_SHA256", "SSL_RSA_WITH_3DES_EDE_CBC_SHA");
        assertThat(CipherList.resolve("DES-CBC3-SHA", supported, supported))
                .containsExactly("TLS_AES_128_GCM_SHA256", "SSL_RSA_WITH_3DES_EDE_CBC_SHA");
    }
}
