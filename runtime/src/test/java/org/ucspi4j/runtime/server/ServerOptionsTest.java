package org.ucspi4j.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {
    @Test
    void theBuilderStartsFromUcspiSsl095bsDefaults() {
        ServerOptions o = ServerOptions.builder().host("0").port("443").build();
        assertThat(o.verbosity()).isEqualTo(1);
        assertThat(o.limit()).isEqualTo(40);
        assertThat(o.backlog()).isEqualTo(20);
        assertThat(o.banner()).isEmpty();
        assertThat(o.identTimeout()).isEqualTo(Duration.ofSeconds(26));
        assertThat(o.handshakeTimeout()).isEqualTo(Duration.ofSeconds(26));
        assertThat(o.idleTimeout()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(o.clientCerts()).isEqualTo(ClientCertPolicy.NONE);
        assertThat(o.remoteHost()).isTrue();
        assertThat(List.of(o.allowMissingRules(), o.paranoid(), o.remoteInfo(), o.printPort(), o.readPassphrase(),
                o.ipv4Only(), o.ipv6Mode(), o.keepIpOptions(), o.delay(), o.sslEnv(), o.tcpEnv(), o.delayedTls()))
                .containsOnly(false);
        assertThat(java.util.Arrays.asList(o.rules(), o.earlyRules(), o.uid(), o.gid(), o.localName(), o.interfaceName()))
                .containsOnlyNulls();
        assertThat(o.program()).isEmpty();
    }

    @Test
    void theProgramIsCopied() {
        List<String> program = new ArrayList<>(List.of("cat"));
        ServerOptions o = ServerOptions.builder().host("0").port("443").program(program).build();
        program.add("-u");
        assertThat(o.program()).containsExactly("cat");
    }

    @Test
    void whatNoCommandLineCanMeanIsRefused() {
        ServerOptions.Builder b = ServerOptions.builder().host("0").port("443");
        assertThatThrownBy(() -> b.verbosity(4).build()).isInstanceOf(IllegalArgumentException.class);
        b.verbosity(3);
        assertThatThrownBy(() -> b.limit(0).build()).isInstanceOf(IllegalArgumentException.class);
        b.limit(1);
        assertThatThrownBy(() -> b.backlog(-1).build()).isInstanceOf(IllegalArgumentException.class);
        b.backlog(0);
        assertThatThrownBy(() -> b.idleTimeout(Duration.ofSeconds(-1)).build()).isInstanceOf(IllegalArgumentException.class);
        b.idleTimeout(Duration.ZERO);
        assertThat(b.build().limit()).isEqualTo(1);
        assertThatThrownBy(() -> ServerOptions.builder().port("443").build()).isInstanceOf(NullPointerException.class);
    }
}
