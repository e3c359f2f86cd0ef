package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Choosing by name, and aliases that outlive a replacement of the set. */
class SniKeyManagerTest {
    static final KeyMaterial DEFAULT = SelfSignedCertificate.generate();
    static final KeyMaterial A = SelfSignedCertificate.generate();
    static final KeyMaterial NEW_A = SelfSignedCertificate.generate();

    static SniKeyManager manager(KeyMaterial a) throws Exception {
        return new SniKeyManager(TlsProvider.SUN_JSSE.provider(),
                CertificateSet.of(List.of(ServedCertificate.fallback(DEFAULT), new ServedCertificate("a.example", a))));
    }

    static String choose(SniKeyManager keys, String name) throws Exception {
        String keyType = DEFAULT.privateKey().getAlgorithm();
        return ScopedValue.where(SniKeyManager.CLIENT_HELLO_NAME, name)
                .call(() -> keys.chooseEngineServerAlias(keyType, null, null));
    }

    @Test
    void choosesByTheClientHelloName() throws Exception {
        SniKeyManager keys = manager(A);
        assertThat(keys.getCertificateChain(choose(keys, "a.example"))[0]).isEqualTo(A.certificate());
        assertThat(keys.getPrivateKey(choose(keys, "a.example"))).isEqualTo(A.privateKey());
        assertThat(keys.getCertificateChain(choose(keys, "b.example"))[0]).isEqualTo(DEFAULT.certificate());
        assertThat(keys.getCertificateChain(choose(keys, ""))[0]).isEqualTo(DEFAULT.certificate());
        assertThat(keys.chooseEngineServerAlias("RSA", null, null)).isNull(); // no RSA key here: JSSE asks for another
        assertThat(keys.getPrivateKey("not:an:alias")).isNull();
        assertThat(keys.getPrivateKey(null)).isNull();
    }

    @Test
    void anAliasChosenBeforeAReplacementKeepsItsKeyAndChain() throws Exception {
        SniKeyManager keys = manager(A);
        String before = choose(keys, "a.example");
        keys.install(CertificateSet.of(List.of(ServedCertificate.fallback(DEFAULT),
                new ServedCertificate("a.example", NEW_A))));
        assertThat(keys.getPrivateKey(before)).isEqualTo(A.privateKey());
        assertThat(keys.getCertificateChain(before)[0]).isEqualTo(A.certificate());
        String after = choose(keys, "a.example");
        assertThat(keys.getPrivateKey(after)).isEqualTo(NEW_A.privateKey());
        assertThat(keys.getCertificateChain(after)[0]).isEqualTo(NEW_A.certificate());
    }
}
