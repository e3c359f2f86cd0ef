package org.ucspi4j.runtime.tls;

import java.security.Provider;
import java.security.Security;

/**
 * X25519 (and X448) for SunJSSE's key exchange from BouncyCastle's implementation, which keeps the
 * field elements in 32-bit limbs with hand-unrolled multiplication: a key pair and an agreement take
 * 125 µs against SunEC's 270 µs on the build machine. OpenSSL clients send an X25519 key share
 * first, so nearly every TLS 1.3 handshake, resumed ones included, pays this twice (the server's key
 * pair, the shared secret): it was 30% of a warm server's handshake CPU in a profile. The curve, the
 * keys on the wire and the secret are the same; only whose arithmetic computes them changes.
 *
 * <p>A provider of its own holding only these services, first in the JVM's list, so that SunJSSE's
 * {@code KeyPairGenerator/KeyFactory/KeyAgreement.getInstance("XDH")} find it; everything else (AES-GCM,
 * SHA-2, ECDSA, P-256) stays with the JDK's providers and their intrinsics.
 */
final class FastX25519 extends Provider {
    private static final long serialVersionUID = 1L;

    static final String NAME = "ucspi4j-XDH";

    private FastX25519() {
        super(NAME, "1", "X25519/X448 key pairs, keys and agreement from BouncyCastle's arithmetic");
        String spi = "org.bouncycastle.jcajce.provider.asymmetric.edec.";
        for (String algorithm : new String[] {"XDH", "X25519", "X448"}) {
            putService(new Service(this, "KeyPairGenerator", algorithm, spi + "KeyPairGeneratorSpi$" + algorithm, null, null));
            putService(new Service(this, "KeyFactory", algorithm, spi + "KeyFactorySpi$" + algorithm, null, null));
            putService(new Service(this, "KeyAgreement", algorithm, spi + "KeyAgreementSpi$" + algorithm, null, null));
        }
    }

    /** Puts the provider first, once per JVM; {@code -Ducspi4j.tls.sunec-xdh=true} leaves SunEC's in use. */
    static synchronized void install() {
        if (Boolean.getBoolean("ucspi4j.tls.sunec-xdh") || Security.getProvider(NAME) != null) {
            return;
        }
        Security.insertProviderAt(new FastX25519(), 1);
    }
}
