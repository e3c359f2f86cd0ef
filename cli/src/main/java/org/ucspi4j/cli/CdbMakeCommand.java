package org.ucspi4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.ucspi4j.cdb.CdbText;
import org.ucspi4j.cdb.CdbTextFormatException;
import org.ucspi4j.cdb.CdbTooLargeException;
import org.ucspi4j.cdb.CdbWriter;
import org.ucspi4j.runtime.posix.ArgumentBytes;
import org.ucspi4j.runtime.posix.ErrorText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cdbmake cdb cdb.tmp < text}: freecdb's cdbmake, messages and exit codes included. Exactly two
 * non-empty arguments, as freecdb wants; anything else is the usage line. Differences: a failed or
 * killed run removes the temporary file, which freecdb leaves behind, and the temporary file is created
 * afresh: a symbolic link, device, fifo or directory there is refused (see
 * {@link org.ucspi4j.cdb.TempFile}).
 */
@Command(name = "cdbmake", description = "Build a cdb from cdbmake text (+klen,dlen:key->data) on stdin.",
        mixinStandardHelpOptions = false)
final class CdbMakeCommand implements Callable<Integer>, Program {
    private final Io io;
    /** What turns stdin into cdbmake text: nothing for cdbmake, cdb-0.75's line formats for its scripts. */
    private final UnaryOperator<InputStream> input;

    @Parameters(index = "0", paramLabel = "cdb",
            description = "the cdb to write, replaced only when complete")
    String cdb;

    @Parameters(index = "1", paramLabel = "cdb.tmp",
            description = "the file it is written to first, then renamed to cdb")
    String tmp;

    CdbMakeCommand(Io io) {
        this(io, UnaryOperator.identity());
    }

    /**
     * cdb-0.75's {@code cdbmake-12} and {@code cdbmake-sv}, shell scripts that pipe their input, turned
     * into cdbmake text by awk, to cdbmake "$@": so their usage and messages are cdbmake's.
     */
    CdbMakeCommand(Io io, UnaryOperator<InputStream> input) {
        this.io = io;
        this.input = input;
    }

    @Override
    public String usage() { // freecdb follows it with an empty line
        return "usage: cdbmake cdb cdb.tmp\n";
    }

    @Override
    public boolean bindClassic(String[] args) {
        if (args.length != 2 || args[0].isEmpty() || args[1].isEmpty()) {
            return false;
        }
        cdb = args[0];
        tmp = args[1];
        return true;
    }

    @Override
    public Integer call() {
        if (cdb.isEmpty() || tmp.isEmpty()) { // reached through picocli, e.g. "cdbmake -- '' x"
            io.err().println(usage());
            return usageExit();
        }
        CdbWriter writer;
        try {
            writer = CdbWriter.create(ArgumentBytes.path(cdb), ArgumentBytes.path(tmp));
        } catch (IOException e) {
            return fatal("unable to create " + tmp + ": " + ErrorText.of(e));
        }
        try (writer) {
            long[] entry = {0};
            try {
                CdbText.readSlices(input.apply(io.in()), (buffer, keyOffset, keyLength, dataOffset, dataLength) -> {
                    entry[0]++;
                    try {
                        writer.add(buffer, keyOffset, keyLength, buffer, dataOffset, dataLength);
                    } catch (CdbTooLargeException e) {
                        throw e;
                    } catch (IOException e) {
                        throw new WriteFailure(e);
                    }
                });
            } catch (CdbTextFormatException e) {
                if (e.defect() == CdbTextFormatException.Defect.TOO_LARGE) {
                    return fatal("unable to create " + tmp + ": out of memory");
                }
                return fatal("unable to read input: entry " + e.entry() + ": " + freecdbText(e.defect()));
            } catch (CdbTooLargeException e) {
                return fatal("unable to create " + tmp + ": out of memory");
            } catch (WriteFailure e) {
                return fatal("unable to create " + tmp + ": " + ErrorText.of(e.getCause()));
            } catch (IOException e) {
                return fatal("unable to read input: entry " + (entry[0] + 1) + ": " + ErrorText.of(e));
            }
            try {
                writer.commit();
            } catch (CdbTooLargeException e) {
                return fatal("unable to create " + tmp + ": out of memory");
            } catch (CdbWriter.RenameException e) {
                return fatal("unable to rename " + tmp + " to " + cdb + ": " + ErrorText.of(e.getCause()));
            } catch (IOException e) {
                return fatal("unable to create " + tmp + ": " + ErrorText.of(e));
            }
        } catch (IOException e) {
            return fatal("unable to create " + tmp + ": " + ErrorText.of(e));
        }
        return 0;
    }

    /** A write to the temporary file failed while input was being read: freecdb blames the file. */
    private static final class WriteFailure extends IOException {
        WriteFailure(IOException cause) {
            super(cause);
        }
    }

    // freecdb's own wording, typo included: scripts grep for it.
    private static String freecdbText(CdbTextFormatException.Defect defect) {
        return switch (defect) {
            case UNEXPECTED_END -> "unexpected end if input";
            default -> defect.text();
        };
    }

    private int fatal(String message) {
        io.err().println("cdbmake: fatal: " + message);
        return 111;
    }
}
