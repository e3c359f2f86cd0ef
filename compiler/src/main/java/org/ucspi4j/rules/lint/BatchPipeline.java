package org.ucspi4j.rules.lint;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.rules.LineSource;
import org.ucspi4j.rules.RuleSyntaxException;

/**
 * Reads a file in batches of lines and checks each batch on a pool thread: the per-line checks
 * ({@link LineChecks}), then its keys against all earlier ones ({@link DuplicateLint}). The reading
 * thread hands the results on in file order. Nearly all of a lint's work is per batch, so a big
 * file uses every core, as the compiler does.
 */
final class BatchPipeline {
    private final String file;
    private final Dialect dialect;
    private final int threads;
    private final WholeFileChecks results;
    private final DuplicateLint duplicates = new DuplicateLint();
    private final ArrayDeque<Future<WholeFileChecks.BatchResult>> pending = new ArrayDeque<>();
    private final ThreadLocal<LineChecks> checks;
    private ExecutorService pool;
    private LineBatch batch = new LineBatch(1, 1 << 16);
    private long batches; // so far

    /** @param threads for the batches (1: all on the calling thread) */
    BatchPipeline(String file, Dialect dialect, Set<Dialect> portableTo, int threads, WholeFileChecks results) {
        this.file = file;
        this.dialect = dialect;
        this.threads = threads;
        this.results = results;
        this.checks = ThreadLocal.withInitial(() -> new LineChecks(file, dialect, portableTo));
    }

    /** Reads and checks {@code in} to the end; returns its number of lines. */
    long read(InputStream in) throws IOException {
        try {
            long lines = LineSource.forEach(in, (number, buffer, offset, length) -> {
                if (batch.add(buffer, offset, length)) {
                    submit(number + 1);
                }
            });
            if (batch.count > 0 && pool == null) {
                results.accept(check(batch, batches++)); // a file of one batch: no threads
            } else if (batch.count > 0) {
                submit(lines + 1);
            }
            while (!pending.isEmpty()) {
                take();
            }
            return lines;
        } catch (RuleSyntaxException e) {
            throw new IllegalStateException(e); // the visitor never throws it
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private WholeFileChecks.BatchResult check(LineBatch b, long index) throws IOException {
        LineChecks.Found found = checks.get().check(b);
        return acrossLines(found, duplicates.firstLines(index, found.rules()));
    }

    /**
     * The batch's duplicates ({@code earlier}: for each key of its rules, the line that had it
     * before, or -1), its new IP rules, and its diagnostics all in file order.
     */
    private WholeFileChecks.BatchResult acrossLines(LineChecks.Found found, long[] earlier) {
        Diagnostics.Blocks duplicated = new Diagnostics.Blocks();
        Overlaps networks = new Overlaps();
        boolean sawDefault = false;
        int k = 0;
        for (KeyedRule rule : found.rules()) {
            int dup = 0;
            long firstLine = -1;
            byte[] firstKey = null;
            for (byte[] key : rule.keys()) {
                long line = earlier[k++];
                sawDefault |= key.length == 0;
                if (line < 0) {
                    networks.addRule(dialect, rule.address(), key, rule.line(), rule.decision());
                } else if (dup++ == 0) {
                    firstLine = line;
                    firstKey = key;
                }
            }
            if (dup > 0) {
                DuplicateLint.report(dialect, rule, dup, firstLine, firstKey, duplicated);
            }
        }
        Diagnostics all = new Diagnostics(file, found.diagnostics().size() + duplicated.size());
        all.addMerged(found.diagnostics(), duplicated.inOrderFound(file));
        return new WholeFileChecks.BatchResult(all, networks, sawDefault);
    }

    private void submit(long next) throws IOException {
        LineBatch full = batch;
        long index = batches++;
        batch = new LineBatch(next, Math.max(1 << 12, full.size() + (full.size() >> 3)));
        if (threads == 1) {
            results.accept(check(full, index));
            return;
        }
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("lint-", 0).factory());
        }
        pending.add(pool.submit(() -> check(full, index)));
        while (pending.size() > threads + 1) {
            take();
        }
    }

    private void take() throws IOException {
        results.accept(Tasks.result(pending.poll()));
    }
}
