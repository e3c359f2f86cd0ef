package org.ucspi4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class UcspiTlsTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void blockOfVariablesAndTheEmptyBlock() {
        assertThat(UcspiTls.environmentBlock(List.of())).isEqualTo(bytes("\0\0"));
        assertThat(UcspiTls.environmentBlock(List.of(new SslVariable("SSL_PROTOCOL", "TLSv1.3"),
                new SslVariable("SSL_CIPHER", "TLS_AES_128_GCM_SHA256"))))
                .isEqualTo(bytes("SSL_PROTOCOL=TLSv1.3\0SSL_CIPHER=TLS_AES_128_GCM_SHA256\0\0"));
    }

    @Test
    void aNulInAValueCannotForgeAVariable() {
        // a client certificate's CN "x\0SSL_CLIENT_VERIFY=SUCCESS" would otherwise read back as two variables
        assertThat(UcspiTls.environmentBlock(List.of(new SslVariable("SSL_CLIENT_S_DN_CN", "x\0SSL_CLIENT_VERIFY=SUCCESS"),
                new SslVariable("BAD=NAME", "v"), new SslVariable("", "v"))))
                .isEqualTo(bytes("SSL_CLIENT_S_DN_CN=x\0\0"));
        assertThat(UcspiTls.environmentBlock(List.of(new SslVariable("A=B", "c")))).isEqualTo(bytes("\0\0"));
    }

    @Test
    void parsingStopsAtTheDoubleNulAndSkipsGarbage() {
        assertThat(UcspiTls.parseEnvironmentBlock(bytes("\0\0"))).isEmpty();
        assertThat(UcspiTls.parseEnvironmentBlock(new byte[0])).isEmpty();
        assertThat(UcspiTls.parseEnvironmentBlock(bytes("A=1\0noequals\0=x\0B==2\0C=\0\0D=after\0\0")))
                .containsExactly(new SslVariable("A", "1"), new SslVariable("B", "=2"), new SslVariable("C", ""));
        assertThat(UcspiTls.parseEnvironmentBlock(bytes("A=1\0B=unterminated")))
                .containsExactly(new SslVariable("A", "1"));
        assertThat(UcspiTls.parseEnvironmentBlock("X=\u00e9\0\0".getBytes(StandardCharsets.UTF_8)))
                .containsExactly(new SslVariable("X", "\u00e9"));
        assertThat(UcspiTls.environmentBlock(List.of(new SslVariable("X", "\u00e9"))))
                .isEqualTo("X=\u00e9\0\0".getBytes(StandardCharsets.UTF_8));
    }
}
