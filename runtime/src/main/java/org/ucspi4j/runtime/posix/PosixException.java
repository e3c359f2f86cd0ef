package org.ucspi4j.runtime.posix;

import java.io.IOException;

/**
 * A failed libc call: the function, the error number and glibc's text for it. The message reads
 * {@code "posix_spawn /no/such: No such file or directory (ENOENT)"}; callers that print DJB-style
 * messages use {@link #errno()} and {@link #description()} instead.
 */
public class PosixException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String function;
    private final int errno;
    private final String subject;

    public PosixException(String function, int errno) {
        this(function, errno, null);
    }

    /** {@code subject} (a path, a pid, ...) is put after the function name in the message. */
    public PosixException(String function, int errno, String subject) {
        this.function = function;
        this.errno = errno;
        this.subject = subject;
    }

    /** Made when asked for: glibc's texts are two downcalls, linked on first use, which a caught one never needs. */
    @Override
    public String getMessage() {
        return (subject == null ? function : function + " " + subject) + ": " + Errno.describe(errno)
                + " (" + Errno.name(errno) + ")";
    }

    /** The libc function that failed. */
    public String function() {
        return function;
    }

    /** The error number (errno, or the value a posix_spawn-style function returned). */
    public int errno() {
        return errno;
    }

    /** glibc's text for the error number, as strerror gives it in the C locale. */
    public String description() {
        return Errno.describe(errno);
    }
}
