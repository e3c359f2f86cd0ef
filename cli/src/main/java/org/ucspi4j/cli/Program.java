package org.ucspi4j.cli;

/**
 * One C program's command. It knows its C usage line, printed (with exit 100) on any option or
 * argument error, as the C tools do.
 */
public interface Program {
    /** The usage text exactly as the C tool prints it, without the final newline. */
    String usage();

    /** Whether options end at the first argument that is not one (getopt; sslserver's program args). */
    default boolean optionsEndAtFirstArgument() {
        return false;
    }

    /** Exit code for a usage error; 100 in every C tool here. */
    default int usageExit() {
        return 100;
    }

    /**
     * Binds {@code args} the way the C tool reads them, if it accepts them: the C tools do no option
     * parsing, so for them "-x" or "--" is a plain file name or key. Returns false to leave the
     * arguments to picocli (the options the C tool lacks, or a usage error). This way every command
     * line the C tool accepts means the same here.
     */
    default boolean bindClassic(String[] args) {
        return false;
    }

    /** Fresh subcommands for picocli, added before the command line is read; none by default. */
    default java.util.List<Object> subcommands() {
        return java.util.List.of();
    }

    /** Adjusts what picocli was given by the annotations (a subclass's own arguments); nothing by default. */
    default void shape(picocli.CommandLine.Model.CommandSpec spec) {}
}
