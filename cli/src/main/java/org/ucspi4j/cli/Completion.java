package org.ucspi4j.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * {@code ucspi4j completion [PROGRAM...]}: command-line completion for every program (or those named),
 * made by picocli's generator from the same option declarations that parse the command lines, so it
 * cannot drift from them. One script serves bash and zsh (it loads zsh's {@code bashcompinit} itself).
 * bash-completion loads a program's script by its name from {@code bash-completion/completions/}.
 * sslcat, sslconnect and https@ hand their options to sslclient: they complete sslclient's.
 */
final class Completion {
    static final String USAGE = "ucspi4j: usage: ucspi4j completion [ program ... ]";

    private Completion() {}

    static int run(Io io, String[] args) {
        List<Programs> programs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            Programs p = Programs.named(args[i]);
            if (p == null) {
                io.err().println("ucspi4j: completion: no program named " + args[i]);
                io.err().println(USAGE);
                return 100;
            }
            programs.add(p);
        }
        if (programs.isEmpty()) {
            programs = List.of(Programs.values());
        }
        PrintStream out = new PrintStream(io.out(), false, StandardCharsets.UTF_8);
        for (Programs p : programs) {
            out.print(bash(p, io));
        }
        out.flush();
        return 0;
    }

    /** The bash completion script of one program. */
    static String bash(Programs p, Io io) {
        Program command = p.command(io);
        CommandLine cl = command instanceof ClientScript
                ? Main.commandLine(Programs.SSLCLIENT.command(io), io).setCommandName(p.programName())
                : Main.commandLine(command, io);
        return AutoComplete.bash(p.programName(), cl);
    }
}
