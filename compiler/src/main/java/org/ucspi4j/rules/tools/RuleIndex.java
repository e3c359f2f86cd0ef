package org.ucspi4j.rules.tools;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.LookupOrder;
import org.ucspi4j.lookup.Query;
import org.ucspi4j.lookup.Verdict;
import org.ucspi4j.rules.RuleCompiler;
import org.ucspi4j.rules.RuleSyntaxException;

/**
 * A rules text compiled in memory, as tcprules would write it, with each record's source line:
 * key to its first record (the one a cdb lookup finds). Looked up with {@link LookupOrder}, the
 * same order as {@link org.ucspi4j.lookup.RuleDatabase} and the servers.
 */
public final class RuleIndex {
    /** One record and the line (and its text) it came from. */
    public record Entry(byte[] key, byte[] data, long line, byte[] text) {}

    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    private final Dialect dialect;
    private final Map<Key, Entry> first = new HashMap<>();
    private final List<Entry> records = new ArrayList<>();

    private RuleIndex(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Compiles {@code in} with {@link RuleCompiler}; throws at the first line tcprules rejects. */
    public static RuleIndex compile(Dialect dialect, InputStream in) throws IOException, RuleSyntaxException {
        RuleIndex index = new RuleIndex(dialect);
        long[] line = {0};
        byte[][] text = {null};
        new RuleCompiler(dialect).compile(in, (key, data) -> index.add(new Entry(key, data, line[0], text[0])),
                (rule, address) -> {
                    line[0] = rule.number();
                    text[0] = rule.text();
                });
        return index;
    }

    /** From records already compiled (a cdb, in file order); lines are unknown (0). */
    public static RuleIndex of(Dialect dialect, List<byte[][]> keyAndData) {
        RuleIndex index = new RuleIndex(dialect);
        for (byte[][] r : keyAndData) {
            index.add(new Entry(r[0], r[1], 0, null));
        }
        return index;
    }

    private void add(Entry e) {
        records.add(e);
        first.putIfAbsent(new Key(e.key()), e);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Every record, in the order tcprules writes them. */
    public List<Entry> records() {
        return records;
    }

    /** The record a cdb lookup of {@code key} finds, or null. */
    public Entry find(byte[] key) {
        return first.get(new Key(key));
    }

    /** The verdict for {@code q}, with CIDR prefixes down to {@code shortestPrefix}. */
    public Verdict lookup(Query q, int shortestPrefix) {
        return LookupOrder.verdict(dialect, q, key -> {
            Entry e = find(key);
            return e == null ? null : e.data();
        }, shortestPrefix);
    }

    public Verdict lookup(Query q) {
        return lookup(q, LookupOrder.SHORTEST_PREFIX);
    }

    /** The keys tried for {@code q} in order, the last one being the match if there is one. */
    public List<byte[]> keysTried(Query q) {
        List<byte[]> tried = new ArrayList<>();
        LookupOrder.probe(dialect, q, key -> {
            tried.add(key);
            return find(key) != null;
        });
        return tried;
    }
}
