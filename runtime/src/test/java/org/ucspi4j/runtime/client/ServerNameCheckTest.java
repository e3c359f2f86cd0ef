package org.ucspi4j.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerNameCheckTest {
    @Test
    void wildcardsTakeOneWholeLeftmostLabel() {
        assertThat(ServerNameCheck.matches("*.example.com", "www.example.com")).isTrue();
        assertThat(ServerNameCheck.matches("*.example.com", "WWW.Example.COM.")).isTrue();
        assertThat(ServerNameCheck.matches("*.example.com", "a.b.example.com")).isFalse();
        assertThat(ServerNameCheck.matches("*.example.com", "example.com")).isFalse();
        assertThat(ServerNameCheck.matches("*.com", "example.com")).isFalse();
        assertThat(ServerNameCheck.matches("mail.example.com", "mail.example.com")).isTrue();
        assertThat(ServerNameCheck.matches("mail.example.com", "smtp.example.com")).isFalse();
    }

    @Test
    void ipLiterals() {
        assertThat(ServerNameCheck.isIpLiteral("127.0.0.1")).isTrue();
        assertThat(ServerNameCheck.isIpLiteral("::1")).isTrue();
        assertThat(ServerNameCheck.isIpLiteral("localhost")).isFalse();
        assertThat(ServerNameCheck.isIpLiteral("1.2.3")).isFalse();
    }
}
