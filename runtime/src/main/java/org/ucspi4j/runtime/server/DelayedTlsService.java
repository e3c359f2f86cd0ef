package org.ucspi4j.runtime.server;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.ucspi4j.runtime.ErrorText;
import org.ucspi4j.runtime.UcspiTls;
import org.ucspi4j.runtime.posix.PipeInput;
import org.ucspi4j.runtime.posix.Child;
import org.ucspi4j.runtime.posix.FdMap;
import org.ucspi4j.runtime.posix.Fds;
import org.ucspi4j.runtime.posix.Spawn;
import org.ucspi4j.runtime.posix.SpawnRequest;
import org.ucspi4j.runtime.posix.UnixSocketPair;
import org.ucspi4j.runtime.tls.SslVariable;

/**
 * sslserver {@code -n}, UCSPI-TLS: the program starts at once with the raw connection on fds 0 and 1
 * (a plaintext protocol first: SMTP, POP3, IMAP), the control socket on SSLCTLFD and two pipes on
 * SSLREADFD/SSLWRITEFD. Nothing here touches the connection until the program writes {@code y}
 * (start TLS) or {@code Y} (start TLS and send back the SSL_* variables as
 * {@code NAME=value\0...\0\0}); then the handshake runs on the connection and the session is relayed
 * between it and the two pipes. A program that ends without asking gets no TLS.
 */
public final class DelayedTlsService implements ConnectionService {
    private final byte[][] argv;

    public DelayedTlsService(byte[][] argv) {
        this.argv = argv.clone();
    }

    @Override
    public int serve(Session s) throws InterruptedException {
        ServerOptions o = s.options();
        if (!o.banner().isEmpty()) {
            try {
                writeAll(s, o.banner().getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                s.log().drop("unable to print banner: " + ErrorText.of(e));
                return Session.DROPPED;
            }
        }
        UnixSocketPair control;
        Pipe toProgram;
        Pipe fromProgram;
        try {
            control = UnixSocketPair.open();
            toProgram = Pipe.open();
            fromProgram = Pipe.open();
        } catch (IOException e) {
            s.log().drop("unable to create pipe: " + ErrorText.of(e));
            return Session.DROPPED;
        }
        Child child;
        try {
            int socket = Fds.fdOf(s.channel());
            FdMap fds = FdMap.empty().with(0, socket).with(1, socket).inherit(2)
                    .with(UcspiTls.READ_FD, Fds.fdOf(toProgram.source()))
                    .with(UcspiTls.WRITE_FD, Fds.fdOf(fromProgram.sink()))
                    .with(UcspiTls.CONTROL_FD, control.secondFd());
            ProgramEnvironment env = s.environment().all(UcspiTls.variables());
            child = Spawn.start(new SpawnRequest(argv, env.envp(), fds));
        } catch (IOException e) {
            s.log().drop("unable to run " + new String(argv[0], StandardCharsets.ISO_8859_1) + ": " + ErrorText.of(e));
            closeAll(control.first(), control.second(), toProgram.source(), toProgram.sink(), fromProgram.source(),
                    fromProgram.sink());
            return Session.DROPPED;
        } finally {
            Session.closeQuietly(control.second());
            Session.closeQuietly(toProgram.source());
            Session.closeQuietly(fromProgram.sink());
        }
        try {
            int command = UcspiTls.readCommand(control.first());
            if (!UcspiTls.startsTls(command)) {
                // EOF (the program is done without TLS) or an unknown byte: no TLS, as in C
                s.log().accept(s.id(), null);
                return ProgramService.exitOf(child);
            }
            SSLSocket ssl = s.handshake().orElse(null);
            if (ssl == null) {
                ProgramService.terminate(child);
                ProgramService.exitOf(child);
                return Session.DROPPED;
            }
            List<SslVariable> vars = List.of();
            if (UcspiTls.wantsVariables(command)) {
                vars = s.sslVariables(ssl);
                if (!UcspiTls.sendVariables(control.first(), vars)) {
                    s.log().drop("unable to write SSL environment");
                    Session.closeQuietly(ssl);
                    ProgramService.terminate(child);
                    ProgramService.exitOf(child);
                    return Session.DROPPED;
                }
            }
            s.log().accept(s.id(), Session.protocolAndCipher(vars));
            int status = ProgramService.relay(s, ssl, Channels.newOutputStream(toProgram.sink()),
                    new PipeInput(fromProgram.source()), false);
            int exit = ProgramService.exitOf(child);
            return status != 0 ? status : exit;
        } finally {
            closeAll(control.first(), toProgram.sink(), fromProgram.source());
        }
    }

    /** Writes to the raw connection without switching it to non-blocking (the program shares it). */
    private static void writeAll(Session s, byte[] bytes) throws IOException {
        Fds.writeFully(Fds.fdOf(s.channel()), bytes);
    }

    private static void closeAll(AutoCloseable... closeables) {
        for (AutoCloseable c : closeables) {
            Session.closeQuietly(c);
        }
    }
}
