package org.ucspi4j.runtime.tls;

import java.util.Arrays;

/**
 * The key-exchange groups ucspi4j offers and accepts: the provider's, without the finite-field
 * (RFC 7919 {@code ffdhe*}) groups. In TLS 1.3 the JDK's stack does not left-pad a Diffie-Hellman
 * shared secret whose first byte is zero (RFC 8446 section 7.4.1 says it must), so about one handshake
 * in 256 over an ffdhe group fails with bad_record_mac, against OpenSSL and against itself. Without
 * them a TLS 1.3 client that sends an ffdhe key share is asked (HelloRetryRequest) for an elliptic
 * curve it also offers. TLS 1.2's DHE suites are not affected: they use the server's own parameters
 * (DHFILE, or the provider's 2048-bit group), which the JDK pads as TLS 1.2 wants.
 *
 * <p>A user who wants the ffdhe groups (or any other list) sets the JDK's own
 * {@code jdk.tls.namedGroups} system property, e.g. through UCSPI4J_JAVA_OPTS; it is then left alone.
 */
final class KeyExchangeGroups {
    private KeyExchangeGroups() {}

    static final String PROPERTY = "jdk.tls.namedGroups";

    /** {@code groups} (the provider's defaults, or null when it keeps them to itself) for ucspi4j. */
    static String[] of(String[] groups) {
        if (groups == null || System.getProperty(PROPERTY) != null) {
            return groups;
        }
        return Arrays.stream(groups).filter(g -> !g.startsWith("ffdhe")).toArray(String[]::new);
    }
}
