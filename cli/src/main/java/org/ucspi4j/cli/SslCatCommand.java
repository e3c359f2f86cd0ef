package org.ucspi4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code sslcat [host [port [opts]]]}: print what the server sends (port 443), send nothing. */
final class SslCatCommand extends ClientScript {
    SslCatCommand(Io io) {
        super(io, "sslcat", "443", "-RHl0");
    }

    @Override
    public String usage() {
        return "sslcat: usage: sslcat [ host [ port [ sslclient-options ] ] ]";
    }

    @Override
    int talk(InputStream fromServer, OutputStream toServer) throws IOException {
        copyToStdout(fromServer);
        return 0;
    }
}
