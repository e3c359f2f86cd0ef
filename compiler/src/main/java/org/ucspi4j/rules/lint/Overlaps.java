package org.ucspi4j.rules.lint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.ucspi4j.lookup.Bytes;
import org.ucspi4j.lookup.Decision;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.Ipv6Text;
import org.ucspi4j.lookup.text.DottedIpv4;
import org.ucspi4j.lookup.text.Ipv6Forms;
import org.ucspi4j.lookup.text.KeyMeaning;
import org.ucspi4j.rules.Address;

/**
 * Which IP rule wins for which addresses. Every exact address, dotted prefix and CIDR network is a
 * prefix of the address space; prefixes are nested or disjoint, so sorted by (start, length) they
 * form a tree, walked once with a stack: the rules on the stack are exactly the ones that contain
 * the current one. The lookup order ({@link org.ucspi4j.lookup.LookupOrder}) tries exact addresses,
 * then dotted prefixes (longest first), then CIDR networks (longest first); so among the rules
 * containing R, the one tried first is the deepest of the earliest tier. If its tier comes before
 * R's, R never applies (shadowed); otherwise R wins for its addresses, and the other would win
 * without it (reported when the two decide differently). O(n log n) in all.
 */
final class Overlaps {
    static final int EXACT = 0;
    static final int DOTTED = 1;
    static final int CIDR = 2;

    private static final int MAX_V4 = 1 << 23;

    // IPv4: packed sort keys ip(32) | len(6) | tier(2) | index(23), and attributes by index
    private long[] v4 = new long[256];
    private long[] v4Lines = new long[256];
    private boolean[] v4Deny = new boolean[256];
    private int v4n;

    private record V6(long hi, long lo, int len, int tier, long line, boolean deny) {}

    private final List<V6> v6 = new ArrayList<>();

    void addIpv4(long ip, int len, int tier, long line, Decision decision) {
        if (v4n == MAX_V4) {
            return; // beyond 8M networks the analysis covers the first 8M
        }
        if (v4n == v4.length) {
            v4 = Arrays.copyOf(v4, v4n * 2);
            v4Lines = Arrays.copyOf(v4Lines, v4n * 2);
            v4Deny = Arrays.copyOf(v4Deny, v4n * 2);
        }
        long network = len == 0 ? 0 : ip & (0xffffffffL << (32 - len)) & 0xffffffffL;
        v4[v4n] = network << 31 | (long) len << 25 | (long) tier << 23 | v4n;
        v4Lines[v4n] = line;
        v4Deny[v4n] = decision == Decision.DENY;
        v4n++;
    }

    /** Adds {@code other}'s rules after this one's, as if added here in the same order. */
    void addAll(Overlaps other) {
        for (int i = 0; i < other.v4n && v4n < MAX_V4; i++) {
            if (v4n == v4.length) {
                v4 = Arrays.copyOf(v4, v4n * 2);
                v4Lines = Arrays.copyOf(v4Lines, v4n * 2);
                v4Deny = Arrays.copyOf(v4Deny, v4n * 2);
            }
            v4[v4n] = (other.v4[i] & ~0x7fffffL) | v4n;
            v4Lines[v4n] = other.v4Lines[i];
            v4Deny[v4n] = other.v4Deny[i];
            v4n++;
        }
        v6.addAll(other.v6);
    }

    void addIpv6(byte[] ip, int len, int tier, long line, Decision decision) {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = hi << 8 | (ip[i] & 0xffL);
            lo = lo << 8 | (ip[8 + i] & 0xffL);
        }
        v6.add(new V6(len >= 64 ? hi : hi & mask(len), len > 64 ? lo & mask(len - 64) : 0, len, tier, line, decision == Decision.DENY));
    }

    /**
     * Adds a rule's key if it is an IP rule the servers can match: a CIDR network, an exact IPv6
     * address, a servable dotted IPv4 address or prefix, or (fefe) an IPv6 address as fefe spells
     * it. IPv4-mapped IPv6 addresses, keys no lookup tries ({@link KeyMeaning}), are left out.
     */
    void addRule(Dialect dialect, Address address, byte[] key, long line, Decision decision) {
        switch (address) {
            case Address.Ipv4Cidr c -> addIpv4(DottedIpv4.value(c.ip()), c.prefix(), CIDR, line, decision);
            case Address.Ipv6Cidr c -> {
                if (!(c.prefix() >= 96 && Ipv6Text.isV4Mapped(c.ip()))) {
                    addIpv6(c.ip(), c.prefix(), CIDR, line, decision);
                }
            }
            case Address.Ipv6Exact e -> {
                if (e.user() == null && !Ipv6Text.isV4Mapped(e.ip())) {
                    addIpv6(e.ip(), 128, EXACT, line, decision);
                }
            }
            default -> {
                if (DottedIpv4.isDotted(key)) {
                    DottedIpv4.Shape s = DottedIpv4.read(key);
                    if (s.servable()) {
                        addIpv4(s.ip(), s.bits(), s.prefix() ? DOTTED : EXACT, line, decision);
                    }
                } else if (dialect == Dialect.FEFE && key.length > 0 && key[key.length - 1] != ':'
                        && Bytes.indexOf(key, ':') >= 0) {
                    KeyMeaning m = KeyMeaning.of(dialect, key);
                    if (m.kind() == KeyMeaning.Kind.IPV6) {
                        addIpv6(Ipv6Forms.strict(key), 128, EXACT, line, decision);
                    }
                }
            }
        }
    }

    private static long mask(int bits) {
        return bits <= 0 ? 0 : bits >= 64 ? -1L : -1L << (64 - bits);
    }

    /**
     * The analysis in parts that share no rule, to run on as many threads, each with an emitter
     * of its own: the IPv6 rules, and the IPv4 ones in two halves of the address space (a network
     * of prefix length 1 or more lies in one half; with a /0 there is one IPv4 part).
     */
    List<Consumer<Emitter>> parts() {
        List<Consumer<Emitter>> parts = new ArrayList<>();
        int high = 0;
        boolean whole = false;
        for (int i = 0; i < v4n; i++) {
            high += (int) (v4[i] >>> 62) & 1; // the network's first bit
            whole |= (v4[i] >>> 25 & 63) == 0;
        }
        if (whole || high == 0 || high == v4n) {
            long[] all = Arrays.copyOf(v4, v4n);
            parts.add(e -> analyzeIpv4(e, all));
        } else {
            long[] lower = new long[v4n - high];
            long[] upper = new long[high];
            int l = 0;
            int u = 0;
            for (int i = 0; i < v4n; i++) {
                if ((v4[i] >>> 62 & 1) == 0) {
                    lower[l++] = v4[i];
                } else {
                    upper[u++] = v4[i];
                }
            }
            parts.add(e -> analyzeIpv4(e, lower));
            parts.add(e -> analyzeIpv4(e, upper));
        }
        if (!v6.isEmpty()) {
            parts.add(this::analyzeIpv6);
        }
        return parts;
    }

    /** The IPv4 rules {@code entries} (packed as in {@link #v4}; sorted here). */
    private void analyzeIpv4(Emitter emitter, long[] sorted) {
        LongSet reported = new LongSet();
        Arrays.sort(sorted);
        long[] stackIp = new long[34];
        int[] stackLen = new int[34];
        int[] stackBest = new int[34 * 3];
        int top = -1;
        for (long p : sorted) {
            long ip = p >>> 31;
            int len = (int) (p >>> 25) & 63;
            int tier = (int) (p >>> 23) & 3;
            int index = (int) (p & 0x7fffff);
            while (top >= 0 && !(stackLen[top] <= len
                    && (stackLen[top] == 0 || ip >>> (32 - stackLen[top]) == stackIp[top] >>> (32 - stackLen[top])))) {
                top--;
            }
            int best = -1;
            int bestTier = -1;
            if (top >= 0) {
                for (int t = 0; t < 3 && best < 0; t++) {
                    best = stackBest[top * 3 + t];
                    bestTier = t;
                }
            }
            if (best >= 0) {
                LintCode code = verdict(reported, v4Lines[index], v4Deny[index], tier, v4Lines[best], v4Deny[best], bestTier);
                if (code != null) {
                    long bp = v4[best];
                    report(emitter, code, v4Lines[index], v4Deny[index], text4(ip, len, tier), range4(ip, len),
                            v4Lines[best], v4Deny[best], bestTier, text4(bp >>> 31, (int) (bp >>> 25) & 63, bestTier));
                }
            }
            top++;
            if (top == stackIp.length) { // equal prefixes of several tiers can stack past 33
                stackIp = Arrays.copyOf(stackIp, top * 2);
                stackLen = Arrays.copyOf(stackLen, top * 2);
                stackBest = Arrays.copyOf(stackBest, top * 6);
            }
            stackIp[top] = ip;
            stackLen[top] = len;
            for (int t = 0; t < 3; t++) {
                stackBest[top * 3 + t] = top > 0 ? stackBest[(top - 1) * 3 + t] : -1;
            }
            stackBest[top * 3 + tier] = index;
        }
    }

    private void analyzeIpv6(Emitter emitter) {
        LongSet reported = new LongSet();
        V6[] sorted = v6.toArray(new V6[0]);
        sortV6(sorted, 0, sorted.length - 1);
        List<V6> stack = new ArrayList<>();
        List<V6[]> bests = new ArrayList<>();
        for (V6 e : sorted) {
            while (!stack.isEmpty() && !contains(stack.get(stack.size() - 1), e)) {
                stack.remove(stack.size() - 1);
                bests.remove(bests.size() - 1);
            }
            V6[] best = bests.isEmpty() ? new V6[3] : bests.get(bests.size() - 1);
            for (V6 b : best) {
                if (b != null) {
                    LintCode code = verdict(reported, e.line(), e.deny(), e.tier(), b.line(), b.deny(), b.tier());
                    if (code != null) {
                        String text = text6(e);
                        report(emitter, code, e.line(), e.deny(), text, text, b.line(), b.deny(), b.tier(), text6(b));
                    }
                    break;
                }
            }
            V6[] mine = best.clone();
            mine[e.tier()] = e;
            stack.add(e);
            bests.add(mine);
        }
    }

    /** (start, length, tier) order, without a Comparator's per-call overhead. */
    private static int compare(V6 a, V6 b) {
        int c = Long.compareUnsigned(a.hi(), b.hi());
        if (c == 0) {
            c = Long.compareUnsigned(a.lo(), b.lo());
        }
        if (c == 0) {
            c = Integer.compare(a.len() * 4 + a.tier(), b.len() * 4 + b.tier());
        }
        return c;
    }

    private static void sortV6(V6[] a, int from, int to) {
        while (from < to) {
            if (to - from < 16) {
                for (int i = from + 1; i <= to; i++) {
                    V6 x = a[i];
                    int j = i - 1;
                    while (j >= from && compare(a[j], x) > 0) {
                        a[j + 1] = a[j];
                        j--;
                    }
                    a[j + 1] = x;
                }
                return;
            }
            V6 pivot = a[(from + to) >>> 1];
            int i = from;
            int j = to;
            while (i <= j) {
                while (compare(a[i], pivot) < 0) {
                    i++;
                }
                while (compare(a[j], pivot) > 0) {
                    j--;
                }
                if (i <= j) {
                    V6 t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (j - from < to - i) {
                sortV6(a, from, j);
                from = i;
            } else {
                sortV6(a, i, to);
                to = j;
            }
        }
    }

    private static boolean contains(V6 outer, V6 inner) {
        if (outer.len() > inner.len()) {
            return false;
        }
        int len = outer.len();
        return (inner.hi() & mask(len)) == outer.hi() && (len <= 64 || (inner.lo() & mask(len - 64)) == outer.lo());
    }

    /**
     * What a rule (line, decision, tier) calls for against the rule that would decide its addresses
     * without it: nothing (null), TR031 (it never applies) or TR032 (it wins, deciding otherwise);
     * each pair of lines once.
     */
    private static LintCode verdict(LongSet reported, long line, boolean deny, int tier, long otherLine, boolean otherDeny,
            int otherTier) {
        if (otherTier < tier) {
            return reported.add(line << 33 | otherLine << 1) ? LintCode.TR031 : null;
        }
        return otherDeny != deny && reported.add(line << 33 | otherLine << 1 | 1) ? LintCode.TR032 : null;
    }

    private static void report(Emitter emitter, LintCode code, long line, boolean deny, String text, String range, long otherLine,
            boolean otherDeny, int otherTier, String otherText) {
        if (code == LintCode.TR031) {
            emitter.emit(line, 1, LintCode.TR031,
                    text + " never applies: " + otherText + " (line " + otherLine + ") covers all of it and "
                            + (otherTier == EXACT ? "an exact address is tried before any prefix or network"
                                    : "dotted prefixes are tried before CIDR networks"),
                    otherTier == EXACT ? "remove this rule; line " + otherLine + " decides that address"
                            : "write the exception as exact addresses or dotted prefixes, or turn line "
                                    + otherLine + " into a CIDR network");
        } else {
            emitter.emit(line, 1, LintCode.TR032,
                    text + " (" + word(deny) + ") wins over " + otherText + " (line " + otherLine + ", " + word(otherDeny)
                            + ") for " + range + "; " + otherText + " decides the rest of its addresses",
                    null);
        }
    }

    private static String word(boolean deny) {
        return deny ? "deny" : "allow";
    }

    private static String text4(long ip, int len, int tier) {
        return switch (tier) {
            case EXACT -> DottedIpv4.text(ip);
            case DOTTED -> DottedIpv4.prefixText(ip, len / 8);
            default -> DottedIpv4.text(ip) + "/" + len;
        };
    }

    /** The addresses of a network: {@code 10.1.0.0-10.1.255.255}. */
    static String range4(long ip, int len) {
        if (len == 32) {
            return DottedIpv4.text(ip);
        }
        return DottedIpv4.text(ip) + "-" + DottedIpv4.text(ip | (1L << (32 - len)) - 1);
    }

    private static String text6(V6 v) {
        byte[] ip = new byte[16];
        for (int i = 0; i < 8; i++) {
            ip[i] = (byte) (v.hi() >>> (56 - 8 * i));
            ip[8 + i] = (byte) (v.lo() >>> (56 - 8 * i));
        }
        String address = Ipv6Text.compact(ip);
        return v.tier() == EXACT ? address : address + "/" + v.len();
    }
}
