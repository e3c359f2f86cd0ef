package org.ucspi4j.cli;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.ucspi4j.runtime.posix.ArgumentBytes;
import org.ucspi4j.runtime.posix.ErrorText;
import picocli.CommandLine;

/**
 * The one entry point of the jar: {@code java -jar ucspi4j.jar PROGRAM ARGS...}. The launchers in
 * {@code bin/} pass the name they were called by, so {@code bin/tcprules} runs {@code tcprules}.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals(AotTraining.SERVE)) {
            Runtime.getRuntime().halt(AotTraining.serve()); // the clients' training peer
        }
        if (args.length == 1 && args[0].startsWith("--aot-training")) {
            // ./mvnw package: the workload the AOT cache is trained on, ended as the tools end (below)
            Runtime.getRuntime().halt(AotTraining.run(args));
        }
        Io io = Io.system();
        String[] bytes = ArgumentBytes.latin1(args);
        int code = run(io, bytes);
        try {
            io.out().flush();
        } catch (IOException e) {
            code = code == 0 ? 111 : code;
        }
        Programs program = bytes.length > 0 ? Programs.named(bytes[0]) : null;
        if (program != null && program.kind().quickExit()) {
            // These tools have flushed their output, and their only shutdown hook (cdb's, for a temporary
            // file a signal interrupts) has nothing left to do: every file is installed or removed. System.exit would
            // first set up the JDK's System.Logger (to log the exit at debug level): some 300 classes,
            // a third of a small tcprules run's own start-up cost.
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(code);
        }
        System.exit(code);
    }

    /**
     * Runs {@code args[0]} with the remaining arguments; returns its exit code. Arguments are byte
     * strings (one char per byte, see {@link ArgumentBytes#latin1}).
     */
    public static int run(Io io, String... args) {
        if (args.length > 0 && args[0].equals("completion")) {
            return Completion.run(io, Arrays.copyOfRange(args, 1, args.length));
        }
        Programs program = args.length == 0 ? null : Programs.named(args[0]);
        if (program == null) {
            io.err().println(Completion.USAGE);
            io.err().println("ucspi4j: usage: ucspi4j PROGRAM [ARGS...]; programs: "
                    + String.join(" ", Arrays.stream(Programs.values()).map(Programs::programName).sorted().toList()));
            return 100;
        }
        Object command = program.command(io);
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (rest.length > 0 && rest[rest.length - 1].equals("--help")) {
            Object helped = Help.wanted(command, io, rest);
            if (helped != null) {
                return Help.print(helped, io);
            }
        }
        if (command instanceof ClientScript script) {
            return script.run(rest); // their arguments are positional, with sslclient options after
        }
        return execute(command, io, rest);
    }

    private static int fatal(Io io, String program, Exception e) {
        io.err().println(program + ": fatal: " + ErrorText.of(e));
        return 111;
    }

    /** Parses and runs one command the C way: a usage error prints the C usage line and exits 100. */
    static int execute(Object command, Io io, String[] args) {
        // A command line the C tool accepts runs without picocli, whose set-up (reflection over the
        // annotations, Java 5 class files the class data sharing cannot keep) would be most of a
        // short-lived tool's start-up time.
        if (command instanceof Program program && command instanceof Callable<?> callable
                && program.bindClassic(args)) {
            try {
                return (Integer) callable.call();
            } catch (Exception e) {
                return fatal(io, command.getClass().getAnnotation(CommandLine.Command.class).name(), e);
            }
        }
        CommandLine cl = commandLine(command, io);
        cl.setParameterExceptionHandler((ex, a) -> {
            Program program = (Program) ex.getCommandLine().getCommand();
            OptionNumbers.sayWhy(ex, io); // an Object there: see OptionNumbers.sayWhy
            io.err().println(program.usage());
            return program.usageExit();
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> fatal(io, c.getCommandName(), ex));
        return cl.execute(args);
    }

    /**
     * picocli set up as the C tools read their command lines: short options cluster, later options
     * win, getopt stops at the first argument where the program says so, and no {@code @file}
     * expansion (the C tools take {@code @x.cdb} as a file name like any other).
     */
    static CommandLine commandLine(Object command, Io io) {
        CommandLine cl = new CommandLine(command);
        if (command instanceof Program p) {
            for (Object subcommand : p.subcommands()) { // first: the settings below reach only those already added
                cl.addSubcommand(subcommand);
            }
        }
        cl.setOut(new java.io.PrintWriter(io.out(), true))
                .setErr(new java.io.PrintWriter(io.err(), true))
                .setPosixClusteredShortOptionsAllowed(true)
                .setUnmatchedOptionsArePositionalParams(false)
                .setOverwrittenOptionsAllowed(true)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExpandAtFiles(false);
        if (command instanceof Program p) {
            p.shape(cl.getCommandSpec());
        }
        if (command instanceof Program p && p.optionsEndAtFirstArgument()) {
            cl.setStopAtPositional(true);
        }
        return cl;
    }
}
