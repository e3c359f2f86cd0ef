package org.ucspi4j.runtime.posix;

/**
 * A child's wait status exactly as waitpid reported it. The server logs it raw (tcpserver's
 * {@code end 1234 status 25600} for {@code exit 100}), so the raw value is the data and the rest are
 * the W* macros of Linux.
 *
 * @param raw the int waitpid stored
 */
public record ExitStatus(int raw) {

    /** A status for a normal exit with {@code code} (0..255). */
    public static ExitStatus ofExit(int code) {
        return new ExitStatus((code & 0xff) << 8);
    }

    /** A status for death by {@code signal}, without a core dump. */
    public static ExitStatus ofSignal(int signal) {
        return new ExitStatus(signal & 0x7f);
    }

    /** WIFEXITED. */
    public boolean exited() {
        return (raw & 0x7f) == 0;
    }

    /** WEXITSTATUS; meaningful when {@link #exited()}. */
    public int exitCode() {
        return (raw >> 8) & 0xff;
    }

    /** WIFSIGNALED. */
    public boolean signaled() {
        int low = raw & 0x7f;
        return low != 0 && low != 0x7f;
    }

    /** WTERMSIG; meaningful when {@link #signaled()}. */
    public int signal() {
        return raw & 0x7f;
    }

    /** WCOREDUMP. */
    public boolean coreDumped() {
        return signaled() && (raw & 0x80) != 0;
    }

    @Override
    public String toString() {
        if (exited()) {
            return "exit " + exitCode() + " (status " + raw + ")";
        }
        if (signaled()) {
            return "signal " + signal() + (coreDumped() ? ", core dumped" : "") + " (status " + raw + ")";
        }
        return "status " + raw;
    }
}
