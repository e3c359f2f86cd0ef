package org.ucspi4j.runtime.tls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The certificates a server presents, and the one rule that picks among them for a client's SNI
 * name: the certificate for exactly that name, else the wildcard one for its parent, else the
 * default. Without a default, a client with no (known) name gets none, and its handshake fails.
 */
public final class CertificateSet {
    private final Optional<ServedCertificate> fallback;
    private final Map<String, ServedCertificate> named;

    private CertificateSet(Optional<ServedCertificate> fallback, Map<String, ServedCertificate> named) {
        this.fallback = fallback;
        this.named = named;
    }

    /** Just one certificate, for every client: what ucspi-ssl serves. */
    public static CertificateSet of(KeyMaterial keys) {
        return of(List.of(ServedCertificate.fallback(keys)));
    }

    /** At most one default and one certificate per name; throws IllegalArgumentException otherwise. */
    public static CertificateSet of(List<ServedCertificate> certificates) {
        Optional<ServedCertificate> fallback = Optional.empty();
        Map<String, ServedCertificate> named = new LinkedHashMap<>();
        for (ServedCertificate c : certificates) {
            if (c.isDefault()) {
                if (fallback.isPresent()) {
                    throw new IllegalArgumentException("two default certificates");
                }
                fallback = Optional.of(c);
            } else if (named.putIfAbsent(c.name(), c) != null) {
                throw new IllegalArgumentException("two certificates for " + c.name());
            }
        }
        if (fallback.isEmpty() && named.isEmpty()) {
            throw new IllegalArgumentException("no certificate");
        }
        return new CertificateSet(fallback, Map.copyOf(named));
    }

    /**
     * The certificate for a client that asked for {@code serverName} (null: it sent no SNI); empty
     * when there is none for that name and no default.
     */
    public Optional<ServedCertificate> select(String serverName) {
        if (serverName != null) {
            Optional<ServedCertificate> forName = forName(serverName);
            if (forName.isPresent()) {
                return forName;
            }
        }
        return fallback;
    }

    /** The certificate configured for exactly this name or by a wildcard covering it; the default does not count. */
    public Optional<ServedCertificate> forName(String serverName) {
        String host;
        try {
            host = ServerNames.normalize(serverName);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (host.startsWith("*.")) {
            return Optional.empty(); // a client names a host, never a pattern
        }
        ServedCertificate exact = named.get(host);
        if (exact != null) {
            return Optional.of(exact);
        }
        String wildcard = ServerNames.wildcardFor(host);
        return wildcard == null ? Optional.empty() : Optional.ofNullable(named.get(wildcard));
    }

    public boolean hasDefault() {
        return fallback.isPresent();
    }

    /** Whether more than the one default certificate is configured. */
    public boolean hasNames() {
        return !named.isEmpty();
    }

    /** All certificates, the default first, then the named ones by name. */
    public List<ServedCertificate> all() {
        List<ServedCertificate> all = new ArrayList<>();
        fallback.ifPresent(all::add);
        named.values().stream().sorted(java.util.Comparator.comparing(ServedCertificate::name)).forEach(all::add);
        return List.copyOf(all);
    }
}
