package org.ucspi4j.runtime.posix;

import java.lang.foreign.MemorySegment;

/** Linux error numbers the runtime reacts to, and their names and texts from glibc. */
public final class Errno {
    private Errno() {}

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int ENOEXEC = 8;
    public static final int EBADF = 9;
    public static final int ECHILD = 10;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int ENODEV = 19;
    public static final int ENOTDIR = 20;
    public static final int EINVAL = 22;
    public static final int EMFILE = 24;
    public static final int ERANGE = 34;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOTSOCK = 88;
    public static final int ESTALE = 116;
    public static final int ETIMEDOUT = 110;

    /** glibc's description, e.g. "No such file or directory" (strerrordesc_np: the C locale's text). */
    public static String describe(int errno) {
        String text = string(Libc.ErrorTexts.STRERRORDESC_NP, errno);
        return text != null ? text : "Unknown error " + errno;
    }

    /** The symbolic name, e.g. "ENOENT", or "E" + the number if glibc has none. */
    public static String name(int errno) {
        String text = string(Libc.ErrorTexts.STRERRORNAME_NP, errno);
        return text != null ? text : "E" + errno;
    }

    private static String string(java.lang.invoke.MethodHandle function, int errno) {
        MemorySegment s;
        try {
            s = (MemorySegment) function.invokeExact(errno);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
        return s.address() == 0 ? null : s.getString(0);
    }
}
