package org.ucspi4j.runtime.ucspi;

/**
 * What the C tools' resolver (fehQlibs' dns_domain_fromdot) refuses before it asks anybody: a name
 * longer than 255 bytes, or with a label longer than 63. It fails with EPROTO, which the C tools print
 * as {@code temporarily unable to figure out IP address for ...: protocol error} (exit 111), where
 * the JDK would simply find no address.
 */
public final class DnsNames {
    private DnsNames() {}

    /** The C tools' wording for {@code host} when {@link #impossible} says so. */
    public static final String PROTOCOL_ERROR = "protocol error";

    public static boolean impossible(String host) {
        if (host.length() > 255) {
            return true;
        }
        int label = 0;
        for (int i = 0; i < host.length(); i++) {
            label = host.charAt(i) == '.' ? 0 : label + 1;
            if (label > 63) {
                return true;
            }
        }
        return false;
    }
}
