package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HandshakeWarmUpTest {
    @Test
    void completesOneHandshakePerEnabledProtocol() throws Exception {
        ServerTlsContext server = TlsContexts.server(TlsServerConfig.of(SelfSignedCertificate.generate()));
        assertThat(HandshakeWarmUp.run(server)).isEqualTo(server.parameters().getProtocols().length).isEqualTo(2);
    }

    @Test
    void worksWithBouncyCastleToo() throws Exception {
        ServerTlsContext server = TlsContexts.server(TlsServerConfig.of(SelfSignedCertificate.generate())
                .withProvider(TlsProvider.BC_JSSE));
        assertThat(HandshakeWarmUp.run(server)).isEqualTo(2);
    }
}
