package org.ucspi4j.runtime.tls;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one BouncyCastle JCA provider instance, created on first use. It is never registered with
 * {@link java.security.Security}: registering would change which provider every other JCA lookup in
 * the JVM gets, and SunJSSE is meant to keep using the JDK's own crypto.
 */
final class BouncyCastle {
    private BouncyCastle() {}

    private static final class Holder {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    static Provider provider() {
        return Holder.PROVIDER;
    }
}
