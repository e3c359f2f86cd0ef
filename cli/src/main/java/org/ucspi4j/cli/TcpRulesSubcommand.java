package org.ucspi4j.cli;

/**
 * tcprules' subcommands, the one list of them, in the order its help shows them. {@link
 * TcpRulesCommand} reads a command line starting with one of these names itself, or hands it to
 * picocli with these subcommands; {@code bin/ucspi4j} gives them the rule tools' JVM flags and AOT
 * cache (ProgramsTest holds it to this list, and each name to its class's {@code @Command}).
 */
enum TcpRulesSubcommand {
    LINT("lint"),
    EXPLAIN("explain"),
    DECOMPILE("decompile"),
    MIGRATE("migrate"),
    TEST("test");

    private final String commandName;

    TcpRulesSubcommand(String commandName) {
        this.commandName = commandName;
    }

    /** The name that follows {@code tcprules} (and {@code --dialect=D}) on the command line. */
    String commandName() {
        return commandName;
    }

    /** A fresh command. (A switch, not a factory per constant: those would load every class at once.) */
    PlainOptions.Subcommand command() {
        return switch (this) {
            case LINT -> new TcpRulesLintCommand();
            case EXPLAIN -> new TcpRulesExplainCommand();
            case DECOMPILE -> new TcpRulesDecompileCommand();
            case MIGRATE -> new TcpRulesMigrateCommand();
            case TEST -> new TcpRulesTestCommand();
        };
    }

    /** The subcommand called {@code name}, or null. */
    static TcpRulesSubcommand named(String name) {
        for (TcpRulesSubcommand s : values()) {
            if (s.commandName.equals(name)) {
                return s;
            }
        }
        return null;
    }
}
