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
                List<Diagnostic> all = r.diagnostics();
                if (all.size() <= SLICE) {
                    format(file, all).writeTo(out);
                    continue;
                }
                int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
                if (pool == null) {
                    pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("lint-report-", 0).factory());
                }
                ArrayDeque<Future<Bytes>> pending = new ArrayDeque<>();
                for (int from = 0; from < all.size(); from += SLICE) {
                    List<Diagnostic> slice = all.subList(from, Math.min(all.size(), from + SLICE));
                    pending.add(pool.submit(() -> format(file, slice)));
                    if (pending.size() > threads) {
                        Tasks.result(pending.poll()).writeTo(out);
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

    /** The report lines of {@code diagnostics}, all of {@code file}. */
    static Bytes format(byte[] file, List<Diagnostic> diagnostics) {
        long size = 0; // exact for ASCII text, so that the array is allocated once
        for (Diagnostic d : diagnostics) {
            size += file.length + 2 * 20 + 2 + 11 + 10 + d.message().length() + (d.hint() == null ? 0 : d.hint().length() + 11);
        }
        Bytes b = new Bytes((int) Math.min(size, Integer.MAX_VALUE - 16));
        String lastHint = null;
        byte[] hint = null;
        for (Diagnostic d : diagnostics) {
            b.put(file);
            b.put((byte) ':');
            b.decimal(d.line());
            b.put((byte) ':');
            b.decimal(d.column());
            b.put(SEVERITY[d.severity().ordinal()]);
            b.put(d.message().getBytes(StandardCharsets.UTF_8));
            b.put(CODE[d.code().ordinal()]);
            if (d.hint() != null) {
                if (d.hint() != lastHint) { // most hints are constants: one encoding for a run of them
                    lastHint = d.hint();
                    hint = ("    hint: " + lastHint + "\n").getBytes(StandardCharsets.UTF_8);
                }
                b.put(hint);
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
            room(s.length);
            System.arraycopy(s, 0, a, n, s.length);
            n += s.length;
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

        void writeTo(OutputStream out) throws IOException {
            out.write(a, 0, n);
        }
    }
}
