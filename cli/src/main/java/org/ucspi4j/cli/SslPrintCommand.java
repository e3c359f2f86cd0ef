package org.ucspi4j.cli;

import org.ucspi4j.runtime.handle.ConnectionHandler;
import picocli.CommandLine.Command;

/**
 * {@code sslprint [opts] host port}: ucspi-ssl's sslprint, sslhandle serving every connection with
 * {@link SslPrint}. Its test suite and admins use it to see what a program would get.
 */
@Command(name = "sslprint", versionProvider = Versions.class,
        description = "Accept TLS connections and print each connection's variables to the client.")
final class SslPrintCommand extends SslHandleCommand {
    SslPrintCommand(Io io) {
        super(io);
    }

    @Override
    public String usage() {
        return "sslprint: usage: sslprint [ -1346UXpPhHrRoOdDqQvVIeEsSmzZaA ] [ -c limit ] [ -y iprules.cdb ]"
                + " [ -x rules.cdb ] [ -B banner ] [ -g gid ] [ -u uid ] [ -b backlog ] [ -l localname ]"
                + " [ -t timeout ] [ -I interface ] [ -T ssltimeout ] [ -w progtimeout ] [ -f lockfile ] host port";
    }

    @Override
    String handlerLabel() {
        return "ignored";
    }

    @Override
    String handlerDescription() {
        return "words after the port are ignored, as in C";
    }

    /** The words after host and port are the built-in handler's, which takes none: they are ignored, as in C. */
    @Override
    ConnectionHandler handler() {
        return new SslPrint();
    }
}
