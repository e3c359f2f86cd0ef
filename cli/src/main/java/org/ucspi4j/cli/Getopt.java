package org.ucspi4j.cli;

/**
 * A C tool's short options as its getopt reads them, for the commands that bind their usual command
 * lines without picocli: letters cluster ({@code -vRHl0}), a letter that takes an argument takes the
 * rest of its word or the next word, options end at "--" or at the first word that is not one ("-"
 * included).
 */
final class Getopt {
    private Getopt() {}

    /** What the command does with each letter it was given. */
    interface Letters {
        void flag(char letter);

        void valued(char letter, String value);
    }

    /**
     * Reads the options of {@code args} into {@code to}; returns the index of the first operand, or -1
     * when the line is not a plain one (a long option, a letter in neither set, a missing argument),
     * which picocli is then left to read and report.
     */
    static int read(String[] args, String flags, String valued, Letters to) {
        int i = 0;
        for (; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return i + 1;
            }
            if (a.length() < 2 || a.charAt(0) != '-' || a.charAt(1) == '-') {
                return a.startsWith("--") ? -1 : i; // "--name": picocli's; "-" and the rest: operands
            }
            for (int j = 1; j < a.length(); j++) {
                char letter = a.charAt(j);
                if (flags.indexOf(letter) >= 0) {
                    to.flag(letter);
                } else if (valued.indexOf(letter) >= 0) {
                    String value;
                    if (j + 1 < a.length()) {
                        value = a.substring(j + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        return -1;
                    }
                    to.valued(letter, value);
                    break;
                } else {
                    return -1;
                }
            }
        }
        return i;
    }

    /**
     * Binds {@code args} to {@code command} if they are a plain command line with at least
     * {@code operands} operands after the options; returns the index of the first operand, or -1 with
     * {@code command} untouched. The line is read into {@code trial} (a fresh command) first, so that
     * a line declined halfway, or a letter whose argument its method refuses, leaves nothing set:
     * picocli then reads it from the start and says what is wrong.
     */
    static int bind(String[] args, String flags, String valued, int operands, Letters trial, Letters command) {
        int first;
        try {
            first = read(args, flags, valued, trial);
        } catch (RuntimeException e) { // a method refused its argument (a bad number)
            return -1;
        }
        if (first < 0 || args.length - first < operands) {
            return -1;
        }
        read(args, flags, valued, command);
        return first;
    }
}
