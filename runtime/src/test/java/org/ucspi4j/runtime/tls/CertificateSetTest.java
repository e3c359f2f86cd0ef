package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one rule that picks a certificate for a client's SNI name, and the names it accepts. */
class CertificateSetTest {
    static final KeyMaterial KEYS = SelfSignedCertificate.generate();

    static ServedCertificate named(String name) {
        return new ServedCertificate(name, KEYS);
    }

    static String chosen(CertificateSet set, String sni) {
        return set.select(sni).map(ServedCertificate::label).orElse(null);
    }

    @Test
    void exactThenWildcardThenDefault() {
        CertificateSet set = CertificateSet.of(List.of(ServedCertificate.fallback(KEYS), named("www.example.org"),
                named("*.example.org"), named("example.org")));
        assertThat(chosen(set, "www.example.org")).isEqualTo("www.example.org");
        assertThat(chosen(set, "mail.example.org")).isEqualTo("*.example.org");
        assertThat(chosen(set, "example.org")).isEqualTo("example.org");
        assertThat(chosen(set, "a.b.example.org")).isEqualTo("default"); // a wildcard is one label
        assertThat(chosen(set, "example.net")).isEqualTo("default");
        assertThat(chosen(set, null)).isEqualTo("default");
        assertThat(chosen(set, "WWW.Example.ORG.")).isEqualTo("www.example.org"); // case, trailing dot
        assertThat(chosen(set, "*.example.org")).isEqualTo("default"); // a client's name is never a pattern
        assertThat(set.all()).extracting(ServedCertificate::label)
                .containsExactly("default", "*.example.org", "example.org", "www.example.org");
        assertThat(set.hasDefault()).isTrue();
        assertThat(set.hasNames()).isTrue();
    }

    @Test
    void withoutADefaultUnknownNamesGetNothing() {
        CertificateSet set = CertificateSet.of(List.of(named("a.example")));
        assertThat(chosen(set, "a.example")).isEqualTo("a.example");
        assertThat(chosen(set, "b.example")).isNull();
        assertThat(chosen(set, null)).isNull();
        assertThat(set.hasDefault()).isFalse();
        assertThat(CertificateSet.of(KEYS).hasNames()).isFalse();
    }

    @Test
    void oneCertificatePerNameAndAtLeastOne() {
        assertThatThrownBy(() -> CertificateSet.of(List.of(named("a.example"), named("A.EXAMPLE"))))
                .hasMessageContaining("two certificates for a.example");
        assertThatThrownBy(() -> CertificateSet.of(List.of(ServedCertificate.fallback(KEYS),
                ServedCertificate.fallback(KEYS)))).hasMessageContaining("two default");
        assertThatThrownBy(() -> CertificateSet.of(List.of())).hasMessageContaining("no certificate");
    }

    @Test
    void serverNamesAreHostNamesOrALeftMostWildcard() {
        assertThat(ServerNames.normalize("Mail.Example.ORG.")).isEqualTo("mail.example.org");
        assertThat(ServerNames.normalize("*.Example.org")).isEqualTo("*.example.org");
        assertThat(ServerNames.normalize("bücher.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(ServerNames.normalize("localhost")).isEqualTo("localhost");
        for (String bad : List.of("", ".", "*", "*.org", "a.*.example", "w*.example", "bad_name", "-a.example",
                "a..example", "a".repeat(64) + ".example", "1.2.3.4:443")) {
            assertThatThrownBy(() -> ServerNames.normalize(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a server name");
        }
    }

    @Test
    void applicationProtocolsAreCheckedNames() {
        assertThat(ApplicationProtocols.parse("h2, http/1.1")).containsExactly("h2", "http/1.1");
        assertThat(ApplicationProtocols.parse("")).isEmpty();
        assertThat(ApplicationProtocols.parse(null)).isEmpty();
        assertThatThrownBy(() -> ApplicationProtocols.parse("h2,,x")).hasMessageContaining("1 to 255 bytes");
        assertThatThrownBy(() -> ApplicationProtocols.parse("x".repeat(256))).hasMessageContaining("1 to 255 bytes");
        assertThatThrownBy(() -> ApplicationProtocols.parse("h2,h2")).hasMessageContaining("named twice: h2");
    }
}
