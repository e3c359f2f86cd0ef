package org.ucspi4j.runtime.ucspi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import javax.net.ssl.SSLSocket;
import org.ucspi4j.runtime.SslVariable;
import org.ucspi4j.runtime.UcspiTls;
import org.ucspi4j.runtime.posix.ErrorText;
import org.ucspi4j.runtime.posix.FdMap;
import org.ucspi4j.runtime.posix.Fds;
import org.ucspi4j.runtime.posix.PipeInput;
import org.ucspi4j.runtime.posix.Spawn;
import org.ucspi4j.runtime.posix.SpawnRequest;
import org.ucspi4j.runtime.posix.UnixSocketPair;
import org.ucspi4j.runtime.tls.TlsFailureText;

/**
 * How a UCSPI program starts, the same for sslserver and sslclient but for the fds: the server's
 * program reads the connection on 0 and writes it on 1, the client's on 6 and 7. Either it gets the
 * plaintext of a TLS session on two pipes there ({@link #withPipes}), or (UCSPI-TLS, sslserver
 * {@code -n}, sslclient {@code -y}) the raw connection, with the control socket on SSLCTLFD and the
 * pipes on SSLREADFD/SSLWRITEFD for when it asks for TLS ({@link #withConnection}).
 */
public final class ProgramLaunch {
    /** Which end of a connection the program is on. */
    public enum Side {
        /** sslserver: fds 0 and 1, stderr the server's; the relay ends when the program is done. */
        SERVER(0, 1, FdMap.empty().inherit(2), false, Thread.ofVirtual().name("relay-in").factory()),
        /**
         * sslclient: fds 6 and 7, fds 0-2 the client's own; the relay delivers the server's answer
         * after the program is done, and reads on a platform thread (a virtual thread's socket read
         * starts the JDK's poller, which then holds the client's exit for 300 ms).
         */
        CLIENT(6, 7, FdMap.empty().inherit(0).inherit(1).inherit(2), true,
                Thread.ofPlatform().daemon().name("relay-in").factory());

        final int readFd;
        final int writeFd;
        final FdMap standard;
        final boolean halfClose;
        final ThreadFactory inbound;

        Side(int readFd, int writeFd, FdMap standard, boolean halfClose, ThreadFactory inbound) {
            this.readFd = readFd;
            this.writeFd = writeFd;
            this.standard = standard;
            this.halfClose = halfClose;
            this.inbound = inbound;
        }
    }

    private final Side side;
    private final byte[][] argv;

    public ProgramLaunch(Side side, byte[][] argv) {
        this.side = side;
        this.argv = argv.clone();
    }

    /** The program's name for messages ({@code unable to run NAME: ...}). */
    public String name() {
        return new String(argv[0], StandardCharsets.ISO_8859_1);
    }

    /** Starts the program on the plaintext of a TLS session: two pipes at its read and write fds. */
    public Piped withPipes(byte[][] envp) throws LaunchFailure {
        Pipe toProgram;
        Pipe fromProgram;
        try {
            toProgram = Pipe.open();
        } catch (IOException e) {
            throw LaunchFailure.pipe(e);
        }
        try {
            fromProgram = Pipe.open();
        } catch (IOException e) {
            closeAll(toProgram.source(), toProgram.sink());
            throw LaunchFailure.pipe(e);
        }
        try {
            FdMap fds = side.standard.with(side.readFd, Fds.fdOf(toProgram.source()))
                    .with(side.writeFd, Fds.fdOf(fromProgram.sink()));
            RunningProgram program = new RunningProgram(Spawn.start(new SpawnRequest(argv, envp, fds)));
            return new Piped(side, program, Channels.newOutputStream(toProgram.sink()),
                    new PipeInput(fromProgram.source()));
        } catch (IOException e) {
            closeAll(toProgram.sink(), fromProgram.source());
            throw LaunchFailure.run(name(), e);
        } catch (RuntimeException e) {
            closeAll(toProgram.sink(), fromProgram.source());
            throw e;
        } finally {
            // the child has its copies now (or none); ours would keep the pipes from ending
            closeAll(toProgram.source(), fromProgram.sink());
        }
    }

    /**
     * UCSPI-TLS: starts the program on the raw connection ({@code connectionFd} at its read and write
     * fds), with the control socket and the pipes TLS will use later; {@code envp} should hold
     * {@link UcspiTls#variables()}.
     */
    public Delayed withConnection(int connectionFd, byte[][] envp) throws LaunchFailure {
        UnixSocketPair control;
        try {
            control = UnixSocketPair.open();
        } catch (IOException e) {
            throw LaunchFailure.pipe(e);
        }
        Pipe toProgram = null;
        Pipe fromProgram = null;
        try {
            try {
                toProgram = Pipe.open();
                fromProgram = Pipe.open();
            } catch (IOException e) {
                throw LaunchFailure.pipe(e);
            }
            FdMap fds = side.standard.with(side.readFd, connectionFd).with(side.writeFd, connectionFd)
                    .with(UcspiTls.READ_FD, Fds.fdOf(toProgram.source()))
                    .with(UcspiTls.WRITE_FD, Fds.fdOf(fromProgram.sink()))
                    .with(UcspiTls.CONTROL_FD, control.secondFd());
            RunningProgram program = new RunningProgram(Spawn.start(new SpawnRequest(argv, envp, fds)));
            return new Delayed(new Piped(side, program, Channels.newOutputStream(toProgram.sink()),
                    new PipeInput(fromProgram.source())), control);
        } catch (LaunchFailure e) {
            closeAll(control.first(), toProgram == null ? null : toProgram.sink());
            throw e;
        } catch (IOException e) {
            closeAll(control.first(), toProgram.sink(), fromProgram.source());
            throw LaunchFailure.run(name(), e);
        } catch (RuntimeException e) {
            closeAll(control.first(), toProgram.sink(), fromProgram.source());
            throw e;
        } finally {
            closeAll(control.second(), toProgram == null ? null : toProgram.source(),
                    fromProgram == null ? null : fromProgram.sink());
        }
    }

    /** Why a program did not start, in the C tools' words ({@code unable to run NAME: ...}). */
    public static final class LaunchFailure extends IOException {
        private LaunchFailure(String message, IOException cause) {
            super(message, cause);
        }

        static LaunchFailure pipe(IOException cause) {
            return new LaunchFailure("unable to create pipe: " + ErrorText.of(cause), cause);
        }

        static LaunchFailure run(String program, IOException cause) {
            return new LaunchFailure("unable to run " + program + ": " + ErrorText.of(cause), cause);
        }
    }

    /** A program started on the pipes of a TLS session, ready to be relayed. */
    public record Piped(Side side, RunningProgram program, OutputStream toProgram, InputStream fromProgram) {
        /**
         * Relays {@code ssl} and the program's pipes until the session ends ({@code banner} first, when
         * not empty), then closes all three; the program's exit is the caller's to collect.
         */
        public Relay.Outcome relay(SSLSocket ssl, byte[] banner, Duration idle) {
            try {
                OutputStream toPeer = ssl.getOutputStream();
                if (banner.length > 0) {
                    toPeer.write(banner);
                    toPeer.flush();
                }
                return new Relay(ssl, ssl.getInputStream(), toPeer, toProgram, fromProgram, idle, side.halfClose,
                        side.inbound).run();
            } catch (IOException e) {
                return new Relay.Outcome(Relay.End.ERROR, TlsFailureText.session(e));
            } finally {
                closeAll(ssl, toProgram, fromProgram);
            }
        }

        /** Closes the pipes without a session (TLS never started). */
        public void closePipes() {
            closeAll(toProgram, fromProgram);
        }
    }

    /** A UCSPI-TLS program on the raw connection, and the control socket it asks for TLS on. */
    public record Delayed(Piped piped, UnixSocketPair control) {
        /** Waits for the program's request: {@code y}, {@code Y}, or anything else for none (-1: EOF). */
        public int awaitCommand() {
            return UcspiTls.readCommand(control.first());
        }

        /** Answers {@code Y} with the session's variables; false when the program is gone. */
        public boolean sendVariables(List<SslVariable> vars) {
            return UcspiTls.sendVariables(control.first(), vars);
        }

        /** Closes the control socket: the program has its answer, or TLS will not start. */
        public void closeControl() {
            closeAll(control.first());
        }
    }

    static void closeAll(AutoCloseable... closeables) {
        for (AutoCloseable c : closeables) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // nothing more to do with it
            }
        }
    }
}
