package org.ucspi4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.ucspi4j.cdb.CdbFormatException;
import org.ucspi4j.cdb.CdbReader;
import org.ucspi4j.runtime.ErrorText;
import picocli.CommandLine.Command;

/**
 * {@code cdbstats < cdb}: the record count and how far each record sits from its hash's first slot
 * (d0..d9, >9), in freecdb's layout: an 8-column label, then the count right-aligned in 10.
 */
@Command(name = "cdbstats", description = "Print a cdb's record count and probe distances.")
final class CdbStatsCommand implements Callable<Integer>, Program {
    private final Io io;

    CdbStatsCommand(Io io) {
        this.io = io;
    }

    @Override
    public String usage() {
        return "usage: cdbstats";
    }

    @Override
    public Integer call() {
        StringBuilder out = new StringBuilder();
        try (CdbReader reader = CdbReader.open(StdinFile.path())) {
            long[] d = reader.probeDistances();
            line(out, "records", reader.recordCount());
            for (int i = 0; i < 10; i++) {
                line(out, "d" + i, d[i]);
            }
            line(out, ">9", d[10]);
        } catch (CdbFormatException e) {
            return fatal("unable to read input: truncated file");
        } catch (IOException e) {
            return fatal("unable to read input: " + ErrorText.of(e));
        }
        try {
            io.out().write(out.toString().getBytes(StandardCharsets.US_ASCII));
            io.out().flush();
        } catch (IOException e) {
            return fatal("unable to write output: " + ErrorText.of(e));
        }
        return 0;
    }

    private static void line(StringBuilder out, String label, long count) {
        out.append(String.format("%-8s%10d%n", label, count));
    }

    private int fatal(String message) {
        io.err().println("cdbstats: fatal: " + message);
        return 111;
    }
}
