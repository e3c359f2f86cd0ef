package org.ucspi4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.ucspi4j.cdb.CdbStreamReader;
import org.ucspi4j.cdb.CdbText;
import org.ucspi4j.runtime.ArgumentBytes;
import org.ucspi4j.runtime.ErrorText;
import picocli.CommandLine.Command;
import org.ucspi4j.runtime.ErrorText;
import picocli.CommandLine.Parameters;

/**
 * {@code cdbdump < cdb}: the records as cdbmake text, in file order. Reads front to back like
 * freecdb's, so it works on pipes. An optional file argument is read instead of stdin.
 */
@Command(name = "cdbdump", description = "Print a cdb's records as cdbmake text.")
final class CdbDumpCommand implements Callable<Integer>, Program {
    private final Io io;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE")
    String file;

    CdbDumpCommand(Io io) {
        this.io = io;
    }

    @Override
    public String usage() {
        return "usage: cdbdump";
    }

    @Override
    public Integer call() {
        try (InputStream in = file == null ? io.in() : Files.newInputStream(ArgumentBytes.path(file))) {
            CdbStreamReader.read(in, record -> {
                try {
                    CdbText.write(io.out(), record.key(), record.data());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            return fatal("unable to write output: " + ErrorText.of(e.getCause()));
        } catch (CdbStreamReader.TruncatedException e) {
            return fatal("unable to read input: truncated file");
        } catch (IOException e) {
            return fatal("unable to read input: " + ErrorText.of(e));
        }
        try {
            CdbText.end(io.out());
            io.out().flush();
        } catch (IOException e) {
            return fatal("unable to write output: " + ErrorText.of(e));
        }
        return 0;
    }

    private int fatal(String message) {
        io.err().println("cdbdump: fatal: " + message);
        return 111;
    }
}
