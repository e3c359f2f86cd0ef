package org.ucspi4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@code sslconnect [host [port [opts]]]}: an interactive TLS line client (port 465, SMTPS): stdin
 * to the server with each LF sent as CRLF, the server's data to stdout. The session ends when the
 * server closes; at the end of stdin the client stops sending and waits for the server.
 */
final class SslConnectCommand extends ClientScript {
    SslConnectCommand(Io io) {
        super(io, "sslconnect", "465", "-RHl0");
    }

    @Override
    public String usage() {
        return "sslconnect: usage: sslconnect [ host [ port [ sslclient-options ] ] ]";
    }

    @Override
    int talk(InputStream fromServer, OutputStream toServer) throws IOException {
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                byte[] buf = new byte[8192];
                byte[] out = new byte[2 * buf.length];
                for (int n; (n = io.in().read(buf)) >= 0; ) {
                    int o = 0;
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            out[o++] = '\r';
                        }
                        out[o++] = buf[i];
                    }
                    toServer.write(out, 0, o);
                    toServer.flush();
                }
            } catch (IOException e) {
                // the server went away; the reader side ends the session
            }
        });
        copyToStdout(fromServer);
        sender.interrupt();
        return 0;
    }
}
