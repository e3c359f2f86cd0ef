package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Security;
import org.junit.jupiter.api.Test;

class TlsProviderTest {
    @Test
    void namesAndInstances() {
        assertThat(TlsProvider.named("SunJSSE")).isEqualTo(TlsProvider.SUN_JSSE);
        assertThat(TlsProvider.named("bcjsse")).isEqualTo(TlsProvider.BC_JSSE);
        assertThat(TlsProvider.named("org.bouncycastle.jsse.provider.BouncyCastleJsseProvider"))
                .isEqualTo(TlsProvider.BC_JSSE);
        assertThatThrownBy(() -> TlsProvider.named("Conscrypt")).isInstanceOf(IllegalArgumentException.class);
        assertThat(TlsProvider.SUN_JSSE.provider().getName()).isEqualTo("SunJSSE");
        assertThat(TlsProvider.BC_JSSE.provider().getName()).isEqualTo("BCJSSE");
        // Neither BouncyCastle provider is registered for the whole JVM.
        assertThat(Security.getProvider("BC")).isNull();
        assertThat(Security.getProvider("BCJSSE")).isNull();
        assertThat(SslVariables.library(TlsProvider.SUN_JSSE.provider()))
                .matches("ucspi4j( \\S+)? \\(Java " + System.getProperty("java.version").replace(".", "\\.")
                        + ", SunJSSE \\S+\\)");
    }
}
