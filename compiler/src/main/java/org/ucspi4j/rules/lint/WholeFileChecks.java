package org.ucspi4j.rules.lint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * The batches' results, collected in file order, and what only the whole file decides: the
 * overlaps (TR031, TR032) and the default rule (TR033). The batches' diagnostics come in file
 * order, so only the ones found after the last line need sorting.
 */
final class WholeFileChecks implements Emitter {
    /**
     * What one batch gave: its diagnostics in file order, its IP rules that are no duplicates (for
     * the overlaps), and whether it has a default rule.
     */
    record BatchResult(Diagnostics diagnostics, Overlaps networks, boolean sawDefault) {}

    private final String file;
    private final int threads;
    private Diagnostics diagnostics;
    private Diagnostics.Blocks found = new Diagnostics.Blocks(); // after the last line
    private final Overlaps overlaps = new Overlaps();
    private boolean sawDefault;

    WholeFileChecks(String file, int threads) {
        this.file = file;
        this.threads = threads;
        this.diagnostics = new Diagnostics(file, 0);
    }

    @Override
    public void emit(long line, int column, LintCode code, String message, String hint) {
        found.emit(line, column, code, message, hint);
    }

    /** The next batch's results. */
    void accept(BatchResult c) {
        diagnostics.append(c.diagnostics());
        overlaps.addAll(c.networks());
        sawDefault |= c.sawDefault();
    }

    /** All diagnostics, in file order. */
    Diagnostics finish(long lines) throws IOException {
        // After the last line, the overlaps are most of the work left: their parts on threads of
        // their own. This thread runs the first, and any that no thread has taken up yet.
        List<FutureTask<Diagnostics>> parts = new ArrayList<>();
        for (Consumer<Emitter> part : overlaps.parts()) {
            parts.add(new FutureTask<>(() -> {
                Diagnostics.Blocks found = new Diagnostics.Blocks();
                part.accept(found);
                return found.sorted(file);
            }));
        }
        for (int i = 1; i < parts.size() && threads > 1; i++) {
            Thread.ofPlatform().daemon().name("lint-overlaps-" + i).start(parts.get(i));
        }
        parts.forEach(FutureTask::run);
        if (!sawDefault) {
            emit(Math.max(1, lines), 1, LintCode.TR033,
                    "no default rule: connections that no rule matches are allowed",
                    "end the file with ':deny' (or ':allow') to make the default explicit");
        }
        Diagnostics acrossLines = found.sorted(file);
        for (FutureTask<Diagnostics> part : parts) {
            Diagnostics more = Tasks.result(part);
            Diagnostics merged = new Diagnostics(file, acrossLines.size() + more.size());
            merged.addMerged(acrossLines, more);
            acrossLines = merged;
        }
        Diagnostics all = new Diagnostics(file, diagnostics.size() + acrossLines.size());
        all.addMerged(diagnostics, acrossLines);
        diagnostics = null;
        found = null;
        return all;
    }
}
