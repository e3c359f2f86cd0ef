package org.ucspi4j.lookup.text;

import java.util.Arrays;
import java.util.List;
import org.ucspi4j.lookup.Bytes;
import org.ucspi4j.lookup.CidrKeys;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.Ipv6Text;

/**
 * What a cdb key means to the servers of a dialect: which connections look it up (see
 * {@link org.ucspi4j.lookup.LookupOrder}). Two keys of different dialects with equal meanings
 * match the same connections at the same step of the lookup.
 */
public record KeyMeaning(Kind kind, String text) {
    public enum Kind {
        DEFAULT,
        ANY_HOST,
        HOST,
        HOST_SUFFIX,
        INFO_AT_IP,
        INFO_AT_HOST,
        IPV4,
        IPV4_PREFIX,
        IPV4_NETWORK,
        IPV6,
        IPV6_TEXT_PREFIX,
        IPV6_NETWORK,
        /** No connection ever looks the key up. */
        DEAD
    }

    public boolean dead() {
        return kind == Kind.DEAD;
    }

    /** In words, for messages. */
    public String describe() {
        return switch (kind) {
            case DEFAULT -> "the default rule";
            case ANY_HOST -> "any peer with a host name";
            case HOST -> "host " + text;
            case HOST_SUFFIX -> "host names ending in " + text;
            case INFO_AT_IP, INFO_AT_HOST -> "ident user " + text;
            case IPV4 -> "IPv4 address " + text;
            case IPV4_PREFIX -> "IPv4 prefix " + text;
            case IPV4_NETWORK -> "IPv4 network " + text;
            case IPV6 -> "IPv6 address " + text;
            case IPV6_TEXT_PREFIX -> "IPv6 addresses whose text starts with " + text;
            case IPV6_NETWORK -> "IPv6 network " + text;
            case DEAD -> "nothing (the key " + text + " never matches)";
        };
    }

    public static KeyMeaning of(Dialect dialect, byte[] key) {
        if (key.length == 0) {
            return new KeyMeaning(Kind.DEFAULT, "");
        }
        if (key[0] == '=') {
            if (key.length == 1) {
                return new KeyMeaning(Kind.ANY_HOST, "");
            }
            String host = Texts.show(key, 1, key.length);
            return key[1] == '.' ? new KeyMeaning(Kind.HOST_SUFFIX, host) : new KeyMeaning(Kind.HOST, host);
        }
        int at = lastIndexOf(key, '@');
        if (at >= 0) {
            String user = Texts.show(key, 0, at);
            byte[] rest = Arrays.copyOfRange(key, at + 1, key.length);
            if (rest.length > 0 && rest[0] == '=') {
                return new KeyMeaning(Kind.INFO_AT_HOST, user + " at host " + Texts.show(rest, 1, rest.length));
            }
            KeyMeaning ip = ip(dialect, rest);
            if (ip != null && (ip.kind == Kind.IPV4 || ip.kind == Kind.IPV6)) {
                return new KeyMeaning(Kind.INFO_AT_IP, user + " at " + ip.text);
            }
            return dead(key);
        }
        KeyMeaning ip = ip(dialect, key);
        return ip != null ? ip : dead(key);
    }

    private static KeyMeaning dead(byte[] key) {
        return new KeyMeaning(Kind.DEAD, Texts.quoted(key));
    }

    /** An IP form of the dialect, or null. */
    private static KeyMeaning ip(Dialect dialect, byte[] key) {
        if (DottedIpv4.isDotted(key)) {
            DottedIpv4.Shape s = DottedIpv4.read(key);
            if (!s.servable()) {
                return null;
            }
            return s.prefix() ? new KeyMeaning(Kind.IPV4_PREFIX, Texts.latin1(key))
                    : new KeyMeaning(Kind.IPV4, Texts.latin1(key));
        }
        if (dialect == Dialect.TCP6) {
            CidrKeys.Network v4 = CidrKeys.decodeIpv4(key);
            if (v4 != null && CidrKeys.isCanonicalIpv4(key)) {
                return new KeyMeaning(Kind.IPV4_NETWORK, DottedIpv4.text(DottedIpv4.value(v4.ip())) + "/" + v4.prefix());
            }
            CidrKeys.Network v6 = CidrKeys.decodeIpv6(key);
            if (v6 != null && CidrKeys.isCanonicalIpv6(key)) {
                if (v6.prefix() >= 96 && Ipv6Text.isV4Mapped(v6.ip())) {
                    return null;
                }
                return new KeyMeaning(Kind.IPV6_NETWORK, CidrKeys.ipv6Text(v6));
            }
            byte[] ip = expandedKey(key);
            if (ip != null && !Ipv6Text.isV4Mapped(ip)) {
                return new KeyMeaning(Kind.IPV6, Ipv6Text.compact(ip));
            }
            return null;
        }
        if (dialect == Dialect.FEFE && Bytes.contains(key, ':')) {
            byte[] exact = Ipv6Forms.strict(key);
            if (exact != null && !Ipv6Text.isV4Mapped(exact) && Ipv6Forms.fefeCompact(exact).equals(Texts.latin1(key))) {
                // an address, even one ending in "::" (which the prefix step may also match: see Migrator)
                return new KeyMeaning(Kind.IPV6, Ipv6Text.compact(exact));
            }
            if (key[key.length - 1] == ':') {
                List<Ipv6Forms.Cell> cells = Ipv6Forms.fefePrefixCells(key);
                return cells == null || cells.isEmpty() ? null : new KeyMeaning(Kind.IPV6_TEXT_PREFIX, Texts.latin1(key));
            }
        }
        return null;
    }

    /** The address of a 39-byte tcp6 key ({@code 2001:0DB8:0000:...}), or null if it is not exactly one. */
    public static byte[] expandedKey(byte[] key) {
        if (key.length != 39) {
            return null;
        }
        for (int i = 0; i < 39; i++) {
            byte b = key[i];
            boolean ok = i % 5 == 4 ? b == ':' : (b >= '0' && b <= '9' || b >= 'A' && b <= 'F');
            if (!ok) {
                return null;
            }
        }
        byte[] ip = Ipv6Text.scan(key);
        return ip != null && Arrays.equals(Ipv6Text.expanded(ip), key) ? ip : null;
    }

    private static int lastIndexOf(byte[] a, char c) {
        for (int i = a.length - 1; i >= 0; i--) {
            if (a[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
