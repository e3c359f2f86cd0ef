package org.ucspi4j.rules.lint;

import java.io.InterruptedIOException;
import java.util.List;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.text.KeyMeaning;
import org.ucspi4j.lookup.text.Texts;

/**
 * TR030: keys an earlier line already has (a cdb lookup finds the first record of a key, so the
 * later rule never applies). The line that first had each key, across the whole file, is one table,
 * which the batches enter strictly in file order (the first line with a key wins). A batch waits
 * only while the one before it is in there; the pool threads meanwhile check other batches' lines.
 */
final class DuplicateLint {
    private static final int RUN = 64;
    private final KeyTable table = new KeyTable();
    private long turn; // under the table's lock: the batch that enters next

    /**
     * For each key of {@code rules}, in order: the line that had it before, or -1 (and then
     * its rule's line is recorded). {@code batch} is the batch's number: 0, 1, 2, ...
     */
    long[] firstLines(long batch, List<KeyedRule> rules) throws InterruptedIOException {
        int total = 0;
        for (KeyedRule r : rules) {
            total += r.keys().length;
        }
        long[] earlier = new long[total];
        synchronized (table) {
            try {
                while (turn != batch) {
                    table.wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("lint interrupted");
            }
            try {
                int i = 0; // the first key of rules[from]
                for (int from = 0; from < rules.size(); ) {
                    // a run of rules with some RUN keys: their slots fetched at once, then filled
                    int to = from;
                    for (int keys = 0; to < rules.size() && keys < RUN; to++) {
                        for (int h : rules.get(to).hashes()) {
                            table.touch(h);
                            keys++;
                        }
                    }
                    for (; from < to; from++) {
                        KeyedRule r = rules.get(from);
                        byte[][] keys = r.keys();
                        int[] hashes = r.hashes();
                        for (int j = 0; j < keys.length; j++) {
                            earlier[i++] = table.putIfAbsent(keys[j], hashes[j], r.line());
                        }
                    }
                }
            } finally {
                turn = batch + 1;
                table.notifyAll();
            }
        }
        return earlier;
    }

    /** {@code dup} of the rule's keys were there before, the first on line {@code firstLine}. */
    static void report(Dialect dialect, KeyedRule rule, int dup, long firstLine, byte[] firstKey, Emitter out) {
        KeyMeaning meaning = KeyMeaning.of(dialect, firstKey);
        String shown = meaning.dead() ? Texts.quoted(firstKey) : meaning.describe();
        if (dup == rule.keys().length) {
            out.emit(rule.line(), 1, LintCode.TR030,
                    "duplicate: line " + firstLine + " already has a rule for " + shown
                            + " and wins; this rule never applies",
                    "remove this line or merge it into line " + firstLine);
        } else {
            out.emit(rule.line(), 1, LintCode.TR030,
                    dup + " of the " + rule.keys().length + " addresses already have a rule (first: " + shown
                            + " on line " + firstLine + "); for those this rule never applies",
                    "narrow the range so it does not repeat addresses");
        }
    }
}
