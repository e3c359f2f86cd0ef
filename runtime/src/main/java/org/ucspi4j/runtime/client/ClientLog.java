package org.ucspi4j.runtime.client;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.ucspi4j.runtime.ucspi.LogText;

/**
 * sslclient's messages in ucspi-ssl 0.13's form ({@code sslclient: error: (110) ...}): 0 prints
 * nothing, 1 errors, 2 also the connection line.
 */
final class ClientLog {
    private final String who;
    private final int verbosity;
    private final OutputStream err;

    public ClientLog(String who, int verbosity, OutputStream err) {
        this.who = who;
        this.verbosity = verbosity;
        this.err = err;
    }

    public static ClientLog stderr(String who, int verbosity) {
        return new ClientLog(who, verbosity, new FileOutputStream(FileDescriptor.err));
    }

    /** {@code fatal: (CODE) message}; the caller exits with CODE. */
    public void fatal(int code, String message) {
        say(1, who + ": fatal: (" + code + ") " + message);
    }

    /** {@code error: (CODE) message}; the caller exits with CODE. */
    public void error(int code, String message) {
        say(1, who + ": error: (" + code + ") " + message);
    }

    /** {@code drop: (CODE) message}; the caller exits with CODE. */
    public void drop(int code, String message) {
        say(1, who + ": drop: (" + code + ") " + message);
    }

    /** Why the error before it happened, in a line of its own: shown with the errors. */
    public void reason(String message) {
        say(1, who + ": " + message);
    }

    public void warning(String message) {
        say(1, who + ": warning: " + message);
    }

    /** A warning only {@code -v} shows: a setting the user chose on purpose. */
    public void verboseWarning(String message) {
        say(2, who + ": warning: " + message);
    }

    public void info(String message) {
        say(2, who + ": " + message);
    }

    private void say(int level, String line) {
        if (verbosity < level) {
            return;
        }
        try {
            err.write((LogText.oneLine(line) + "\n").getBytes(StandardCharsets.ISO_8859_1));
            err.flush();
        } catch (IOException e) {
            // stderr gone
        }
    }
}
