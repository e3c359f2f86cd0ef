package org.ucspi4j.cli;

import picocli.CommandLine.Option;

/**
 * The options sslserver (with sslhandle and sslprint) and sslclient share letter for letter, default
 * and description (a picocli mixin). Each command keeps the letters they both have that mean or say
 * something else ({@code -v}, {@code -d}, {@code -h}, {@code -r}, {@code -6}, ...), and those that go
 * in a pair with one of them ({@code -4} with {@code -6}, {@code -D} with {@code -d}, {@code -R} with
 * {@code -r}); its louder {@code -v} (and sslserver's {@code -V}) set {@link #verbosity} too.
 */
final class CommonOptions {
    /** 0 {@code -q}, 1 {@code -Q} (default), louder by the command's own letters. */
    int verbosity = 1;
    boolean sslEnv;
    boolean tcpEnv;
    boolean passphraseFromFd3;

    @Option(names = "-3", description = "read the key passphrase from fd 3") void three(boolean b) { passphraseFromFd3 = true; }
    @Option(names = "-q", description = "no messages") void q(boolean b) { verbosity = 0; }
    @Option(names = "-Q", description = "error messages (default)") void bigQ(boolean b) { verbosity = 1; }
    @Option(names = "-s", description = "export the SSL_* variables") void s(boolean b) { sslEnv = true; }
    @Option(names = "-S", description = "no SSL_* variables (default)") void bigS(boolean b) { sslEnv = false; }
    @Option(names = "-e", description = "also set TCP* variables") void e(boolean b) { tcpEnv = true; }
    @Option(names = "-E", description = "no TCP* variables (default)") void bigE(boolean b) { tcpEnv = false; }

    /** The letters above, as getopt reads them (none takes an argument). */
    static final String LETTERS = "3qQsSeE";

    /** One of {@link #LETTERS}, as the annotated method for it does (the commands' getopt reading). */
    void flag(char letter) {
        switch (letter) {
            case '3' -> three(true);
            case 'q' -> q(true);
            case 'Q' -> bigQ(true);
            case 's' -> s(true);
            case 'S' -> bigS(true);
            case 'e' -> e(true);
            case 'E' -> bigE(true);
            default -> throw new IllegalArgumentException("not a common flag: " + letter);
        }
    }

    @Option(names = "--help", usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "show the version")
    boolean version;
}
