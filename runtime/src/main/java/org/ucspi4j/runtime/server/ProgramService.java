package org.ucspi4j.runtime.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLSocket;
import org.ucspi4j.runtime.ErrorText;
import org.ucspi4j.runtime.UcspiTls;
import org.ucspi4j.runtime.posix.PipeInput;
import org.ucspi4j.runtime.posix.Child;
import org.ucspi4j.runtime.posix.ExitStatus;
import org.ucspi4j.runtime.posix.FdMap;
import org.ucspi4j.runtime.posix.Fds;
import org.ucspi4j.runtime.posix.PosixException;
import org.ucspi4j.runtime.posix.Signals;
import org.ucspi4j.runtime.posix.Spawn;
import org.ucspi4j.runtime.posix.SpawnRequest;
import org.ucspi4j.runtime.tls.SslVariable;
import org.ucspi4j.runtime.tls.SslVariables;

/**
 * sslserver's service: after the handshake, run the program natively with plaintext pipes on fds 0
 * and 1 (fd 2 is the server's), relay, and report the program's exit status. The program starts
 * only once TLS is up, so a client that fails the handshake never runs it.
 */
public final class ProgramService implements ConnectionService {
    private final byte[][] argv;

    public ProgramService(byte[][] argv) {
        this.argv = argv.clone();
    }

    @Override
    public int serve(Session s) throws InterruptedException {
        SSLSocket ssl = s.handshake().orElse(null);
        if (ssl == null) {
            return Session.DROPPED;
        }
        ServerOptions o = s.options();
        List<SslVariable> vars = o.sslEnv() ? s.sslVariables(ssl) : List.of();
        ProgramEnvironment env = s.environment();
        env.all(UcspiTls.variables()); // set as the C server does; meaningful with -n only
        env.all(SslVariables.asEnvironment(vars));

        Pipe stdin;
        Pipe stdout;
        Child child;
        try {
            stdin = Pipe.open();
            stdout = Pipe.open();
        } catch (IOException e) {
            s.log().drop("unable to create pipe: " + ErrorText.of(e));
            Session.closeQuietly(ssl);
            return Session.DROPPED;
        }
        try {
            FdMap fds = FdMap.empty().with(0, Fds.fdOf(stdin.source())).with(1, Fds.fdOf(stdout.sink())).inherit(2);
            child = Spawn.start(new SpawnRequest(argv, env.envp(), fds));
        } catch (IOException e) {
            s.log().drop("unable to run " + new String(argv[0], StandardCharsets.ISO_8859_1) + ": " + ErrorText.of(e));
            closeAll(ssl, stdin.source(), stdin.sink(), stdout.source(), stdout.sink());
            return Session.DROPPED;
        } finally {
            // the child has its copies now (or none); ours would keep the pipes from ending
            Session.closeQuietly(stdin.source());
            Session.closeQuietly(stdout.sink());
            env = null;
            s.forgetEnvironment();
        }
        s.log().accept(s.id(), Session.protocolAndCipher(vars));
        int status;
        try {
            status = relay(s, ssl, Channels.newOutputStream(stdin.sink()), new PipeInput(stdout.source()),
                    true);
        } finally {
            closeAll(stdin.sink(), stdout.source());
        }
        if (status != 0) {
            // a TLS error or the -w timeout: the C server sends the program SIGTERM (a program that
            // hangs would otherwise outlive its session by as long as it likes)
            terminate(child);
            return status;
        }
        return exitOf(child);
    }

    /**
     * Relays the TLS session and the program's pipes (with the {@code -B} banner first when
     * {@code banner}); returns 0 when the session ended normally, else the status to report.
     */
    static int relay(Session s, SSLSocket ssl, OutputStream toProgram, InputStream fromProgram, boolean banner) {
        ServerOptions o = s.options();
        s.holdPeerClose(); // the client's close ends the program's input, not the program's answer
        try {
            OutputStream toClient = ssl.getOutputStream();
            if (banner && !o.banner().isEmpty()) {
                toClient.write(o.banner().getBytes(StandardCharsets.ISO_8859_1));
                toClient.flush();
            }
            Relay.Outcome outcome = new Relay(ssl, ssl.getInputStream(), toClient, toProgram, fromProgram,
                    o.idleTimeout()).run();
            if (outcome.end() != Relay.End.DONE) {
                s.log().drop("unable to speak SSL: " + outcome.problem());
                return Session.DROPPED;
            }
            return 0;
        } catch (IOException e) {
            s.log().drop("unable to speak SSL: " + Relay.describe(e));
            return Session.DROPPED;
        } finally {
            closeAll(ssl, toProgram, fromProgram);
        }
    }

    /** How long a program that closed its output may take to exit before it gets SIGTERM. */
    private static final java.time.Duration EXIT_GRACE = java.time.Duration.ofMillis(200);

    /**
     * The program's status. One still running when its session ended gets SIGTERM, as in C, after a
     * short grace (C checks at once; a program that closes its output just before exiting would
     * otherwise be killed by a race).
     */
    static int exitOf(Child child) throws InterruptedException {
        try {
            child.onExit().get(EXIT_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | ExecutionException e) {
            // still running (or unknown): as in C
        }
        if (child.running()) {
            try {
                child.signal(Signals.SIGTERM);
            } catch (PosixException e) {
                // it ended meanwhile
            }
        }
        try {
            ExitStatus status = child.onExit().get();
            return status.raw();
        } catch (ExecutionException e) {
            return Session.DROPPED;
        }
    }

    /** SIGTERM to a program whose connection failed, as the C server does. */
    static void terminate(Child child) {
        try {
            child.signal(Signals.SIGTERM);
        } catch (PosixException e) {
            // already gone
        }
    }


    private static void closeAll(AutoCloseable... closeables) {
        for (AutoCloseable c : closeables) {
            Session.closeQuietly(c);
        }
    }
}
