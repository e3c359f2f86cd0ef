package org.ucspi4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ucspi4j.cdb.CdbFormatException;
import org.ucspi4j.cdb.CdbReader;

import org.ucspi4j.runtime.ErrorText;
import picocli.CommandLine.Command;
import org.ucspi4j.runtime.ErrorText;
import picocli.CommandLine.Option;
import org.ucspi4j.runtime.ErrorText;
import picocli.CommandLine.Parameters;

/**
 * {@code cdbget key [skip] < cdb}: the data of the first (or skip+1-th) record with that key, raw,
 * exit 100 if there is none (freecdb). {@code -n N} picks the N-th value (tinycdb's {@code cdb -q -n});
 * {@code -a} prints every value, each followed by a newline (tinycdb's {@code cdb -q}).
 */
@Command(name = "cdbget", description = "Look a key up in the cdb on stdin.")
final class CdbGetCommand implements Callable<Integer>, Program {
    private final Io io;

    @Parameters(index = "0", paramLabel = "key")
    String key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "skip")
    Long skip;

    @Option(names = "-n", paramLabel = "N", description = "print the N-th value (1 is the first)")
    Long nth;

    @Option(names = "-a", description = "print all values, one per line")
    boolean all;

    CdbGetCommand(Io io) {
        this.io = io;
    }

    @Override
    public String usage() {
        return "usage: cdbget key [skip]";
    }

    @Override
    public Integer call() throws IOException {
        if (skip != null && skip < 0 || nth != null && nth < 1) {
            io.err().println(usage());
            return 100;
        }
        byte[] k = key.getBytes(StandardCharsets.ISO_8859_1);
        try (CdbReader reader = CdbReader.open(StdinFile.path())) {
            if (all) {
                List<byte[]> values = reader.findAll(k);
                for (byte[] v : values) {
                    io.out().write(v);
                    io.out().write('\n');
                }
                return values.isEmpty() ? 100 : 0;
            }
            long skipped = nth != null ? nth - 1 : skip == null ? 0 : skip;
            Optional<byte[]> value = reader.find(k, skipped);
            if (value.isEmpty()) {
                return 100;
            }
            io.out().write(value.get());
            return 0;
        } catch (CdbFormatException e) {
            return fatal("unable to read input: protocol error");
        } catch (IOException e) {
            return fatal("unable to read input: " + ErrorText.of(e));
        }
    }

    private int fatal(String message) {
        io.err().println("cdbget: fatal: " + message);
        return 111;
    }
}
