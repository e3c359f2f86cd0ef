package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SNI name read from a real ClientHello of each provider, and nothing from anything else. */
class ClientHelloServerNameTest {
    /** The first record a client of {@code provider} sends, with SNI {@code name} (null: none). */
    static byte[] clientHello(TlsProvider provider, String name) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", provider.provider());
        context.init(null, new TrustManager[] {HandshakeWarmUp.trustingAnything()}, null);
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        p.setServerNames(name == null ? List.of() : List.of(new SNIHostName(name)));
        engine.setSSLParameters(p);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    @Test
    void readsTheNameEachProviderSends() throws Exception {
        for (TlsProvider provider : TlsProvider.values()) {
            assertThat(ClientHelloServerName.of(clientHello(provider, "www.example.org"))).as(provider.name())
                    .isEqualTo("www.example.org");
            assertThat(ClientHelloServerName.of(clientHello(provider, null))).as(provider.name()).isEmpty();
        }
    }

    @Test
    void aCutOrForeignRecordGivesNoAnswer() throws Exception {
        byte[] hello = clientHello(TlsProvider.SUN_JSSE, "www.example.org");
        for (int cut : new int[] {0, 3, 5, 9, 43, hello.length / 2, hello.length - 1}) {
            assertThat(ClientHelloServerName.of(Arrays.copyOf(hello, cut))).as("cut at " + cut).isNull();
        }
        byte[] alert = hello.clone();
        alert[0] = 21;
        assertThat(ClientHelloServerName.of(alert)).isNull();
        assertThat(ClientHelloServerName.of("GET / HTTP/1.0\r\n\r\n".getBytes())).isNull();
    }

    /** Any bytes: a name, no name or no answer, never an exception. */
    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anyBytes(byte[] data) {
        String name = ClientHelloServerName.of(data);
        if (name != null) {
            assertThat(name.length()).isLessThan(data.length);
        }
    }
}
