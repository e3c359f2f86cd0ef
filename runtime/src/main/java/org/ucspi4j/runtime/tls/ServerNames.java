package org.ucspi4j.runtime.tls;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Server names as SNI carries them (RFC 6066: ASCII host names, A-labels for IDNs, no trailing dot,
 * compared without regard to case), and the names certificates are configured for, which may start
 * with a wildcard label {@code *} standing for exactly one label (RFC 6125 6.4.3, as nginx and
 * s6-networking read it).
 */
public final class ServerNames {
    private ServerNames() {}

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    /**
     * {@code name} in the form lookups use: lower case, A-labels, no trailing dot; a leading
     * {@code *.} is kept. Throws IllegalArgumentException, naming the name, for anything else.
     */
    public static String normalize(String name) {
        String n = name.strip();
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        boolean wildcard = n.startsWith("*.");
        String rest = wildcard ? n.substring(2) : n;
        try {
            rest = IDN.toASCII(rest, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a server name: " + name);
        }
        String[] labels = rest.split("\\.", -1);
        if (rest.isEmpty() || rest.length() > 253 || (wildcard && labels.length < 2)) {
            throw new IllegalArgumentException("not a server name: " + name);
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("not a server name: " + name);
            }
        }
        return wildcard ? "*." + rest : rest;
    }

    /** The wildcard name that would cover {@code host} ({@code *.example.org} for {@code www.example.org}), or null. */
    static String wildcardFor(String host) {
        int dot = host.indexOf('.');
        return dot > 0 && host.indexOf('.', dot + 1) > 0 ? "*" + host.substring(dot) : null;
    }
}
