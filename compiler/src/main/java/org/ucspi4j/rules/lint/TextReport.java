package org.ucspi4j.rules.lint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The text report: {@code file:line:col: severity: message [code]}, and {@code     hint: ...} on
 * the next line when there is one; UTF-8, the file name as its raw bytes. A big file's report runs
 * to a hundred megabytes and more, so slices of it are formatted straight into byte arrays on
 * every core and written in order.
 */
final class TextReport {
    private static final int SLICE = 1 << 14;
    private static final byte[][] SEVERITY = new byte[Severity.values().length][];
    private static final byte[][] CODE = new byte[LintCode.values().length][];
    private static final byte[] HINT = "    hint: ".getBytes(StandardCharsets.US_ASCII);

    static {
        for (Severity s : Severity.values()) {
            SEVERITY[s.ordinal()] = (": " + s.id() + ": ").getBytes(StandardCharsets.US_ASCII);
        }
        for (LintCode c : LintCode.values()) {
            CODE[c.ordinal()] = (" [" + c.name() + "]\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private TextReport() {}

    static void write(List<LintReport.FileResult> results, OutputStream out) throws IOException {
        ExecutorService pool = null;
        try {
            for (LintReport.FileResult r : results) {
                byte[] file = r.file().getBytes(StandardCharsets.ISO_8859_1);
                Diagnostics all = Diagnostics.of(r.file(), r.diagnostics());
                if (all.size() <= SLICE) {
                    format(file, all, 0, all.size(), null).writeTo(out);
                    continue;
                }
                int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
                if (pool == null) {
                    pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("lint-report-", 0).factory());
                }
                ArrayDeque<Future<Bytes>> pending = new ArrayDeque<>();
                Bytes spare = null; // a written slice's array, for the next one
                for (int from = 0; from < all.size(); from += SLICE) {
                    int start = from;
                    Bytes into = spare;
                    spare = null;
                    pending.add(pool.submit(() -> format(file, all, start, Math.min(all.size(), start + SLICE), into)));
                    if (pending.size() > threads) {
                        spare = Tasks.result(pending.poll());
                        spare.writeTo(out);
                    }
                }
                while (!pending.isEmpty()) {
                    Tasks.result(pending.poll()).writeTo(out);
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** The report lines of diagnostics {@code [from, to)}, all of {@code file}; in {@code into}'s array if not null. */
    static Bytes format(byte[] file, Diagnostics all, int from, int to, Bytes into) {
        long size = 0; // exact but for the numbers, so that the array is allocated once
        for (int k = from; k < to; k++) {
            DiagnosticBlock d = all.block(k);
            int i = all.position(k);
            size += file.length + 2 * 20 + 2 + 11 + 10 + (d.hasHint(i) ? d.hintEnd(i) : d.messageEnd(i)) - d.messageStart(i) + 11;
        }
        int capacity = (int) Math.min(size, Integer.MAX_VALUE - 16);
        Bytes b = into == null ? new Bytes(capacity) : into.clear(capacity);
        for (int k = from; k < to; k++) {
            DiagnosticBlock d = all.block(k);
            int i = all.position(k);
            LintCode code = d.code(i);
            b.put(file);
            b.put((byte) ':');
            b.decimal(d.line(i));
            b.put((byte) ':');
            b.decimal(d.column(i));
            b.put(SEVERITY[code.severity().ordinal()]);
            b.put(d.text(), d.messageStart(i), d.messageEnd(i));
            b.put(CODE[code.ordinal()]);
            if (d.hasHint(i)) {
                b.put(HINT);
                b.put(d.text(), d.messageEnd(i), d.hintEnd(i));
                b.put((byte) '\n');
            }
        }
        return b;
    }

    /** A growing byte array. */
    static final class Bytes {
        private byte[] a;
        private int n;

        Bytes(int capacity) {
            a = new byte[Math.max(64, capacity)];
        }

        void put(byte[] s) {
            put(s, 0, s.length);
        }

        void put(byte[] s, int from, int to) {
            room(to - from);
            System.arraycopy(s, from, a, n, to - from);
            n += to - from;
        }

        void put(byte c) {
            room(1);
            a[n++] = c;
        }

        void decimal(long v) {
            room(20);
            if (v < 0) { // not produced; kept correct anyway
                a[n++] = '-';
                v = -v;
            }
            int start = n;
            do {
                a[n++] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v > 0);
            for (int i = start, j = n - 1; i < j; i++, j--) {
                byte t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
        }

        private void room(int more) {
            if (n + more > a.length) {
                a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, n + more));
            }
        }

        /** Empty, with room for {@code capacity} bytes. */
        Bytes clear(int capacity) {
            n = 0;
            room(capacity);
            return this;
        }

        void writeTo(OutputStream out) throws IOException {
            out.write(a, 0, n);
        }
    }
}
