package org.ucspi4j.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * {@code --help} for the programs whose C ancestors had none (tcprules and its subcommands,
 * tcprulescheck, the cdb tools, sslcat, sslconnect, https@): the C usage line, then the options
 * described, on stdout, exit 0. The programs with a picocli {@code --help} of their own keep it.
 * Only a lone {@code --help} asks for it (after the subcommand for tcprules' subcommands).
 */
final class Help {
    private Help() {}

    /** The command {@code args} ask help of, or null when they do not ask for help (or it has its own). */
    static Object wanted(Object command, Io io, String[] args) {
        boolean lone = args.length == 1 && args[0].equals("--help");
        boolean ofSubcommand = args.length == 2 && args[1].equals("--help") && command instanceof TcpRulesCommand;
        if (!lone && !ofSubcommand) {
            return null;
        }
        if (command instanceof ClientScript) {
            return command;
        }
        CommandLine cl = Main.commandLine(command, io);
        if (ofSubcommand) {
            cl = cl.getSubcommands().get(args[0]);
            if (cl == null) {
                return null;
            }
        }
        return cl.getCommandSpec().optionsMap().containsKey("--help") ? null : cl.getCommand();
    }

    /** Prints the help of {@code command}; returns the exit code, 0. */
    static int print(Object command, Io io) {
        PrintStream out = new PrintStream(io.out(), false, StandardCharsets.ISO_8859_1);
        out.println(((Program) command).usage().stripTrailing());
        if (command instanceof ClientScript) {
            out.println();
            out.println("Options are sslclient's (see sslclient --help), before or after host: they go to sslclient.");
            out.flush();
            return 0;
        }
        // the C usage line stands for picocli's synopsis; then what picocli knows of the rest
        CommandLine.Help help = Main.commandLine(command, io).getHelp();
        out.println();
        out.print(help.description());
        out.print(help.parameterList());
        out.print(help.optionList());
        out.flush();
        return 0;
    }
}
