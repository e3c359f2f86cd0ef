package org.ucspi4j.rules.lint;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Set;
import org.ucspi4j.lookup.Dialect;

/**
 * Lints a rules file: every problem on every line, read by the compiler's own parser
 * ({@link org.ucspi4j.rules.RuleLineParser}, {@link org.ucspi4j.rules.AddressReader}) so that lint
 * and tcprules never disagree about what a line is. A syntax error is reported and the next line
 * read. Streaming, except for what the whole file decides: the keys (for duplicates), the IP rules
 * (for overlaps) and the diagnostics (reported in file order), all kept compactly.
 *
 * <p>{@link BatchPipeline} reads the lines in batches and checks them on a pool ({@link LineChecks}
 * for a line alone, {@link DuplicateLint} across lines); {@link WholeFileChecks} collects the
 * batches in file order and adds what needs all of them.
 */
public final class Linter {
    private final Dialect dialect;
    private final Set<Dialect> portableTo;
    private final int threads;

    /**
     * @param portableTo the other dialects the file should mean the same to (TR050); the dialect
     *     itself is ignored there
     */
    public Linter(Dialect dialect, Set<Dialect> portableTo) {
        this(dialect, portableTo, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    /** With {@code threads} for the per-line checks (1: all on the calling thread). */
    Linter(Dialect dialect, Set<Dialect> portableTo, int threads) {
        this.threads = threads;
        this.dialect = dialect;
        EnumSet<Dialect> targets = EnumSet.noneOf(Dialect.class);
        targets.addAll(portableTo);
        targets.remove(dialect);
        this.portableTo = targets;
    }

    /** The default portability target: ucspi-tcp6 (what sslserver reads), unless that is the dialect. */
    public static Set<Dialect> defaultPortableTo(Dialect dialect) {
        return dialect == Dialect.TCP6 ? Set.of() : Set.of(Dialect.TCP6);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** All diagnostics for {@code in}, in file order. */
    public Diagnostics lint(String file, InputStream in) throws IOException {
        WholeFileChecks whole = new WholeFileChecks(file, threads);
        long lines = new BatchPipeline(file, dialect, portableTo, threads, whole).read(in);
        return whole.finish(lines);
    }
}
