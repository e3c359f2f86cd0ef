package org.ucspi4j.rules.tools;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ucspi4j.lookup.CidrKeys;
import org.ucspi4j.lookup.Decision;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.LookupOrder;
import org.ucspi4j.lookup.Query;
import org.ucspi4j.lookup.RuleDatabase;
import org.ucspi4j.lookup.Verdict;
import org.ucspi4j.lookup.text.DottedIpv4;
import org.ucspi4j.lookup.text.Texts;

/**
 * Why a connection gets its verdict: the keys the lookup tries, in order, which one matched (with
 * its source line when the rules are text), the decision and the variables set. The keys and the
 * verdict come from the same lookup the servers run ({@link RuleDatabase#lookup},
 * {@link RuleIndex#lookup}, both over {@link LookupOrder}).
 */
public final class Explainer {
    private Explainer() {}

    /** The answer: keys tried, the verdict, and the source of the match (line 0 and text null if unknown). */
    public record Explanation(Dialect dialect, Query query, List<byte[]> tried, Verdict verdict, long line, byte[] text) {}

    public static Explanation explain(RuleDatabase db, Query q) {
        List<byte[]> tried = db.keysTried(q);
        Verdict v = db.lookup(q);
        return new Explanation(db.dialect(), q, tried, v, 0, null);
    }

    public static Explanation explain(RuleIndex index, Query q) {
        List<byte[]> tried = index.keysTried(q);
        Verdict v = index.lookup(q);
        RuleIndex.Entry e = v.matched() ? index.find(v.key()) : null;
        return new Explanation(index.dialect(), q, tried, v, e == null ? 0 : e.line(), e == null ? null : e.text());
    }

    /** The report as printed by {@code tcprules explain}. */
    public static byte[] report(Explanation x, boolean allKeys) {
        StringBuilder s = new StringBuilder();
        Query q = x.query();
        s.append("connection: ip ").append(Texts.show(q.ip()));
        s.append(", host ").append(q.host() == null ? "(none)" : Texts.show(q.host()));
        s.append(", info ").append(q.info() == null ? "(none)" : Texts.show(q.info()));
        s.append(" (dialect ").append(x.dialect().id()).append(")\n");
        s.append("keys tried:\n");
        List<byte[]> tried = x.tried();
        int n = tried.size();
        for (int i = 0; i < n; i++) {
            byte[] key = tried.get(i);
            boolean hit = x.verdict().matched() && i == n - 1;
            if (!allKeys && !hit && cidr(key) > 0) {
                // a run of CIDR misses: one line from the longest to the shortest
                int j = i;
                while (j + 1 < n && cidr(tried.get(j + 1)) > 0 && !(x.verdict().matched() && j + 1 == n - 1)) {
                    j++;
                }
                if (j > i) {
                    s.append(String.format("  %3d-%-3d %s .. %s: no rule%n", i + 1, j + 1, shown(key), shown(tried.get(j))));
                    i = j;
                    continue;
                }
            }
            s.append(String.format("  %7d %s: %s%n", i + 1, shown(key), hit ? "MATCH" : "no rule"));
        }
        Verdict v = x.verdict();
        if (!v.matched()) {
            s.append("matched: nothing; no rule applies\n");
        } else {
            s.append("matched: ").append(shown(v.key()));
            if (x.line() > 0) {
                s.append(" (line ").append(x.line()).append(": ").append(Texts.show(x.text())).append(')');
            }
            s.append('\n');
            if (x.dialect() == Dialect.TCP6 && cidr(v.key()) == 1) {
                s.append("note: a /1 rule; the C servers (ucspi-tcp6, ucspi-ssl) never look /1 up, ucspi4j does\n");
            }
        }
        s.append("decision: ").append(v.decision() == Decision.DENY ? "deny" : "allow").append('\n');
        for (byte[][] var : v.variables()) {
            s.append("set: ").append(Texts.show(var[0])).append('=').append(Texts.show(var[1])).append('\n');
        }
        if (v.variables().isEmpty()) {
            s.append("variables: none\n");
        }
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A key as people read it: CIDR keys decoded, the empty key named, others escaped. */
    public static String shown(byte[] key) {
        if (key.length == 0) {
            return "(empty key: the default rule)";
        }
        CidrKeys.Network v4 = CidrKeys.decodeIpv4(key);
        if (v4 != null && CidrKeys.isCanonicalIpv4(key)) {
            return DottedIpv4.text(DottedIpv4.value(v4.ip())) + "/" + v4.prefix();
        }
        CidrKeys.Network v6 = CidrKeys.decodeIpv6(key);
        if (v6 != null && CidrKeys.isCanonicalIpv6(key)) {
            return CidrKeys.ipv6Text(v6);
        }
        return Texts.show(key);
    }

    /** The prefix length of a CIDR key, or 0. */
    private static int cidr(byte[] key) {
        return (CidrKeys.decodeIpv4(key) != null || CidrKeys.decodeIpv6(key) != null) ? key.length - 1 : 0;
    }
}
