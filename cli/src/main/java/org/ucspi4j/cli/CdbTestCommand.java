package org.ucspi4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.ucspi4j.cdb.CdbFormatException;
import org.ucspi4j.cdb.CdbReader;
import org.ucspi4j.cdb.CdbTally;
import org.ucspi4j.runtime.posix.ErrorText;
import picocli.CommandLine.Command;

/**
 * {@code cdbtest < cdb}: cdb-0.75's check that every record can be found by its key, printed as its
 * five tallies. A structurally damaged file is refused as a whole ({@code protocol error}), as by our
 * cdbget and cdbstats, where DJB's would tally what it can reach.
 */
@Command(name = "cdbtest", description = "Check that every record of the cdb on stdin is found by its key.")
final class CdbTestCommand implements Callable<Integer>, Program {
    private final Io io;

    CdbTestCommand(Io io) {
        this.io = io;
    }

    @Override
    public String usage() {
        return "cdbtest: usage: cdbtest < cdb";
    }

    @Override
    public boolean bindClassic(String[] args) {
        return args.length == 0;
    }

    @Override
    public Integer call() {
        CdbTally tally;
        try (CdbReader reader = StdinFile.open(io)) {
            tally = reader.tally();
        } catch (CdbFormatException e) {
            return fatal("unable to read input: protocol error");
        } catch (IOException e) {
            return fatal("unable to read input: " + ErrorText.of(e));
        }
        try {
            io.out().write(tally.text().getBytes(StandardCharsets.US_ASCII));
            io.out().flush();
        } catch (IOException e) {
            return fatal("unable to write output: " + ErrorText.of(e));
        }
        return 0;
    }

    private int fatal(String message) {
        io.err().println("cdbtest: fatal: " + message);
        return 111;
    }
}
