package org.ucspi4j.runtime.tls;

import java.security.Provider;
import java.security.Security;
import java.util.Locale;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * The JSSE implementation a context is built on. SunJSSE is the default: it resumes TLS 1.3 sessions,
 * which BCJSSE 1.84 does not. BCJSSE runs on its own BouncyCastle JCA provider instance; neither
 * provider is (re)registered globally.
 */
public enum TlsProvider {
    SUN_JSSE,
    BC_JSSE;

    /** The environment variable that selects the provider of sslserver, sslhandle and the clients. */
    public static final String VARIABLE = "UCSPI4J_TLS_PROVIDER";

    private static final class Bc {
        static {
            // BCJSSE reports through java.util.logging; its INFO chatter must not reach a server's log.
            java.util.logging.Logger.getLogger("org.bouncycastle").setLevel(java.util.logging.Level.SEVERE);
        }

        static final Provider JSSE = new BouncyCastleJsseProvider(BouncyCastle.provider());
    }

    /** The provider instance. */
    public Provider provider() {
        return switch (this) {
            case SUN_JSSE -> {
                Provider p = Security.getProvider("SunJSSE");
                if (p == null) {
                    throw new IllegalStateException("the SunJSSE provider is not installed");
                }
                yield p;
            }
            case BC_JSSE -> Bc.JSSE;
        };
    }

    /**
     * The provider a user names: {@code SunJSSE}, {@code BCJSSE} (case-insensitive), or the class name
     * {@code org.bouncycastle.jsse.provider.BouncyCastleJsseProvider}.
     */
    public static TlsProvider named(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "sunjsse", "sun", "jdk" -> SUN_JSSE;
            case "bcjsse", "bc", "bouncycastle", "org.bouncycastle.jsse.provider.bouncycastlejsseprovider" -> BC_JSSE;
            default -> throw new IllegalArgumentException("unknown TLS provider: " + name
                    + " (SunJSSE or BCJSSE)");
        };
    }
}
