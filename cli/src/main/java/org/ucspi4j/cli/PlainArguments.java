package org.ucspi4j.cli;

import org.ucspi4j.rules.Dialect;

/**
 * A command that can take the plain C command line itself, without picocli: a start that costs
 * more than the rest of a small tcprules run (picocli's classes are Java 5 class files, which the
 * JVM's class data sharing cannot keep). {@link #takePlain} accepts only what picocli would read
 * to the same field values ({@code PlainArgumentsTest} checks that against picocli); anything else
 * (an option other than a leading {@code --dialect=NAME}, too few arguments, an unknown dialect)
 * goes to picocli, which parses it or reports it.
 */
interface PlainArguments {
    /** Sets the fields from {@code args} and returns true, or returns false and changes nothing. */
    boolean takePlain(String[] args);

    /**
     * Splits {@code [--dialect=NAME] positional...} where no positional starts with '-': the
     * dialect (or {@code fallback}) and the index of the first positional, or null if the command
     * line has any other shape.
     */
    static Dialect dialect(String[] args, Dialect fallback, int[] firstPositional) {
        int at = 0;
        Dialect dialect = fallback;
        if (args.length > 0 && args[0].startsWith("--dialect=")) {
            try {
                dialect = Dialect.of(args[0].substring("--dialect=".length()));
            } catch (IllegalArgumentException e) {
                return null;
            }
            at = 1;
        }
        for (int i = at; i < args.length; i++) {
            if (args[i].startsWith("-")) {
                return null;
            }
        }
        firstPositional[0] = at;
        return dialect;
    }
}
