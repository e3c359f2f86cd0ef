package org.ucspi4j.runtime.tls;

import java.time.Instant;
import java.util.Optional;

/**
 * A DER OCSP response checked to be stapleable for one certificate (see {@link OcspResponseCheck}),
 * and what it says. {@code der} is shared, never changed: it goes to SunJSSE, which copies it.
 */
record OcspStaple(byte[] der, Status status, Instant thisUpdate, Optional<Instant> nextUpdate,
                  Optional<Instant> revokedAt) {
    /** What the responder says of the certificate. ("unknown" is never stapled: see the check.) */
    enum Status {
        GOOD,
        REVOKED
    }

    /** Still valid at {@code now}: no nextUpdate (RFC 6960: newer information is always available), or before it. */
    boolean isCurrent(Instant now) {
        return nextUpdate.isEmpty() || now.isBefore(nextUpdate.get());
    }
}
