package org.ucspi4j.cli;

import org.ucspi4j.lookup.Dialect;

/**
 * The plain command line of tcprules and tcprulescheck, read without picocli (see
 * {@link Program#bindClassic}): {@code [--dialect=NAME] positional...} where no positional starts
 * with '-'. Anything else goes to picocli, which parses it or reports it.
 */
final class DialectArgument {
    private DialectArgument() {}

    /** The dialect (or {@code fallback}), with the first positional's index in {@code firstPositional[0]}; null for any other shape. */
    static Dialect split(String[] args, Dialect fallback, int[] firstPositional) {
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
