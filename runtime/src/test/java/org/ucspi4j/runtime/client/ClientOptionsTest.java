package org.ucspi4j.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientOptionsTest {
    @Test
    void theBuilderStartsFromTheDefaults() {
        ClientOptions o = ClientOptions.builder().host("h").port("443").program(List.of("true")).build();
        assertThat(o.verbosity()).isEqualTo(1);
        assertThat(o.connectTimeout()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(58));
        assertThat(o.totalTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.identTimeout()).isEqualTo(Duration.ofSeconds(26));
        assertThat(o.idleTimeout()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(o.verifyDepth()).isEqualTo(1);
        assertThat(o.localPort()).isZero();
        assertThat(List.of(o.remoteHost(), o.verify(), o.checkName())).containsOnly(true);
        assertThat(List.of(o.ipv4Only(), o.delay(), o.remoteInfo(), o.passphraseFromFd3(), o.sni(), o.sslEnv(),
                o.tcpEnv(), o.delayedTls())).containsOnly(false);
        assertThat(java.util.Arrays.asList(o.localIp(), o.interfaceName(), o.localName(), o.caFile(), o.caDir(),
                o.certFile(), o.keyFile(), o.passphraseFile(), o.ciphers())).containsOnlyNulls();
        assertThat(o.program()).containsExactly("true");
    }

    @Test
    void whatNoCommandLineCanMeanIsRefused() {
        ClientOptions.Builder b = ClientOptions.builder().host("h").port("443");
        assertThatThrownBy(() -> b.verbosity(3).build()).isInstanceOf(IllegalArgumentException.class);
        b.verbosity(0);
        assertThatThrownBy(() -> b.localPort(65536).build()).isInstanceOf(IllegalArgumentException.class);
        b.localPort(65535);
        assertThatThrownBy(() -> b.connectTimeout(Duration.ofSeconds(-1), Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        b.connectTimeout(Duration.ZERO, Duration.ZERO);
        assertThatThrownBy(() -> b.verifyDepth(-1).build()).isInstanceOf(IllegalArgumentException.class);
        b.verifyDepth(0);
        assertThat(b.build().localPort()).isEqualTo(65535);
        assertThatThrownBy(() -> ClientOptions.builder().host("h").build()).isInstanceOf(NullPointerException.class);
    }
}
