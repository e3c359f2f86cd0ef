package org.ucspi4j.runtime.tls;

import java.util.Objects;

/**
 * One certificate the server presents and the server name it is for: {@code CERTFILE:NAME} (NAME an
 * exact host name or a left-most wildcard such as {@code *.example.org}), or the default
 * ({@code CERTFILE}, name empty) for clients that send no SNI or a name no other one is for.
 */
public record ServedCertificate(String name, KeyMaterial keys) {
    public ServedCertificate {
        Objects.requireNonNull(keys, "keys");
        name = name.isEmpty() ? "" : ServerNames.normalize(name);
    }

    /** The default certificate. */
    public static ServedCertificate fallback(KeyMaterial keys) {
        return new ServedCertificate("", keys);
    }

    public boolean isDefault() {
        return name.isEmpty();
    }

    /** How logs name it: its server name, or {@code default}. */
    public String label() {
        return isDefault() ? "default" : name;
    }
}
