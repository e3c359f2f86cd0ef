package org.ucspi4j.runtime.server;

import java.io.IOException;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.ucspi4j.runtime.SslVariable;
import org.ucspi4j.runtime.UcspiTls;
import org.ucspi4j.runtime.posix.ErrorText;
import org.ucspi4j.runtime.posix.Fds;
import org.ucspi4j.runtime.ucspi.ProgramLaunch;

/**
 * sslserver {@code -n}, UCSPI-TLS: the program starts at once with the raw connection on fds 0 and 1
 * (a plaintext protocol first: SMTP, POP3, IMAP), the control socket on SSLCTLFD and two pipes on
 * SSLREADFD/SSLWRITEFD. Nothing here touches the connection until the program writes {@code y}
 * (start TLS) or {@code Y} (start TLS and send back the SSL_* variables as
 * {@code NAME=value\0...\0\0}); then the handshake runs on the connection and the session is relayed
 * between it and the two pipes. A program that ends without asking gets no TLS.
 */
final class DelayedTlsService implements ConnectionService {
    private final ProgramLaunch launch;

    DelayedTlsService(byte[][] argv) {
        this.launch = new ProgramLaunch(ProgramLaunch.Side.SERVER, argv);
    }

    @Override
    public int serve(ConnectionContext c) throws InterruptedException {
        int connection;
        try {
            connection = Fds.fdOf(c.channel());
        } catch (IOException e) {
            c.dropped("unable to run " + launch.name() + ": " + ErrorText.of(e));
            return ConnectionContext.DROPPED;
        }
        byte[] banner = c.banner();
        if (banner.length > 0) {
            try {
                // in clear, without switching the socket to non-blocking (the program shares it)
                Fds.writeFully(connection, banner);
            } catch (IOException e) {
                c.dropped("unable to print banner: " + ErrorText.of(e));
                return ConnectionContext.DROPPED;
            }
        }
        ProgramLaunch.Delayed program;
        try {
            program = launch.withConnection(connection, c.takeEnvironment().all(UcspiTls.variables()).envp());
        } catch (ProgramLaunch.LaunchFailure e) {
            c.dropped(e.getMessage());
            return ConnectionContext.DROPPED;
        }
        ProgramService.counted(c, program.piped().program());
        try {
            int command = program.awaitCommand();
            if (!UcspiTls.startsTls(command)) {
                // EOF (the program is done without TLS) or an unknown byte: no TLS, as in C
                c.accepted(List.of());
                program.piped().closePipes();
                return ProgramService.endOf(program.piped().program());
            }
            SSLSocket ssl = c.handshake().orElse(null);
            if (ssl == null) {
                program.piped().program().terminate();
                program.piped().closePipes();
                ProgramService.endOf(program.piped().program());
                return ConnectionContext.DROPPED;
            }
            List<SslVariable> vars = List.of();
            if (UcspiTls.wantsVariables(command)) {
                vars = c.sslVariables(ssl);
                if (!program.sendVariables(vars)) {
                    c.dropped("unable to write SSL environment");
                    ProgramService.closeQuietly(ssl);
                    program.piped().program().terminate();
                    program.piped().closePipes();
                    ProgramService.endOf(program.piped().program());
                    return ConnectionContext.DROPPED;
                }
            }
            c.accepted(vars);
            c.holdPeerClose();
            int status = ProgramService.relayed(c, program.piped().relay(ssl, new byte[0], c.idleTimeout()));
            int exit = ProgramService.endOf(program.piped().program());
            return status != 0 ? status : exit;
        } finally {
            program.closeControl();
        }
    }
}
