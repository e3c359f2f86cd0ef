package org.ucspi4j.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.ucspi4j.cdb.CdbText;
import org.ucspi4j.cdb.CdbTextFormatException;
import org.ucspi4j.cdb.CdbTooLargeException;
import org.ucspi4j.cdb.CdbWriter;
import org.ucspi4j.runtime.ArgumentBytes;
import org.ucspi4j.runtime.ErrorText;
import picocli.CommandLine.Command;
import org.ucspi4j.runtime.ErrorText;
import picocli.CommandLine.Parameters;

/** {@code cdbmake cdb cdb.tmp < text}: freecdb's cdbmake, messages and exit codes included. */
@Command(name = "cdbmake", description = "Build a cdb from cdbmake text (+klen,dlen:key->data) on stdin.",
        mixinStandardHelpOptions = false)
final class CdbMakeCommand implements Callable<Integer>, Program {
    private final Io io;

    @Parameters(index = "0", paramLabel = "cdb")
    String cdb;

    @Parameters(index = "1", paramLabel = "cdb.tmp")
    String tmp;

    @Parameters(index = "2..*", hidden = true, description = "ignored, as cdbmake ignores them")
    List<String> ignored;

    CdbMakeCommand(Io io) {
        this.io = io;
    }

    @Override
    public String usage() {
        return "usage: cdbmake cdb cdb.tmp";
    }

    @Override
    public Integer call() {
        CdbWriter writer;
        try {
            writer = CdbWriter.create(ArgumentBytes.path(cdb), ArgumentBytes.path(tmp));
        } catch (IOException e) {
            return fatal("unable to create " + tmp + ": " + ErrorText.of(e));
        }
        try (writer) {
            long[] entry = {0};
            try {
                CdbText.read(io.in(), (key, data) -> {
                    entry[0]++;
                    writer.add(key, data);
                });
            } catch (CdbTextFormatException e) {
                if (e.defect() == CdbTextFormatException.Defect.TOO_LARGE) {
                    return fatal("unable to create " + tmp + ": out of memory");
                }
                return fatal("unable to read input: entry " + e.entry() + ": " + freecdbText(e.defect()));
            } catch (CdbTooLargeException e) {
                return fatal("unable to create " + tmp + ": out of memory");
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
