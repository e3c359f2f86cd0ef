package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;

/** SunJSSE's "XDH" lookups find BouncyCastle's arithmetic, which agrees with SunEC's on every secret. */
class FastX25519Test {
    @Test
    void sunJsseLookupsFindItFirst() throws Exception {
        FastX25519.install();
        FastX25519.install(); // once per JVM
        assertThat(java.security.Security.getProviders()[0].getName()).isEqualTo(FastX25519.NAME);
        assertThat(KeyPairGenerator.getInstance("XDH").getProvider().getName()).isEqualTo(FastX25519.NAME);
        assertThat(KeyFactory.getInstance("XDH").getProvider().getName()).isEqualTo(FastX25519.NAME);
        assertThat(KeyAgreement.getInstance("X25519").getProvider().getName()).isEqualTo(FastX25519.NAME);
        assertThat(KeyPairGenerator.getInstance("EC").getProvider().getName()).isEqualTo("SunEC"); // nothing else moves
    }

    @Test
    void secretsMatchSunEcBothWays() throws Exception {
        FastX25519.install();
        for (NamedParameterSpec curve : new NamedParameterSpec[] {NamedParameterSpec.X25519, NamedParameterSpec.X448}) {
            for (int i = 0; i < 50; i++) {
                KeyPairGenerator ours = KeyPairGenerator.getInstance("XDH", FastX25519.NAME);
                ours.initialize(curve);
                KeyPairGenerator sun = KeyPairGenerator.getInstance("XDH", "SunEC");
                sun.initialize(curve);
                KeyPair a = ours.generateKeyPair();
                KeyPair b = sun.generateKeyPair();
                // the peer's key as SunJSSE rebuilds it from the wire: u, through the first KeyFactory
                XECPublicKey bOnWire = (XECPublicKey) KeyFactory.getInstance("XDH")
                        .generatePublic(new XECPublicKeySpec(curve, ((XECPublicKey) b.getPublic()).getU()));
                XECPublicKey aOnWire = (XECPublicKey) KeyFactory.getInstance("XDH", "SunEC")
                        .generatePublic(new XECPublicKeySpec(curve, ((XECPublicKey) a.getPublic()).getU()));
                KeyAgreement mine = KeyAgreement.getInstance("XDH");
                mine.init(a.getPrivate());
                mine.doPhase(bOnWire, true);
                KeyAgreement theirs = KeyAgreement.getInstance("XDH", "SunEC");
                theirs.init(b.getPrivate());
                theirs.doPhase(aOnWire, true);
                assertThat(mine.generateSecret()).as("%s #%d", curve.getName(), i).isEqualTo(theirs.generateSecret());
            }
        }
    }
}
