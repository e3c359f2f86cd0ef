package org.ucspi4j.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ucspi4j.lookup.Dialect;

/**
 * The usual command line of a tcprules subcommand, read without picocli (see
 * {@link Program#bindClassic}): long options as {@code --name=value} (value not empty) or
 * {@code --flag}, each at most once, anywhere among the positionals, none of which starts with
 * '-'. Any other shape (a value after a blank, a short option, "--", "-", help) is left to picocli,
 * which reads it the same way or says what is wrong.
 */
final class PlainOptions {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positionals = new ArrayList<>();

    /** A tcprules subcommand that reads its usual command lines itself. */
    interface Subcommand extends Callable<Integer> {
        /** Binds {@code args[from..]} (what follows the subcommand's name) if they have the usual shape. */
        boolean bindClassic(TcpRulesCommand parent, String[] args, int from);
    }

    private PlainOptions() {}

    /**
     * {@code args[from..]}, with the options {@code valued} takes a value for and the {@code flags};
     * null for any other shape.
     */
    static PlainOptions read(String[] args, int from, Set<String> valued, Set<String> flags) {
        PlainOptions o = new PlainOptions();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-")) {
                o.positionals.add(a);
                continue;
            }
            int equals = a.indexOf('=');
            String name = equals < 0 ? a : a.substring(0, equals);
            if (o.values.containsKey(name) || o.flags.contains(name)) {
                return null;
            }
            if (equals < 0 && flags.contains(name)) {
                o.flags.add(name);
            } else if (equals > 0 && equals < a.length() - 1 && valued.contains(name)) {
                o.values.put(name, a.substring(equals + 1));
            } else {
                return null;
            }
        }
        return o;
    }

    List<String> positionals() {
        return positionals;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    /** The option's value; null when not given. */
    String value(String name) {
        return values.get(name);
    }

    /**
     * The dialect named by option {@code name}; null when not given.
     *
     * @throws IllegalArgumentException when it names none
     */
    Dialect dialect(String name) {
        String v = values.get(name);
        return v == null ? null : Dialect.of(v);
    }

    /** {@code --dialect}, as the subcommands' mixin holds it; null when not a dialect's name. */
    InheritedDialect inheritedDialect() {
        InheritedDialect d = new InheritedDialect();
        try {
            d.dialect = dialect("--dialect");
        } catch (IllegalArgumentException e) {
            return null;
        }
        return d;
    }
}
