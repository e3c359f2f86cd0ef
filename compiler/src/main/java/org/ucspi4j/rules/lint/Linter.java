package org.ucspi4j.rules.lint;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import org.ucspi4j.lookup.Bytes;
import org.ucspi4j.lookup.Decision;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.Ipv6Text;
import org.ucspi4j.lookup.text.DottedIpv4;
import org.ucspi4j.lookup.text.KeyMeaning;
import org.ucspi4j.lookup.text.Texts;
import org.ucspi4j.rules.Address;
import org.ucspi4j.rules.AddressReader;
import org.ucspi4j.rules.LineSource;
import org.ucspi4j.rules.RuleLine;
import org.ucspi4j.rules.RuleLineParser;
import org.ucspi4j.rules.RuleSyntaxException;
import org.ucspi4j.rules.Setting;

/**
 * Lints a rules file: every problem on every line, read by the compiler's own parser
 * ({@link RuleLineParser}, {@link AddressReader}) so that lint and tcprules never disagree about
 * what a line is. A syntax error is reported and the next line read. Streaming, except for what
 * the whole file decides: the keys (for duplicates), the IP rules (for overlaps) and the
 * diagnostics (reported in file order), all kept compactly.
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
        Run run = new Run(file);
        long lines = new Pipeline(file, run).read(in);
        return run.finish(lines);
    }

    /** A rule's keys, handed from the per-line checks to the duplicate and overlap checks. */
    private record Keyed(long line, Decision decision, Address address, byte[][] keys, int[] hashes) {}

    /** What the per-line checks found in one batch of lines: diagnostics in file order, and the rules. */
    private record Lines(Diagnostics diagnostics, List<Keyed> rules) {}

    /**
     * What one batch gave: its diagnostics in file order, its IP rules that are no duplicates (for
     * the overlaps), and whether it has a default rule.
     */
    private record Checked(Diagnostics diagnostics, Overlaps networks, boolean sawDefault) {}

    /** Consecutive lines, copied out of the reader's buffer. */
    private static final class Batch {
        static final int LINES = 4096;
        final long first;
        final int[] starts = new int[LINES + 1];
        byte[] bytes;
        int count;

        /** @param size bytes to start with: the last batch's, as the next one is likely alike */
        Batch(long first, int size) {
            this.first = first;
            this.bytes = new byte[size];
        }

        boolean add(byte[] buffer, int offset, int length) {
            int used = starts[count];
            if (used + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + length));
            }
            System.arraycopy(buffer, offset, bytes, used, length);
            starts[++count] = used + length;
            return count == LINES;
        }
    }

    /**
     * Each batch on a pool thread: the per-line checks (parse, addresses, settings, portability),
     * then its keys against all earlier ones ({@link Duplicates}). The reading thread collects the
     * results in file order. Nearly all of a lint's work is per batch, so a big file uses every
     * core, as the compiler does.
     */
    private final class Pipeline {
        final String file;
        final Run run;
        final Duplicates duplicates = new Duplicates();
        final ArrayDeque<Future<Checked>> pending = new ArrayDeque<>();
        final ThreadLocal<LineChecks> checks;
        ExecutorService pool;
        Batch batch = new Batch(1, 1 << 16);
        long batches; // so far

        Pipeline(String file, Run run) {
            this.file = file;
            this.run = run;
            this.checks = ThreadLocal.withInitial(() -> new LineChecks(file));
        }

        long read(InputStream in) throws IOException {
            try {
                long lines = LineSource.forEach(in, (number, buffer, offset, length) -> {
                    if (batch.add(buffer, offset, length)) {
                        submit(number + 1);
                    }
                });
                if (batch.count > 0 && pool == null) {
                    run.accept(check(batch, batches++)); // a file of one batch: no threads
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

        private Checked check(Batch b, long index) throws IOException {
            LineChecks lines = checks.get();
            Lines found = lines.check(b);
            return lines.acrossLines(found, duplicates.firstLines(index, found.rules()));
        }

        private void submit(long next) throws IOException {
            Batch full = batch;
            long index = batches++;
            batch = new Batch(next, Math.max(1 << 12, full.starts[full.count] + (full.starts[full.count] >> 3)));
            if (threads == 1) {
                run.accept(check(full, index));
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
            run.accept(Tasks.result(pending.poll()));
        }
    }

    /**
     * The line that first had each key, across the whole file: one table, which the batches enter
     * strictly in file order (the first line with a key wins). A batch waits only while the one
     * before it is in there; the pool threads meanwhile check other batches' lines.
     */
    private static final class Duplicates {
        private static final int RUN = 64;
        private final KeyTable table = new KeyTable();
        private long turn; // under the table's lock: the batch that enters next

        /**
         * For each key of {@code rules}, in order: the line that had it before, or -1 (and then
         * its rule's line is recorded). {@code batch} is the batch's number: 0, 1, 2, ...
         */
        long[] firstLines(long batch, List<Keyed> rules) throws InterruptedIOException {
            int total = 0;
            for (Keyed r : rules) {
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
                            Keyed r = rules.get(from);
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
    }

    /** The checks of one line alone: syntax, addresses, settings, portability. One per thread. */
    private final class LineChecks implements Overlaps.Emitter {
        final String file;
        final RuleLineParser parser = new RuleLineParser(dialect);
        final AddressReader addresses = new AddressReader(parser);
        final Portability portability = portableTo.isEmpty() ? null : new Portability(dialect, portableTo);
        Diagnostics.Blocks diagnostics;
        List<Keyed> rules;
        int lastSize = 64; // diagnostics, and bytes of their text, in the last batch
        int lastText = 4096;

        LineChecks(String file) {
            this.file = file;
        }

        Lines check(Batch b) {
            diagnostics = new Diagnostics.Blocks(lastSize + lastSize / 8, lastText + lastText / 8); // as the last batch, and some
            rules = new ArrayList<>();
            for (int i = 0; i < b.count; i++) {
                line(b.first + i, b.bytes, b.starts[i], b.starts[i + 1] - b.starts[i]);
            }
            lastSize = diagnostics.size();
            lastText = diagnostics.textSize();
            Lines found = new Lines(diagnostics.sorted(file), rules); // in line order already; within a line, by column
            diagnostics = null;
            rules = null;
            return found;
        }

        /**
         * The batch's duplicates ({@code earlier}: for each key of its rules, the line that had it
         * before, or -1), its new IP rules, and its diagnostics all in file order.
         */
        Checked acrossLines(Lines found, long[] earlier) {
            Diagnostics.Blocks duplicates = new Diagnostics.Blocks();
            Overlaps networks = new Overlaps();
            boolean sawDefault = false;
            int k = 0;
            for (Keyed rule : found.rules()) {
                int dup = 0;
                long firstLine = -1;
                byte[] firstKey = null;
                for (byte[] key : rule.keys()) {
                    long line = earlier[k++];
                    sawDefault |= key.length == 0;
                    if (line < 0) {
                        network(networks, rule.address(), key, rule.line(), rule.decision());
                    } else if (dup++ == 0) {
                        firstLine = line;
                        firstKey = key;
                    }
                }
                if (dup > 0) {
                    duplicate(duplicates, rule, dup, firstLine, firstKey);
                }
            }
            Diagnostics all = new Diagnostics(file, found.diagnostics().size() + duplicates.size());
            all.addMerged(found.diagnostics(), duplicates.inOrderFound(file));
            return new Checked(all, networks, sawDefault);
        }

        /** TR030: {@code dup} of the rule's keys were there before, the first on line {@code firstLine}. */
        void duplicate(Overlaps.Emitter out, Keyed rule, int dup, long firstLine, byte[] firstKey) {
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

        /** Records a new key for the overlap analysis, if it is an IP rule. */
        void network(Overlaps overlaps, Address address, byte[] key, long line, Decision decision) {
            switch (address) {
                case Address.Ipv4Cidr c -> overlaps.addIpv4(DottedIpv4.value(c.ip()), c.prefix(), Overlaps.CIDR, line, decision);
                case Address.Ipv6Cidr c -> {
                    if (!(c.prefix() >= 96 && Ipv6Text.isV4Mapped(c.ip()))) {
                        overlaps.addIpv6(c.ip(), c.prefix(), Overlaps.CIDR, line, decision);
                    }
                }
                case Address.Ipv6Exact e -> {
                    if (e.user() == null && !Ipv6Text.isV4Mapped(e.ip())) {
                        overlaps.addIpv6(e.ip(), 128, Overlaps.EXACT, line, decision);
                    }
                }
                default -> {
                    if (DottedIpv4.isDotted(key)) {
                        DottedIpv4.Shape s = DottedIpv4.read(key);
                        if (s.servable()) {
                            overlaps.addIpv4(s.ip(), s.bits(), s.prefix() ? Overlaps.DOTTED : Overlaps.EXACT, line, decision);
                        }
                    } else if (dialect == Dialect.FEFE && key.length > 0 && key[key.length - 1] != ':'
                            && Bytes.indexOf(key, ':') >= 0) {
                        KeyMeaning m = KeyMeaning.of(dialect, key);
                        if (m.kind() == KeyMeaning.Kind.IPV6) {
                            overlaps.addIpv6(org.ucspi4j.lookup.text.Ipv6Forms.strict(key), 128, Overlaps.EXACT, line, decision);
                        }
                    }
                }
            }
        }

        @Override
        public void emit(long line, int column, LintCode code, String message, String hint) {
            diagnostics.emit(line, column, code, message, hint);
        }

        void line(long number, byte[] buffer, int offset, int length) {
            RuleLine parsed = null;
            RuleSyntaxException error = null;
            try {
                parsed = parser.parse(number, buffer, offset, length);
            } catch (RuleSyntaxException e) {
                error = e;
            }
            Address address = null;
            if (parsed instanceof RuleLine.Rule rule) {
                try {
                    address = addresses.read(rule);
                } catch (RuleSyntaxException e) {
                    error = e;
                }
            }
            if (error != null) {
                syntax(error, buffer, offset, length);
            } else if (parsed instanceof RuleLine.Skipped) {
                skipped(number, buffer, offset, length);
            } else if (parsed instanceof RuleLine.Rule rule) {
                List<byte[]> ruleKeys = address.keys();
                new AddressLint(dialect, rule, address, ruleKeys, this).check();
                settings(rule);
                // what the checks across lines need, worked out here, on a pool thread, in plain arrays
                byte[][] keyArray = new byte[ruleKeys.size()][];
                for (int i = 0; i < keyArray.length; i++) {
                    keyArray[i] = ruleKeys.get(i);
                }
                int[] hashes = new int[keyArray.length];
                for (int i = 0; i < hashes.length; i++) {
                    hashes[i] = KeyTable.hash(keyArray[i]);
                }
                rules.add(new Keyed(rule.number(), rule.instructions().decision(), address, keyArray, hashes));
            }
            if (portability != null && length > 0 && buffer[offset] != '#' && buffer[offset] != '\n') {
                portability.check(number, buffer, offset, length, parsed, address, error, this);
            }
        }

        // ---- syntax ----

        void syntax(RuleSyntaxException e, byte[] buffer, int offset, int length) {
            byte[] text = e.text();
            if (text.length > 0 && text[text.length - 1] == '\r') {
                emit(e.line(), text.length, LintCode.TR006,
                        "the line ends with a carriage return (\\r): a CRLF file; tcprules rejects every such rule line",
                        "convert the file to LF line ends (dos2unix)");
                return;
            }
            if (dialect == Dialect.FEFE && Dialect.FEFE.separator(text, text.length) == Dialect.NO_DECISION) {
                emit(e.line(), 1, LintCode.TR007,
                        "no ':' is followed by allow or deny: Debian's fefe tcprules loops forever on this line",
                        "write ADDRESS:allow or ADDRESS:deny (lower case), or comment the line out with '#'");
                return;
            }
            String detail = e.detail();
            switch (e.kind()) {
                case PARSE -> emit(e.line(), e.column(), LintCode.TR001, detail, parseHint(detail));
                case PREFIX_LENGTH -> emit(e.line(), e.column(), LintCode.TR002, detail, prefixHint(detail));
                case IPV6 -> emit(e.line(), e.column(), LintCode.TR003, detail,
                        "write an IPv6 address such as 2001:db8::1 (or quote a host name with '=')");
                case IPV6_CIDR -> emit(e.line(), e.column(), LintCode.TR004, detail, prefixHint(detail));
                case IPV4_CIDR -> emit(e.line(), e.column(), LintCode.TR005, detail,
                        "write the network as one to four decimal octets (0..255), e.g. 192.0.2.0/24");
            }
        }

        String parseHint(String detail) {
            if (detail.startsWith("expected allow or deny")) {
                return "write allow or deny, in lower case, right after the ':'";
            }
            if (detail.startsWith("value has no closing quote")) {
                return "end the value with the same character that starts it";
            }
            if (detail.startsWith("a range needs")) {
                return "write a range as FIRST-LAST inside one dotted part, e.g. 192.0.2.10-20";
            }
            return "a rule is ADDRESS:allow or ADDRESS:deny, then optional settings ,NAME=\"value\"";
        }

        String prefixHint(String detail) {
            if (detail.contains("prefix length 0")) {
                return "/0 is not allowed: for a rule that matches everything write an empty address (':allow' or ':deny')";
            }
            return "IPv4 prefix lengths are 1..32, IPv6 prefix lengths 1..128";
        }

        void skipped(long number, byte[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                byte b = buffer[i];
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x0b) {
                    emit(number, 1, LintCode.TR051,
                            "line has no " + (dialect == Dialect.TCP6 ? "':' or ','" : "':'")
                                    + " and is silently ignored",
                            "add ':allow' or ':deny', or comment the line out with '#'");
                    return;
                }
            }
        }

        // ---- settings ----

        void settings(RuleLine.Rule rule) {
            List<Setting> settings = rule.instructions().settings();
            if (settings.isEmpty()) {
                return;
            }
            long line = rule.number();
            if (rule.instructions().decision() == Decision.DENY) {
                emit(line, settings.get(0).column(), LintCode.TR044,
                        "a deny rule drops the connection: its variables are never set", "remove the settings");
            }
            for (int k = 0; k < settings.size(); k++) {
                Setting s = settings.get(k);
                byte[] name = s.name();
                int nameColumn = s.column() + 1;
                if (name.length == 0) {
                    emit(line, nameColumn, LintCode.TR040, "empty variable name: the server sets a variable named ''",
                            "write ,NAME=\"value\"");
                } else {
                    int bad = -1;
                    for (int i = 0; i < name.length; i++) {
                        int c = name[i] & 0xff;
                        if (c <= ' ' || c == 0x7f) {
                            bad = i;
                            break;
                        }
                    }
                    if (bad >= 0) {
                        emit(line, nameColumn + bad, LintCode.TR041,
                                "variable name " + Texts.quoted(name) + " holds " + Texts.describe(name[bad]),
                                "remove blanks around the name: ,NAME=\"value\"");
                    } else if (!identifier(name)) {
                        emit(line, nameColumn, LintCode.TR046,
                                "variable name " + Texts.quoted(name) + " is not a shell identifier; programs may not see it",
                                "use letters, digits and '_', not starting with a digit");
                    }
                }
                for (int j = 0; j < k; j++) {
                    if (Arrays.equals(settings.get(j).name(), name)) {
                        emit(line, s.column(), LintCode.TR042,
                                "variable " + Texts.quoted(name) + " is set twice in this rule (first at column "
                                        + settings.get(j).column() + "); the server keeps the last value",
                                "remove one of the settings");
                        break;
                    }
                }
                int quoteColumn = nameColumn + name.length + 1;
                byte[] value = s.value();
                for (int i = 0; i < value.length; i++) {
                    if (value[i] == 0) {
                        byte next = i + 1 < value.length ? value[i + 1] : 0;
                        String rest = next == 'D' ? "; the 'D' after it denies the connection"
                                : next == '+' ? "; the '+' after it sets another variable" : "; the rest is ignored";
                        emit(line, quoteColumn + 1 + i, LintCode.TR043,
                                "value of " + Texts.quoted(name) + " holds a NUL byte: the server cuts it there" + rest,
                                "remove the NUL byte");
                        break;
                    }
                }
                int q = s.quote() & 0xff;
                if (Character.isLetterOrDigit(q) && q < 0x80 || q == ' ' || q == '\t') {
                    emit(line, quoteColumn, LintCode.TR045,
                            "the value of " + Texts.quoted(name) + " is quoted with " + Texts.describe(s.quote())
                                    + ": it is " + Texts.quoted(value),
                            "quote values with '\"' (or another punctuation character the value does not hold)");
                }
            }
        }

        boolean identifier(byte[] name) {
            for (int i = 0; i < name.length; i++) {
                int c = name[i] & 0xff;
                boolean ok = c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9';
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The batches' results, collected in file order, and what only the whole file decides: the
     * overlaps and the default rule. The batches' diagnostics come in file order, so only the
     * ones found after the last line need sorting.
     */
    private final class Run implements Overlaps.Emitter {
        final String file;
        Diagnostics diagnostics;
        Diagnostics.Blocks found = new Diagnostics.Blocks(); // after the last line
        final Overlaps overlaps = new Overlaps();
        boolean sawDefault;

        Run(String file) {
            this.file = file;
            this.diagnostics = new Diagnostics(file, 0);
        }

        @Override
        public void emit(long line, int column, LintCode code, String message, String hint) {
            found.emit(line, column, code, message, hint);
        }

        /** The next batch's results. */
        void accept(Checked c) {
            diagnostics.append(c.diagnostics());
            overlaps.addAll(c.networks());
            sawDefault |= c.sawDefault();
        }

        /** All diagnostics, in file order. */
        Diagnostics finish(long lines) throws IOException {
            // After the last line, the overlaps are most of the work left: their parts on threads of
            // their own. This thread runs the first, and any that no thread has taken up yet.
            List<FutureTask<Diagnostics>> parts = new ArrayList<>();
            for (Consumer<Overlaps.Emitter> part : overlaps.parts()) {
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
}
