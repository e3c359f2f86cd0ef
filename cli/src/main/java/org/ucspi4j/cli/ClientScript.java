package org.ucspi4j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ucspi4j.runtime.client.ClientOptions;
import org.ucspi4j.runtime.client.SslClient;
import picocli.CommandLine;

/**
 * The shared shape of ucspi-ssl's helper scripts: {@code NAME [host [port [sslclient-opts]]]}, where
 * the options after host and port go to sslclient before them (as the scripts pass "$@"). The
 * "program" is a conversation inside the JVM, so ucspi-tcp's addcr, delcr and mconnect-io are not
 * needed.
 */
abstract class ClientScript implements Program {
    final Io io;
    private final String name;
    private final String defaultPort;
    private final String fixedOptions;

    ClientScript(Io io, String name, String defaultPort, String fixedOptions) {
        this.io = io;
        this.name = name;
        this.defaultPort = defaultPort;
        this.fixedOptions = fixedOptions;
    }

    /** Runs the script with its own arguments. */
    int run(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        String host = rest.isEmpty() ? "0" : rest.remove(0);
        List<String> scriptArgs = positional(rest);
        String port = scriptArgs.isEmpty() ? defaultPort : scriptArgs.remove(0);
        List<String> clientArgs = new ArrayList<>();
        clientArgs.add(fixedOptions);
        clientArgs.addAll(rest);
        clientArgs.add("--");
        clientArgs.add(host);
        clientArgs.add(port);
        clientArgs.add(name);
        SslClientCommand parsed = new SslClientCommand(io);
        try {
            String[] all = clientArgs.toArray(String[]::new);
            if (!parsed.bindClassic(all)) {
                parsed = new SslClientCommand(io);
                new CommandLine(parsed).setStopAtPositional(true).parseArgs(all);
            }
        } catch (RuntimeException e) {
            // Not "catch (ParameterException)": a handler type becomes a verification constraint
            // that the JVM checks when it links this class from the AOT cache, at every start of
            // every tool, and picocli's Java 5 classes are not in the cache: the check would open
            // the jar (about 10 ms of each tcprules run).
            if (!(e instanceof CommandLine.ParameterException)) {
                throw e;
            }
            io.err().println(usage());
            return 100;
        }
        ClientOptions o = parsed.options();
        return new SslClient("sslclient", io.env()).run(o, this::talk);
    }

    /** Leading non-option arguments the script itself takes (after host), removed from {@code rest}. */
    List<String> positional(List<String> rest) {
        List<String> out = new ArrayList<>();
        while (!rest.isEmpty() && !rest.get(0).startsWith("-") && out.size() < positionals()) {
            out.add(rest.remove(0));
        }
        return out;
    }

    /** How many arguments after host the script reads before the sslclient options (port: 1). */
    int positionals() {
        return 1;
    }

    abstract int talk(java.io.InputStream fromServer, java.io.OutputStream toServer) throws java.io.IOException;

    /** The server's data to stdout as it arrives (interactive use: no buffering across reads). */
    void copyToStdout(java.io.InputStream fromServer) throws java.io.IOException {
        byte[] buf = new byte[8192];
        for (int n; (n = fromServer.read(buf)) >= 0; ) {
            io.out().write(buf, 0, n);
            io.out().flush();
        }
    }
}
