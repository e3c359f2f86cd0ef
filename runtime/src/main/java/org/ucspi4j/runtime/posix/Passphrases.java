package org.ucspi4j.runtime.posix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.ucspi4j.runtime.posix.Errno;
import org.ucspi4j.runtime.posix.Fds;
import org.ucspi4j.runtime.posix.PosixException;

/**
 * The key passphrase of {@code -3}: read from fd 3 up to its NUL (not to end of file: the writer may
 * keep fd 3 open, as C's getln allows), then fd 3 is closed.
 */
public final class Passphrases {
    private Passphrases() {}

    /**
     * Set by the launcher when fd 3 was not open: the JVM would then have taken fd 3 for one of its
     * own files, and {@code -3} must fail instead of reading that.
     */
    public static final String FD3_CLOSED_PROPERTY = "ucspi4j.fd3.closed";

    public static byte[] fromFd3() throws IOException {
        if (Boolean.getBoolean(FD3_CLOSED_PROPERTY)) {
            throw new PosixException("read", Errno.EBADF);
        }
        ByteArrayOutputStream pw = new ByteArrayOutputStream();
        try (InputStream in = Fds.inputStream(3)) {
            for (int c; (c = in.read()) > 0; ) {
                pw.write(c);
            }
        }
        return pw.toByteArray();
    }
}
