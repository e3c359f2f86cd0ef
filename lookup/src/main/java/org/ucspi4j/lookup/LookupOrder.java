package org.ucspi4j.lookup;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The keys a server tries for a connection, in order; the first key present in the cdb wins. This
 * is the only place the order is written down: tcprulescheck, explain and sslserver all use it.
 *
 * <p>ucspi-tcp6 / ucspi-ssl (TCP6): info@ip, info@=host, ip, =host, the IPv4 dotted prefixes, the
 * CIDR keys from the longest prefix down, =.suffixes, =, the empty key. IPv6 addresses are looked up
 * in the 39-byte form; an IP with a ':' counts as IPv6. ucspi4j also tries prefix length 1, which the
 * C code never reaches (its /1 rules compile but never match). 0.88 (DJB): no CIDR step; fefe: the
 * prefix step also stops at ':'.
 */
public final class LookupOrder {
    private LookupOrder() {}

    /** Offered each candidate key in turn; returns true to stop (the key was found). */
    @FunctionalInterface
    public interface KeyProbe {
        boolean tryKey(byte[] key);
    }

    /** Shortest CIDR prefix ucspi4j tries. */
    public static final int SHORTEST_PREFIX = 1;

    /** Shortest CIDR prefix the C lookups try (they never reach /1). */
    public static final int C_SHORTEST_PREFIX = 2;

    /** Offers the candidate keys for {@code q} in order until {@code probe} stops; returns whether it did. */
    public static boolean probe(Dialect dialect, Query q, KeyProbe probe) {
        return probe(dialect, q, probe, SHORTEST_PREFIX);
    }

    /**
     * The verdict for {@code q}, with CIDR prefixes down to {@code shortestPrefix}: the data of the
     * first key {@code records} has (a key's data, or null where it has none), applied.
     */
    public static Verdict verdict(Dialect dialect, Query q, Function<byte[], byte[]> records, int shortestPrefix) {
        Verdict[] found = {Verdict.NO_RULE};
        probe(dialect, q, key -> {
            byte[] data = records.apply(key);
            if (data == null) {
                return false;
            }
            RuleData.Applied applied = RuleData.apply(data);
            found[0] = new Verdict(key, applied.decision(), applied.settings());
            return true;
        }, shortestPrefix);
        return found[0];
    }

    /** As {@link #probe(Dialect, Query, KeyProbe)}, with CIDR prefixes down to {@code shortestPrefix}. */
    static boolean probe(Dialect dialect, Query q, KeyProbe probe, int shortestPrefix) {
        byte[] ip = q.ip();
        byte[] host = q.host();
        byte[] info = q.info();
        boolean ipv6 = dialect == Dialect.TCP6 && Bytes.contains(ip, ':');
        byte[] ip6 = ipv6 ? Ipv6Text.scan(ip) : null;
        byte[] ipKey = !ipv6 ? ip : ip6 == null ? null : Ipv6Text.expanded(ip6);

        if (info != null) {
            // tcp6 writes info@ and then the IPv6 key only if the address parsed (so "info@" alone otherwise)
            if (probe.tryKey(concat(info, "@", ipKey == null ? new byte[0] : ipKey))) {
                return true;
            }
            if (host != null && probe.tryKey(concat(info, "@=", host))) {
                return true;
            }
        }
        if (ipKey != null && probe.tryKey(ipKey)) {
            return true;
        }
        if (host != null && probe.tryKey(concat(new byte[0], "=", host))) {
            return true;
        }
        if (!ipv6) {
            for (int len = ip.length; len > 0; len--) {
                byte last = ip[len - 1];
                if ((last == '.' || dialect == Dialect.FEFE && last == ':') && probe.tryKey(Arrays.copyOf(ip, len))) {
                    return true;
                }
            }
        }
        if (dialect == Dialect.TCP6) {
            if (ipv6) {
                if (ip6 != null) {
                    for (int p = 128; p >= shortestPrefix; p--) {
                        if (probe.tryKey(CidrKeys.ipv6(ip6, p))) {
                            return true;
                        }
                    }
                }
            } else {
                byte[] ip4 = Ipv4Text.lenient(ip);
                for (int p = 32; p >= shortestPrefix; p--) {
                    if (probe.tryKey(CidrKeys.ipv4(ip4, p))) {
                        return true;
                    }
                }
            }
        }
        if (host != null) {
            for (int i = 0; i < host.length; i++) {
                if (host[i] == '.' && probe.tryKey(concat(new byte[0], "=", Arrays.copyOfRange(host, i, host.length)))) {
                    return true;
                }
            }
            if (probe.tryKey(new byte[] {'='})) {
                return true;
            }
        }
        return probe.tryKey(new byte[0]);
    }

    private static byte[] concat(byte[] a, String middle, byte[] b) {
        byte[] out = new byte[a.length + middle.length() + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        for (int i = 0; i < middle.length(); i++) {
            out[a.length + i] = (byte) middle.charAt(i);
        }
        System.arraycopy(b, 0, out, a.length + middle.length(), b.length);
        return out;
    }
}
