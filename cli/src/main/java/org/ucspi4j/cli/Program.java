package org.ucspi4j.cli;

/**
 * One C program's command. It knows its C usage line, printed (with exit 100) on any option or
 * argument error, as the C tools do.
 */
public interface Program {
    /** The usage line exactly as the C tool prints it, without the newline. */
    String usage();

    /** Whether options end at the first argument that is not one (getopt; sslserver's program args). */
    default boolean optionsEndAtFirstArgument() {
        return false;
    }

    /** Exit code for a usage error; 100 in every C tool here. */
    default int usageExit() {
        return 100;
    }
}
