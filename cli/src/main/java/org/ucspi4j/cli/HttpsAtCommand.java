package org.ucspi4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code https@ host [path [port [opts]]]}: GET https://host:port/path and print the body (what
 * follows the first empty line of the reply), CRs removed as delcr does.
 */
final class HttpsAtCommand extends ClientScript {
    private String host = "0";
    private String path = "";
    private String port = "443";

    HttpsAtCommand(Io io) {
        super(io, "https@", "443", "-RHl0");
    }

    @Override
    public String usage() {
        return "https@: usage: https@ host [ path [ port [ sslclient-options ] ] ]";
    }

    @Override
    int run(String[] args) {
        if (args.length == 0) {
            io.err().println(usage());
            return 100;
        }
        host = args[0];
        return super.run(args);
    }

    @Override
    List<String> positional(List<String> rest) {
        List<String> p = super.positional(rest);
        if (!p.isEmpty()) {
            path = p.remove(0);
        }
        if (!p.isEmpty()) {
            port = p.get(0);
        }
        return p;
    }

    @Override
    int positionals() {
        return 2;
    }

    @Override
    int talk(InputStream fromServer, OutputStream toServer) throws IOException {
        String p = path.startsWith("/") ? path.substring(1) : path;
        String request = "GET /" + p + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n";
        toServer.write(request.getBytes(StandardCharsets.ISO_8859_1));
        toServer.flush();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean inBody = false;
        byte[] buf = new byte[8192];
        for (int n; (n = fromServer.read(buf)) >= 0; ) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\r') {
                    continue;
                }
                if (inBody) {
                    io.out().write(b);
                    continue;
                }
                if (b == '\n') {
                    inBody = line.size() == 0;
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }
        io.out().flush();
        return 0;
    }
}
