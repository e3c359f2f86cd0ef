package org.ucspi4j.runtime.tls;

import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A cipher string that names an RSA-key-exchange suite ({@code AES128-SHA}, as old run scripts do)
 * gets it: JDK 25 lists {@code TLS_RSA_*} in {@code jdk.tls.disabledAlgorithms}, which would leave
 * such a string selecting nothing. Only a suite named outright lifts that entry, for this process, and
 * before the first TLS context reads the property; the suites enabled are still the string's, each
 * with its {@code -v} warning. Without CIPHERS, or with keywords alone, the JDK's list stands.
 */
public final class NamedRsaKeyExchange {
    private NamedRsaKeyExchange() {}

    static final String PROPERTY = "jdk.tls.disabledAlgorithms";
    private static final String ENTRY = "TLS_RSA_*";
    private static final Pattern COMMA = Pattern.compile("\\s*,\\s*");

    /** Lifts the JDK's TLS_RSA_* entry if {@code spec} names an RSA-key-exchange suite; says whether it did. */
    public static boolean allowIfNamed(String spec) {
        if (spec == null || spec.isBlank() || !namesOne(spec)) {
            return false;
        }
        String disabled = Security.getProperty(PROPERTY);
        if (disabled == null) {
            return false;
        }
        List<String> kept = new ArrayList<>();
        boolean lifted = false;
        for (String entry : COMMA.split(disabled.strip())) {
            if (entry.equals(ENTRY)) {
                lifted = true;
            } else if (!entry.isEmpty()) {
                kept.add(entry);
            }
        }
        if (lifted) {
            Security.setProperty(PROPERTY, String.join(", ", kept));
        }
        return lifted;
    }

    private static boolean namesOne(String spec) {
        List<String> tls12 = CipherList.cipherStringWords(spec);
        if (tls12.isEmpty()) {
            return false;
        }
        try {
            return OpenSslCipherString.evaluate(String.join(":", tls12)).named().stream()
                    .anyMatch(c -> c.iana().startsWith("TLS_RSA_"));
        } catch (OpenSslCipherString.Invalid e) {
            return false; // reported when the list is resolved
        }
    }
}
