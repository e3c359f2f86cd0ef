package org.ucspi4j.cli;

import org.ucspi4j.runtime.server.Numbers;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

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

    /** A usage error with its own message, printed before the usage line. */
    static final class BadValue extends ParameterException {
        BadValue(CommandSpec spec, String message) {
            super(spec.commandLine(), message);
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
