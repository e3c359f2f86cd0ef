package org.ucspi4j.runtime.server;

import java.util.List;
import javax.net.ssl.SSLSocket;
import org.ucspi4j.runtime.SslVariable;
import org.ucspi4j.runtime.UcspiTls;
import org.ucspi4j.runtime.tls.SslVariables;
import org.ucspi4j.runtime.ucspi.ProgramEnvironment;
import org.ucspi4j.runtime.ucspi.ProgramLaunch;
import org.ucspi4j.runtime.ucspi.Relay;
import org.ucspi4j.runtime.ucspi.RunningProgram;

/**
 * sslserver's service: after the handshake, run the program natively with plaintext pipes on fds 0
 * and 1 (fd 2 is the server's), relay, and report the program's exit status. The program starts
 * only once TLS is up, so a client that fails the handshake never runs it.
 */
final class ProgramService implements ConnectionService {
    private final ProgramLaunch launch;

    ProgramService(byte[][] argv) {
        this.launch = new ProgramLaunch(ProgramLaunch.Side.SERVER, argv);
    }

    @Override
    public int serve(ConnectionContext c) throws InterruptedException {
        SSLSocket ssl = c.handshake().orElse(null);
        if (ssl == null) {
            return ConnectionContext.DROPPED;
        }
        List<SslVariable> vars = c.exportedSslVariables(ssl);
        ProgramEnvironment env = c.takeEnvironment();
        env.all(UcspiTls.variables()); // set as the C server does; meaningful with -n only
        env.all(SslVariables.asEnvironment(vars));
        ProgramLaunch.Piped program;
        try {
            program = launch.withPipes(env.envp());
        } catch (ProgramLaunch.LaunchFailure e) {
            c.dropped(e.getMessage());
            closeQuietly(ssl);
            return ConnectionContext.DROPPED;
        }
        counted(c, program.program());
        c.accepted(vars);
        c.holdPeerClose(); // the client's close ends the program's input, not the program's answer
        int status = relayed(c, program.relay(ssl, c.banner(), c.idleTimeout()));
        if (status != 0) {
            // a TLS error or the -w timeout: the C server sends the program SIGTERM (a program that
            // hangs would otherwise outlive its session by as long as it likes)
            program.program().terminate();
            return status;
        }
        return endOf(program.program());
    }

    /** 0 when the relay ended normally, else the drop (logged) to report. */
    static int relayed(ConnectionContext c, Relay.Outcome outcome) {
        c.events().bytes(outcome.fromClient(), outcome.toClient());
        if (outcome.end() != Relay.End.DONE) {
            c.dropped("unable to speak SSL: " + outcome.problem());
            return ConnectionContext.DROPPED;
        }
        return 0;
    }

    /** A program started: running until its end, then counted by its status. */
    static void counted(ConnectionContext c, RunningProgram program) {
        ServerEvents events = c.events();
        events.programStarted();
        program.onExit().thenAccept(s -> events.programEnded(s.raw()));
    }

    /** The raw status of a program whose session is over (SIGTERM after a grace if it still runs). */
    static int endOf(RunningProgram program) throws InterruptedException {
        return program.endAfterSession().map(s -> s.raw()).orElse(ConnectionContext.DROPPED);
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception ignored) {
            // nothing more to do with it
        }
    }
}
