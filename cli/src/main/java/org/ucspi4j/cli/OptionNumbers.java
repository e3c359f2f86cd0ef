package org.ucspi4j.cli;

import org.ucspi4j.runtime.ucspi.Numbers;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * Numeric option arguments read strictly. The C servers read them with scan_ulong, so {@code -u nobody}
 * ran the program as root, {@code -u 65534x} as 65534, {@code -T abc} dropped every handshake at once.
 * Here each is a usage error (exit 100) that says what is wrong, raised while the command line is
 * read, before anything is bound.
 */
final class OptionNumbers {
    private OptionNumbers() {}

    /** The longest timeout or count taken: what an int holds. */
    static final long MAX = Integer.MAX_VALUE;

    /**
     * A usage error with its own message, printed before the usage line. Not a picocli exception: a
     * class whose superclass is picocli's is left out of the AOT cache, and a command that throws it
     * would then open the jar at every start (ShortToolStartupIT). picocli wraps it as the cause of its
     * own usage error, where {@link #sayWhy} finds it.
     */
    static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadValue(CommandSpec spec, String message) {
            super(message);
        }
    }

    /**
     * Prints a {@link BadValue}'s message (what is wrong) before the usage line. It takes an Object:
     * Main's handler calling a Throwable method on picocli's exception made the JVM check picocli's
     * class hierarchy when it linked Main from the AOT cache, which opened the jar at every start of
     * every short tool (ShortToolStartupIT).
     */
    static void sayWhy(Object usageError, Io io) {
        for (Throwable t = usageError instanceof Throwable u ? u : null; t != null; t = t.getCause()) {
            if (t instanceof BadValue bad) {
                io.err().println(bad.getMessage());
                return;
            }
        }
        // ucspi4j's own subcommands (tcprules lint, ...) have no C wording to keep: say what is wrong
        if (usageError instanceof CommandLine.ParameterException p && p.getCommandLine().getParent() != null) {
            io.err().println(p.getCommandLine().getParent().getCommandName() + " " + p.getCommandLine().getCommandName()
                    + ": " + p.getMessage());
        }
    }

    /** {@code option}'s argument, decimal digits from {@code min} to {@code max}. */
    static long number(CommandSpec spec, String option, String what, String text, long min, long max) {
        try {
            return Numbers.strict(text, min, max);
        } catch (NumberFormatException e) {
            throw new BadValue(spec, spec.name() + ": " + option + " " + what + " " + e.getMessage());
        }
    }

    /** A numeric uid or gid (as in C, names are not looked up: say so, with the way to write it). */
    static long id(CommandSpec spec, String option, String what, String text) {
        try {
            return Numbers.id(text);
        } catch (NumberFormatException e) {
            String hint = text.isEmpty() || !Character.isLetter(text.charAt(0)) ? ""
                    : " (ids are numbers, as in the C tools: " + option + " $(id -" + (what.equals("uid") ? "u" : "g")
                      + " " + text + "))";
            throw new BadValue(spec, spec.name() + ": " + option + " " + what + " " + e.getMessage() + hint);
        }
    }
}
