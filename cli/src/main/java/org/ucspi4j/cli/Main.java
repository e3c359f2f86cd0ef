package org.ucspi4j.cli;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.ucspi4j.runtime.ArgumentBytes;
import picocli.CommandLine;

/**
 * The one entry point of the jar: {@code java -jar ucspi4j.jar PROGRAM ARGS...}. The launchers in
 * {@code bin/} pass the name they were called by, so {@code bin/tcprules} runs {@code tcprules}.
 */
public final class Main {
    private Main() {}

    /** The programs by name; each entry builds a fresh command around the given streams. */
    static final Map<String, Function<Io, Object>> PROGRAMS = programs();

    private static Map<String, Function<Io, Object>> programs() {
        Map<String, Function<Io, Object>> p = new TreeMap<>();
        p.put("cdbmake", CdbMakeCommand::new);
        p.put("cdbdump", CdbDumpCommand::new);
        p.put("cdbget", CdbGetCommand::new);
        p.put("cdbstats", CdbStatsCommand::new);
        p.put("tcprules", TcpRulesCommand::new);
        p.put("tcprulescheck", TcpRulesCheckCommand::new);
        return p;
    }

    public static void main(String[] args) throws java.io.IOException {
        if (args.length == 1 && args[0].equals("--aot-training")) {
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
        if (bytes.length > 0 && QUICK_EXIT.contains(bytes[0])) {
            // These tools register no shutdown hooks and have flushed their output. System.exit would
            // first set up the JDK's System.Logger (to log the exit at debug level): some 300 classes,
            // a third of a small tcprules run's own start-up cost.
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(code);
        }
        System.exit(code);
    }

    /** The programs that end with {@link Runtime#halt} (see {@link #main}). */
    private static final java.util.Set<String> QUICK_EXIT =
            java.util.Set.of("tcprules", "tcprulescheck", "cdbmake", "cdbdump", "cdbget", "cdbstats");

    /**
     * Runs {@code args[0]} with the remaining arguments; returns its exit code. Arguments are byte
     * strings (one char per byte, see {@link ArgumentBytes#latin1}).
     */
    public static int run(Io io, String... args) {
        if (args.length == 0 || !PROGRAMS.containsKey(args[0])) {
            io.err().println("ucspi4j: usage: ucspi4j PROGRAM [ARGS...]; programs: " + String.join(" ", PROGRAMS.keySet()));
            return 100;
        }
        Object command = PROGRAMS.get(args[0]).apply(io);
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (command instanceof PlainArguments plain && command instanceof Callable<?> callable && plain.takePlain(rest)) {
            return callPlain(args[0], callable, io);
        }
        return execute(command, io, rest);
    }

    /** Runs a command whose arguments it took itself, as picocli would run it (see {@link #execute}). */
    private static int callPlain(String name, Callable<?> command, Io io) {
        try {
            Object code = command.call();
            return code instanceof Integer i ? i : 0;
        } catch (Exception e) {
            io.err().println(name + ": fatal: " + ErrorText.of(e));
            return 111;
        }
    }

    /** Parses and runs one command the C way: a usage error prints the C usage line and exits 100. */
    static int execute(Object command, Io io, String[] args) {
        CommandLine cl = commandLine(command, io);
        cl.setParameterExceptionHandler((ex, a) -> {
            Program program = (Program) ex.getCommandLine().getCommand();
            io.err().println(program.usage());
            return program.usageExit();
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            io.err().println(c.getCommandName() + ": fatal: " + ErrorText.of(ex));
            return 111;
        });
        return cl.execute(args);
    }

    /**
     * picocli set up as the C tools read their command lines. No {@code @file} expansion: the C tools
     * take {@code @x.cdb} as a file name like any other.
     */
    static CommandLine commandLine(Object command, Io io) {
        return new CommandLine(command)
                .setOut(new java.io.PrintWriter(io.out(), true))
                .setErr(new java.io.PrintWriter(io.err(), true))
                .setPosixClusteredShortOptionsAllowed(true)
                .setUnmatchedOptionsArePositionalParams(false)
                .setOverwrittenOptionsAllowed(true)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExpandAtFiles(false);
    }
}
