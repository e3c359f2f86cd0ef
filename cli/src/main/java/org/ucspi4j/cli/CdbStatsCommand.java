package org.ucspi4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.ucspi4j.cdb.CdbReader;
import org.ucspi4j.cdb.CdbStreamReader;
import org.ucspi4j.runtime.posix.ErrorText;
import picocli.CommandLine.Command;

/**
 * {@code cdbstats < cdb}: the record count and how far each record sits from its hash's first slot
 * (d0..d9, >9), in freecdb's layout: an 8-column label, then the count right-aligned in 10. Records
 * with keys over 1024 bytes are not counted at all, as in freecdb.
 */
@Command(name = "cdbstats", description = "Print a cdb's record count and probe distances.")
final class CdbStatsCommand implements Callable<Integer>, Program {
    /** freecdb reads each key into a buffer of this size and skips records with longer keys. */
    private static final int MAX_KEY_LENGTH = 1024;

    private final Io io;

    CdbStatsCommand(Io io) {
        this.io = io;
    }

    @Override
    public String usage() { // freecdb follows it with an empty line
        return "usage: cdbstats\n";
    }

    @Override
    public boolean bindClassic(String[] args) {
        return args.length == 0;
    }

    @Override
    public Integer call() {
        long[] distances;
        try (CdbReader reader = StdinFile.open(io)) {
            distances = reader.probeDistances(MAX_KEY_LENGTH);
        } catch (IOException unusable) {
            try {
                distances = withoutLookups();
            } catch (LookupNeeded e) {
                return fatal("unable to read input: protocol error");
            } catch (CdbStreamReader.TruncatedException e) {
                return fatal("unable to read input: truncated file");
            } catch (IOException e) {
                return fatal("unable to read input: " + ErrorText.of(e));
            }
        }
        StringBuilder out = new StringBuilder();
        long records = 0;
        for (long d : distances) {
            records += d;
        }
        line(out, "records", records);
        for (int i = 0; i < 10; i++) {
            line(out, "d" + i, distances[i]);
        }
        line(out, ">9", distances[10]);
        try {
            io.out().write(out.toString().getBytes(StandardCharsets.US_ASCII));
            io.out().flush();
        } catch (IOException e) {
            return fatal("unable to flush output: " + ErrorText.of(e));
        }
        return 0;
    }

    /** Thrown where freecdb would look a record up in a file that cannot serve lookups. */
    private static final class LookupNeeded extends IOException {
        LookupNeeded() {
            super("lookup in an unusable cdb");
        }
    }

    /**
     * For stdin that {@link CdbReader} refuses (damaged, truncated, a pipe): reads it front to back as
     * freecdb does. freecdb looks each countable record up as soon as its key is read, and in such a
     * file that lookup fails ("protocol error"); a file that ends before any countable key is
     * "truncated"; a file without countable records gives all-zero statistics, lookups being unneeded.
     */
    private long[] withoutLookups() throws IOException {
        CdbStreamReader.stream(io.in(), new CdbStreamReader.Visitor() {
            private boolean countable;

            @Override
            public void start(long keyLength, long dataLength) {
                countable = keyLength <= MAX_KEY_LENGTH;
            }

            @Override
            public void key(byte[] bytes, int offset, int length) {}

            @Override
            public void keyEnd() throws LookupNeeded {
                if (countable) {
                    throw new LookupNeeded();
                }
            }

            @Override
            public void data(byte[] bytes, int offset, int length) {}

            @Override
            public void end() {}
        });
        return new long[11];
    }

    private static void line(StringBuilder out, String label, long count) {
        out.append(String.format("%-8s%10d%n", label, count));
    }

    private int fatal(String message) {
        io.err().println("cdbstats: fatal: " + message);
        return 111;
    }
}
