package org.ucspi4j.runtime.tls;

import java.util.Optional;

/**
 * {@code @SECLEVEL=n} as it bears on cipher suites (OpenSSL 3's SSL_CTX_set_security_level(3) and
 * its default security callback): a minimum of 0, 80, 112, 128, 192 or 256 strength bits; from level
 * 1 no anonymous and no MD5 suites; from 2 no RC4 (JSSE has none enabled anyway); from 3 forward
 * secrecy; from 4 no SHA-1 MAC. TLS 1.3 suites are held to the bits alone. The level's key-size and
 * signature rules are not applied: those are JSSE's ({@code jdk.tls.disabledAlgorithms},
 * {@code jdk.certpath.disabledAlgorithms}). Without {@code @SECLEVEL} the level is 1, OpenSSL's
 * built-in default.
 */
record SecurityLevel(int level) {
    static final SecurityLevel DEFAULT = new SecurityLevel(1);

    private static final int[] MIN_BITS = {0, 80, 112, 128, 192, 256};

    SecurityLevel {
        if (level < 0 || level > 5) {
            throw new IllegalArgumentException("security level " + level);
        }
    }

    boolean permits(OpenSslNames.Cipher suite) {
        if (level == 0) {
            return true;
        }
        if (suite.useBits() < MIN_BITS[level]) {
            return false;
        }
        Optional<SuiteAttributes> attributes = SuiteAttributes.of(suite);
        if (attributes.isEmpty()) {
            return true; // TLS 1.3
        }
        SuiteAttributes a = attributes.get();
        return a.au() != SuiteAttributes.Authentication.NULL
                && a.mac() != SuiteAttributes.Mac.MD5
                && (level < 3 || a.forwardSecret())
                && (level < 4 || a.mac() != SuiteAttributes.Mac.SHA1);
    }
}
