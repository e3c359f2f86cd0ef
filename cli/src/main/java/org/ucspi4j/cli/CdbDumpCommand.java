package org.ucspi4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.ucspi4j.cdb.CdbStreamReader;
import org.ucspi4j.cdb.CdbText;
import org.ucspi4j.runtime.posix.ArgumentBytes;
import org.ucspi4j.runtime.posix.ErrorText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cdbdump < cdb}: the records as cdbmake text, in file order. Reads front to back like
 * freecdb's, so it works on pipes and on records of any size. An optional file argument is read
 * instead of stdin (freecdb prints its usage line for any argument).
 */
@Command(name = "cdbdump", description = "Print a cdb's records as cdbmake text.")
final class CdbDumpCommand implements Callable<Integer>, Program {
    private final Io io;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "the cdb to print (default: the cdb on stdin)")
    String file;

    CdbDumpCommand(Io io) {
        this.io = io;
    }

    @Override
    public String usage() { // freecdb follows it with an empty line
        return "usage: cdbdump\n";
    }

    @Override
    public boolean bindClassic(String[] args) {
        return args.length == 0;
    }

    @Override
    public Integer call() {
        FreecdbOutput out = new FreecdbOutput(io.out());
        try (InputStream in = file == null ? io.in() : Files.newInputStream(ArgumentBytes.path(file))) {
            CdbStreamReader.stream(in, out);
        } catch (FreecdbOutput.WriteFailure e) {
            return fatal("unable to flush output: " + ErrorText.of(e.getCause()));
        } catch (CdbStreamReader.TruncatedException e) {
            return fatal("unable to read input: truncated file");
        } catch (IOException e) {
            return fatal("unable to read input: " + ErrorText.of(e));
        } // after a failure, Main still flushes what was dumped: freecdb prints it too
        try {
            CdbText.end(io.out());
            io.out().flush();
        } catch (IOException e) {
            return fatal("unable to flush output: " + ErrorText.of(e));
        }
        return 0;
    }

    private int fatal(String message) {
        io.err().println("cdbdump: fatal: " + message);
        return 111;
    }

    /**
     * Writes records as they stream by, in freecdb's pieces: the {@code +klen,dlen:} head once the
     * lengths are read, then key and data in whole 1024-byte units (the last unit of each when it is
     * complete), so that a truncated file dumps exactly the bytes freecdb's dump of it shows.
     */
    private static final class FreecdbOutput implements CdbStreamReader.Visitor {
        private static final int UNIT = 1024;
        private static final byte[] ARROW = {'-', '>'};
        private static final byte[] NEWLINE = {'\n'};

        private final OutputStream out;
        private final byte[] unit = new byte[UNIT];
        private int held;

        FreecdbOutput(OutputStream out) {
            this.out = out;
        }

        /** Output failed; freecdb reports every such failure as failing to flush. */
        static final class WriteFailure extends IOException {
            WriteFailure(IOException cause) {
                super(cause);
            }
        }

        @Override
        public void start(long keyLength, long dataLength) throws IOException {
            try {
                CdbText.writeHead(out, keyLength, dataLength);
            } catch (IOException e) {
                throw new WriteFailure(e);
            }
        }

        @Override
        public void key(byte[] bytes, int offset, int length) throws IOException {
            part(bytes, offset, length);
        }

        @Override
        public void keyEnd() throws IOException {
            endPart();
            write(ARROW, 0, 2);
        }

        @Override
        public void data(byte[] bytes, int offset, int length) throws IOException {
            part(bytes, offset, length);
        }

        @Override
        public void end() throws IOException {
            endPart();
            write(NEWLINE, 0, 1);
        }

        private void part(byte[] bytes, int offset, int length) throws IOException {
            int at = offset;
            int end = offset + length;
            if (held > 0) {
                int n = Math.min(UNIT - held, end - at);
                System.arraycopy(bytes, at, unit, held, n);
                held += n;
                at += n;
                if (held == UNIT) {
                    write(unit, 0, UNIT);
                    held = 0;
                }
            }
            int whole = (end - at) / UNIT * UNIT;
            write(bytes, at, whole);
            at += whole;
            System.arraycopy(bytes, at, unit, held, end - at);
            held += end - at;
        }

        private void endPart() throws IOException {
            write(unit, 0, held);
            held = 0;
        }

        private void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw new WriteFailure(e);
            }
        }
    }
}
