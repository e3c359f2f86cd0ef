package org.ucspi4j.rules;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ucspi4j.lookup.Dialect;

/**
 * Compiles a rules file to cdb records as tcprules does: line by line, streaming, stopping at the
 * first line the dialect rejects. The records go to a {@link RecordSink} (a cdb writer, a dump, a
 * test) in the order tcprules writes them.
 *
 * <p>Input is read in chunks of whole lines. A file that fits in one chunk is compiled on the calling
 * thread; a larger one is parsed by worker threads, chunk by chunk, while the calling thread reads
 * ahead and hands the chunks' records to the sink in input order. Lines are independent of each
 * other, so the records, their order and the first error are the same either way; only the sink
 * and the listener run on the calling thread.
 */
public final class RuleCompiler {
    /** Receives the compiled records. */
    @FunctionalInterface
    public interface RecordSink {
        void add(byte[] key, byte[] data) throws IOException;

        /** A record whose key is {@code key[offset..offset+length)}; the sink must not keep the array. */
        default void add(byte[] key, int offset, int length, byte[] data) throws IOException {
            add(Arrays.copyOfRange(key, offset, offset + length), data);
        }
    }

    /** Receives each parsed rule with its address, before its records are added. */
    @FunctionalInterface
    public interface RuleListener {
        void rule(RuleLine.Rule rule, Address address);
    }

    /** What a run compiled. */
    public record Summary(long lines, long rules, long records) {}

    private static final RuleListener NO_LISTENER = (rule, address) -> {};

    /** Bytes per chunk of input; a longer line makes its chunk grow. */
    static final int CHUNK = 1 << 18;

    private final Dialect dialect;
    private final int threads;
    private final boolean reference;

    /** A compiler that parses on up to as many threads as the machine has processors (at most 4). */
    public RuleCompiler(Dialect dialect) {
        this(dialect, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** A compiler that parses on up to {@code threads} worker threads (1: all on the calling thread). */
    public RuleCompiler(Dialect dialect, int threads) {
        this(dialect, threads, false);
    }

    private RuleCompiler(Dialect dialect, int threads, boolean reference) {
        this.dialect = dialect;
        this.threads = Math.max(1, threads);
        this.reference = reference;
    }

    /**
     * A compiler with no shortcut: one thread, each line whole through the grammar's {@code line}
     * rule ({@link RuleLineParser#reference}), nothing remembered. Tests hold the real one to it.
     */
    static RuleCompiler reference(Dialect dialect) {
        return new RuleCompiler(dialect, 1, true);
    }

    public Summary compile(InputStream in, RecordSink sink) throws IOException, RuleSyntaxException {
        return compile(in, sink, NO_LISTENER);
    }

    public Summary compile(InputStream in, RecordSink sink, RuleListener listener)
            throws IOException, RuleSyntaxException {
        boolean keepRules = listener != NO_LISTENER;
        Reader reader = new Reader(in);
        Chunk first = reader.next(keepRules);
        Totals totals = new Totals();
        if (first == null) {
            return totals.summary();
        }
        Chunk second = threads > 1 ? reader.next(keepRules) : null;
        if (second == null) {
            Worker worker = new Worker(dialect, reference);
            for (Chunk c = first; c != null; c = reader.next(keepRules)) {
                worker.compile(c);
                totals.deliver(c, sink, listener);
            }
            return totals.summary();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tcprules-parser");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<Worker> workers = ThreadLocal.withInitial(() -> new Worker(dialect, false));
        ArrayDeque<Future<Chunk>> pending = new ArrayDeque<>();
        try {
            pending.add(pool.submit(() -> workers.get().compile(first)));
            pending.add(pool.submit(() -> workers.get().compile(second)));
            int ahead = 2 * threads + 1;
            for (;;) {
                Chunk c;
                try {
                    c = reader.next(keepRules);
                } catch (IOException e) {
                    // The lines read before the failure come first, as in a tool that reads as it goes.
                    while (!pending.isEmpty()) {
                        totals.deliver(take(pending), sink, listener);
                    }
                    throw e;
                }
                if (c == null) {
                    break;
                }
                Chunk chunk = c;
                pending.add(pool.submit(() -> workers.get().compile(chunk)));
                while (pending.size() > ahead || pending.peek().isDone() && pending.size() > 1) {
                    totals.deliver(take(pending), sink, listener);
                }
            }
            while (!pending.isEmpty()) {
                totals.deliver(take(pending), sink, listener);
            }
            return totals.summary();
        } finally {
            for (Future<Chunk> f : pending) {
                f.cancel(true);
            }
            pool.shutdownNow();
        }
    }

    private static Chunk take(ArrayDeque<Future<Chunk>> pending) throws IOException {
        Future<Chunk> f = pending.poll();
        boolean interrupted = false;
        try {
            for (;;) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IOException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Lines, rules and records handed on so far. */
    private static final class Totals {
        long lines;
        long rules;
        long records;

        /** Hands a compiled chunk's rules and records on, in order; rethrows its error, if any. */
        void deliver(Chunk c, RecordSink sink, RuleListener listener) throws IOException, RuleSyntaxException {
            int record = 0;
            for (int r = 0; r < c.rules; r++) {
                int end = c.ruleEnds[r];
                if (c.ruleLines != null) {
                    listener.rule(c.ruleLines[r], c.addresses[r]);
                }
                for (; record < end; record++) {
                    sink.add(c.keys[record], c.keyOffsets[record], c.keyLengths[record], c.data[record]);
                }
            }
            rules += c.rules;
            records += c.records;
            if (c.error != null) {
                throw c.error;
            }
            lines += c.lineCount;
        }

        Summary summary() {
            return new Summary(lines, rules, records);
        }
    }

    /** Lines of input and what they compiled to. */
    static final class Chunk {
        final byte[] buffer;
        final int length;
        final long firstLine;
        final int lineCount;

        int rules;
        int[] ruleEnds = new int[64]; // per rule: the index after its last record
        RuleLine.Rule[] ruleLines;    // with a listener only
        Address[] addresses;
        int records;
        byte[][] keys = new byte[64][];    // the key of record i is keys[i][keyOffsets[i]..+keyLengths[i])
        int[] keyOffsets = new int[64];
        int[] keyLengths = new int[64];
        byte[][] data = new byte[64][];
        RuleSyntaxException error;

        Chunk(byte[] buffer, int length, long firstLine, int lineCount, boolean keepRules) {
            this.buffer = buffer;
            this.length = length;
            this.firstLine = firstLine;
            this.lineCount = lineCount;
            if (keepRules) {
                ruleLines = new RuleLine.Rule[64];
                addresses = new Address[64];
            }
        }

        void rule(RuleLine.Rule rule, Address address, byte[] ruleData) {
            growRules();
            if (ruleLines != null) {
                ruleLines[rules] = rule;
                addresses[rules] = address;
            }
            List<byte[]> ruleKeys = address.keys();
            int n = ruleKeys.size();
            growRecords(n);
            for (int i = 0; i < n; i++) {
                byte[] key = ruleKeys.get(i);
                record(key, 0, key.length, ruleData);
            }
            ruleEnds[rules++] = records;
        }

        /** A rule whose one key is its address as written, {@code line[offset..offset+length)}. */
        void verbatim(byte[] line, int offset, int length, byte[] ruleData) {
            growRules();
            growRecords(1);
            record(line, offset, length, ruleData);
            ruleEnds[rules++] = records;
        }

        private void record(byte[] key, int offset, int length, byte[] ruleData) {
            keys[records] = key;
            keyOffsets[records] = offset;
            keyLengths[records] = length;
            data[records] = ruleData;
            records++;
        }

        private void growRules() {
            if (rules == ruleEnds.length) {
                ruleEnds = Arrays.copyOf(ruleEnds, 2 * rules);
                if (ruleLines != null) {
                    ruleLines = Arrays.copyOf(ruleLines, 2 * rules);
                    addresses = Arrays.copyOf(addresses, 2 * rules);
                }
            }
        }

        private void growRecords(int n) {
            if (records + n > keys.length) {
                int grown = Math.max(2 * keys.length, records + n);
                keys = Arrays.copyOf(keys, grown);
                keyOffsets = Arrays.copyOf(keyOffsets, grown);
                keyLengths = Arrays.copyOf(keyLengths, grown);
                data = Arrays.copyOf(data, grown);
            }
        }
    }

    /** One thread's parser and address reader. */
    private static final class Worker {
        private final RuleLineParser parser;
        private final AddressReader addresses;
        private final boolean reference;

        Worker(Dialect dialect, boolean reference) {
            this.reference = reference;
            parser = reference ? RuleLineParser.reference(dialect) : new RuleLineParser(dialect);
            addresses = new AddressReader(parser);
        }

        /**
         * The common cases without the rule objects nobody will look at (no listener): an empty or
         * ignored line, a comment, and a rule line whose instructions parse and whose address is
         * stored as written, which gives one record, its key a view of the line. Returns whether it
         * handled the line; anything else (a range, CIDR, IPv6 in tcp6, an error) goes to
         * {@link RuleLineParser#parse} and {@link AddressReader#read} as always.
         */
        private boolean verbatim(Chunk c, byte[] b, int start, int length) {
            parser.locate(b, start, length);
            if (parser.located == RuleLineParser.SKIPPED || parser.located == RuleLineParser.COMMENT) {
                return true;
            }
            if (parser.located != RuleLineParser.RULE) {
                return false;
            }
            int separator = parser.locatedSeparator;
            byte[] data = parser.dataOf(b, start + separator + 1, parser.locatedEnd - separator - 1);
            if (data == null || !addresses.isVerbatim(b, start, separator)) {
                return false;
            }
            c.verbatim(b, start, separator, data);
            return true;
        }

        Chunk compile(Chunk c) {
            byte[] b = c.buffer;
            long number = c.firstLine;
            int start = 0;
            boolean shortcut = c.ruleLines == null && !reference;
            try {
                while (start < c.length) {
                    int end = start;
                    while (end < c.length && b[end] != '\n') {
                        end++;
                    }
                    int next = end < c.length ? end + 1 : end;
                    if (shortcut && verbatim(c, b, start, next - start)) {
                        number++;
                        start = next;
                        continue;
                    }
                    if (parser.parse(number, b, start, next - start) instanceof RuleLine.Rule rule) {
                        c.rule(rule, addresses.read(rule), rule.instructions().sharedData());
                    }
                    number++;
                    start = next;
                }
            } catch (RuleSyntaxException e) {
                c.error = e;
            }
            return c;
        }
    }

    /**
     * Cuts the input into chunks of whole lines (the last may lack its '\n'), counting lines. A read
     * error is thrown after the complete lines read before it have been handed out; the line it cut
     * short is dropped, as a tool that reads line by line never sees it.
     */
    private static final class Reader {
        private final InputStream in;
        private byte[] carry = new byte[0];
        private int carried;
        private long nextLine = 1;
        private boolean eof;
        private IOException failure;

        Reader(InputStream in) {
            this.in = in;
        }

        /** The next chunk, or null at the end of the input. */
        Chunk next(boolean keepRules) throws IOException {
            if (failure != null) {
                throw failure;
            }
            if (eof && carried == 0) {
                return null;
            }
            byte[] buffer = new byte[Math.max(CHUNK, carried * 2)];
            System.arraycopy(carry, 0, buffer, 0, carried);
            int filled = carried;
            int scanned = 0; // no '\n' before this index
            carried = 0;
            int cut;
            for (;;) {
                while (!eof && filled < buffer.length) {
                    int n;
                    try {
                        n = in.read(buffer, filled, buffer.length - filled);
                    } catch (IOException e) {
                        failure = e;
                        eof = true;
                        break;
                    }
                    if (n < 0) {
                        eof = true;
                    } else {
                        filled += n;
                    }
                }
                if (failure != null) {
                    cut = lastNewline(buffer, 0, filled) + 1;
                    if (cut == 0) {
                        throw failure;
                    }
                    filled = cut;
                    break;
                }
                if (eof) {
                    cut = filled;
                    break;
                }
                cut = lastNewline(buffer, scanned, filled) + 1;
                if (cut > 0) {
                    break;
                }
                scanned = filled;
                buffer = Arrays.copyOf(buffer, buffer.length * 2); // a line longer than the buffer
            }
            if (cut == 0) {
                return null;
            }
            if (cut < filled) {
                carried = filled - cut;
                if (carry.length < carried) {
                    carry = new byte[Math.max(carried, 4096)];
                }
                System.arraycopy(buffer, cut, carry, 0, carried);
            }
            int lines = 0;
            for (int i = 0; i < cut; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
            if (buffer[cut - 1] != '\n') {
                lines++; // the last line of the input, without its '\n'
            }
            Chunk c = new Chunk(buffer, cut, nextLine, lines, keepRules);
            nextLine += lines;
            return c;
        }

        private static int lastNewline(byte[] b, int from, int to) {
            for (int i = to - 1; i >= from; i--) {
                if (b[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }
}
