package org.ucspi4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.ucspi4j.cdb.CdbFormatException;
import org.ucspi4j.cdb.CdbReader;
import org.ucspi4j.runtime.posix.ErrorText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cdbget key [skip] < cdb}: freecdb's cdbget. The data of the first (or skip+1-th) record with
 * that key, raw; exit 100 if there is none. The key must not be empty and skip must be digits, else
 * it is the usage line, as in freecdb.
 *
 * <p>tinycdb's query, {@code cdb -q [-m] [-n N] cdb key}, is here as {@code cdbget -a key} (every
 * value, back to back, as {@code cdb -q} prints them), {@code cdbget -n N key} (the N-th value) and
 * {@code -m} (a newline after each value). These options only take effect on command lines freecdb
 * refuses: {@code cdbget -a 5} still looks up the key "-a" and skips 5, as freecdb does; write
 * {@code cdbget -a -- 5} for the values of "5".
 */
@Command(name = "cdbget", description = "Look a key up in the cdb on stdin.")
final class CdbGetCommand implements Callable<Integer>, Program {
    /**
     * freecdb's stdout buffer. A larger value is written straight away, a smaller one at the final
     * flush, and freecdb's message on a failing stdout says which ("write" or "flush").
     */
    private static final int FREECDB_OUTPUT_BUFFER = 8192;

    private final Io io;

    @Parameters(index = "0", paramLabel = "key",
            description = "the key to look up")
    String key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "skip",
            description = "skip this many records of the key first")
    String skip;

    @Option(names = "-n", paramLabel = "N", description = "print the N-th value (1 is the first), as cdb -q -n N")
    Integer nth;

    @Option(names = "-a", description = "print every value, back to back, as cdb -q")
    boolean all;

    @Option(names = "-m", description = "print a newline after each value, as cdb -q -m")
    boolean lines;

    private boolean classic;

    CdbGetCommand(Io io) {
        this.io = io;
    }

    @Override
    public String usage() { // freecdb follows it with an empty line
        return "usage: cdbget key [skip]\n";
    }

    @Override
    public boolean bindClassic(String[] args) {
        if (args.length < 1 || args.length > 2 || args[0].isEmpty() || args.length == 2 && !digits(args[1])) {
            return false;
        }
        key = args[0];
        skip = args.length == 2 ? args[1] : null;
        classic = true;
        return true;
    }

    private static boolean digits(String s) { // "" too: freecdb reads it as 0
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** freecdb's skip: decimal, wrapping modulo 2^64 as a C unsigned long does. */
    private static long unsignedSkip(String s) {
        long value = 0;
        for (int i = 0; i < s.length(); i++) {
            value = value * 10 + (s.charAt(i) - '0');
        }
        return value;
    }

    @Override
    public Integer call() {
        // Not freecdb's form: only tinycdb's query options make sense of it, without a skip.
        boolean tinycdb = all || lines || nth != null;
        if (!classic && (!tinycdb || skip != null || all && nth != null || nth != null && nth < 1)) {
            io.err().println(usage());
            return usageExit();
        }
        byte[] k = key.getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> values;
        try (CdbReader reader = StdinFile.open(io)) {
            if (classic) {
                values = reader.find(k, skip == null ? 0 : unsignedSkip(skip)).map(List::of).orElse(List.of());
            } else if (nth != null) {
                values = reader.find(k, nth - 1L).map(List::of).orElse(List.of());
            } else {
                values = reader.findAll(k);
            }
        } catch (CdbFormatException e) {
            return fatal("unable to read input: protocol error");
        } catch (IOException e) {
            return fatal("unable to read input: " + ErrorText.of(e));
        }
        if (values.isEmpty()) {
            return 100;
        }
        try {
            boolean large = false;
            for (byte[] v : values) {
                io.out().write(v);
                if (lines) {
                    io.out().write('\n');
                }
                large |= v.length > FREECDB_OUTPUT_BUFFER;
            }
            if (large) {
                io.out().flush();
            }
        } catch (IOException e) {
            return fatal("unable to write output: " + ErrorText.of(e));
        }
        try {
            io.out().flush();
        } catch (IOException e) {
            return fatal("unable to flush output: " + ErrorText.of(e));
        }
        return 0;
    }

    private int fatal(String message) {
        io.err().println("cdbget: fatal: " + message);
        return 111;
    }
}
