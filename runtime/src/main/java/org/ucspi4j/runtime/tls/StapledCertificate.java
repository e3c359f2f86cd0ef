package org.ucspi4j.runtime.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate the server presents, as {@link OcspStapling} needs it: its name ({@code ""} for the
 * default certificate, else the {@code NAME} of {@code CERTFILE:NAME} and {@code OCSPFILE:NAME}) and
 * its chain, leaf first, exactly as served: SunJSSE takes the second certificate as the leaf's issuer.
 */
public record StapledCertificate(String name, List<X509Certificate> chain) {
    public StapledCertificate {
        Objects.requireNonNull(name, "name");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain");
        }
    }
}
