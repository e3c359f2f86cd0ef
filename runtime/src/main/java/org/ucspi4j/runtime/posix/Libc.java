package org.ucspi4j.runtime.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;

/**
 * Downcall handles for the few glibc functions the JDK has no equivalent for, and thin wrappers
 * that turn a failed call into a {@link PosixException}. Everything is resolved when the class is
 * initialised, so a missing function (old glibc, musl, not Linux) fails once, with a clear message.
 *
 * <p>Functions that report failure through {@code errno} are linked with
 * {@code captureCallState("errno")}: the JVM itself may change errno between the call and any later
 * Java code, so it must be captured by the downcall. {@code posix_spawn*} and {@code get*nam_r}
 * return the error number instead and need no capture.
 */
@SuppressWarnings("restricted") // linking native functions is the point of this class
final class Libc {
    private Libc() {}

    // Linux x86_64 / aarch64 values (asm-generic and glibc agree on both).
    static final int F_OK = 0;
    static final int F_GETFD = 1;
    static final int F_GETFL = 3;
    static final int F_DUPFD_CLOEXEC = 1030;
    static final int F_SETFL = 4;
    static final int O_NONBLOCK = 0x800;
    static final int WNOHANG = 1;
    static final int EFD_CLOEXEC = 0x80000;
    static final int EFD_NONBLOCK = 0x800;
    static final int AF_UNIX = 1;
    static final int SOCK_STREAM = 1;
    static final int SOCK_CLOEXEC = 0x80000;
    static final short POLLIN = 0x1;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;
    static final int PR_SET_KEEPCAPS = 8;
    static final int PR_CAP_AMBIENT = 47;
    static final int PR_CAP_AMBIENT_RAISE = 2;
    static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;

    /**
     * Opaque sizes. glibc's sizeof(posix_spawn_file_actions_t) is 80 and sizeof(posix_spawnattr_t)
     * 336 on 64-bit Linux; sigset_t is 128 bytes. They are only ever touched through libc's own
     * init/add/set/destroy functions, so over-allocating costs nothing and guards against growth.
     */
    static final long FILE_ACTIONS_SIZE = 128;
    static final long SPAWNATTR_SIZE = 512;
    static final long SIGSET_SIZE = 128;

    /** struct pollfd: int fd; short events; short revents. */
    static final long POLLFD_SIZE = 8;

    private static final Linker LINKER;
    private static final StructLayout CAPTURE_LAYOUT;
    private static final VarHandle ERRNO;

    static {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")
                || !(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
            throw new UnsupportedOperationException("ucspi4j's native layer (posix_spawn, pidfd, setuid) needs"
                    + " 64-bit Linux with glibc 2.36 or later; this is " + os + " on " + arch);
        }
        LINKER = Linker.nativeLinker();
        CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
        ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        if (LINKER.defaultLookup().find("gnu_get_libc_version").isEmpty()) {
            throw new UnsupportedOperationException("ucspi4j's native layer needs glibc 2.36 or later (no glibc found)");
        }
    }

    static final long FIONREAD = 0x541B;

    // Each group of downcalls is linked when first used, not with this class: linking one is
    // generating and loading a class, some 5 ms each in a fresh JVM, and a short-lived client
    // needs a few of the groups only.

    /** Downcalls: posix_spawn and what it is given (these return an error number; access sets errno). */
    static final class Spawning {
        private Spawning() {}

        static final MethodHandle POSIX_SPAWN = plain("posix_spawn",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle FA_INIT = plain("posix_spawn_file_actions_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle FA_DESTROY = plain("posix_spawn_file_actions_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle FA_ADDDUP2 = plain("posix_spawn_file_actions_adddup2",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        static final MethodHandle FA_ADDCLOSE = plain("posix_spawn_file_actions_addclose",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle FA_ADDCLOSEFROM = plain("posix_spawn_file_actions_addclosefrom_np",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle ATTR_INIT = plain("posix_spawnattr_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle ATTR_DESTROY = plain("posix_spawnattr_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle ATTR_SETFLAGS = plain("posix_spawnattr_setflags",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
        static final MethodHandle ATTR_SETSIGMASK = plain("posix_spawnattr_setsigmask",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle ATTR_SETSIGDEFAULT = plain("posix_spawnattr_setsigdefault",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle SIGEMPTYSET = plain("sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle ACCESS = errno("access", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }

    /** Downcalls: waiting for children and signalling them (the child reaper). */
    static final class Children {
        private Children() {}

        static final MethodHandle WAITPID = errno("waitpid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle PIDFD_OPEN = errno("pidfd_open", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        static final MethodHandle PIDFD_SEND_SIGNAL = errno("pidfd_send_signal",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle POLL = errno("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
        static final MethodHandle EVENTFD = errno("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        static final MethodHandle READ = errno("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
        static final MethodHandle KILL = errno("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    /** Downcalls: signal dispositions. */
    static final class Dispositions {
        private Dispositions() {}

        // sighandler_t is a pointer: passed and returned as a long (SIG_DFL is 0, SIG_ERR -1)
        static final MethodHandle SIGNAL = errno("signal", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG));
    }

    /** Downcalls: file descriptors. */
    static final class Descriptors {
        private Descriptors() {}

        static final MethodHandle WRITE = errno("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
        static final MethodHandle CLOSE = errno("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        static final MethodHandle DUP2 = errno("dup2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        static final MethodHandle OPEN = errno("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT),
                Linker.Option.firstVariadicArg(2));
        // fcntl is variadic: F_GETFD/F_GETFL pass nothing after cmd, F_SETFL passes an int.
        static final MethodHandle FCNTL0 = errno("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT),
                Linker.Option.firstVariadicArg(2));
        static final MethodHandle FCNTL1 = errno("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
                Linker.Option.firstVariadicArg(2));
        // ioctl is variadic too; FIONREAD passes an int *.
        static final MethodHandle IOCTL_PTR = errno("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
                Linker.Option.firstVariadicArg(2));
    }

    /** Downcalls: socket options and socket pairs. */
    static final class Sockets {
        private Sockets() {}

        static final MethodHandle SOCKETPAIR = errno("socketpair",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        static final MethodHandle SETSOCKOPT = errno("setsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle GETSOCKOPT = errno("getsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }

    /** Downcalls: user and group ids, capabilities (the privilege drop). */
    static final class Ids {
        private Ids() {}

        static final MethodHandle SETGROUPS = errno("setgroups", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS));
        static final MethodHandle SETGID = errno("setgid", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        static final MethodHandle SETUID = errno("setuid", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        // prctl is variadic; every option used here passes four unsigned longs after it.
        static final MethodHandle PRCTL = errno("prctl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(1));
        // capset(2) changes the calling thread's capabilities only (the kernel keeps them per thread).
        static final MethodHandle CAPSET = errno("capset", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        // these cannot fail
        static final MethodHandle GETUID = plain("getuid", FunctionDescriptor.of(JAVA_INT));
        static final MethodHandle GETEUID = plain("geteuid", FunctionDescriptor.of(JAVA_INT));
        static final MethodHandle GETGID = plain("getgid", FunctionDescriptor.of(JAVA_INT));
        static final MethodHandle GETEGID = plain("getegid", FunctionDescriptor.of(JAVA_INT));
    }

    /** Downcalls: names (blocking: callers run them off virtual threads). */
    static final class Names {
        private Names() {}

        static final MethodHandle GETNAMEINFO = plain("getnameinfo",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        static final MethodHandle GETADDRINFO = plain("getaddrinfo",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle FREEADDRINFO = plain("freeaddrinfo", FunctionDescriptor.ofVoid(ADDRESS));
    }

    /** Downcalls: text for error numbers: the _np variants are thread-safe and locale-independent. */
    static final class ErrorTexts {
        private ErrorTexts() {}

        static final MethodHandle STRERRORDESC_NP = plain("strerrordesc_np",
                FunctionDescriptor.of(ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(4096, JAVA_BYTE)), JAVA_INT));
        static final MethodHandle STRERRORNAME_NP = plain("strerrorname_np",
                FunctionDescriptor.of(ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(64, JAVA_BYTE)), JAVA_INT));
    }

    private static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }

    private static MethodHandle errno(String name, FunctionDescriptor descriptor, Linker.Option... more) {
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(more, 0, options, 1, more.length);
        return LINKER.downcallHandle(symbol(name), descriptor, options);
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name).orElseThrow(() -> new UnsupportedOperationException(
                "libc has no " + name + "(): ucspi4j's native layer needs glibc 2.36 or later"));
    }

    /** A call linked with errno capture; {@code state} is the capture segment it must pass first. */
    @FunctionalInterface
    interface ErrnoCall {
        long invoke(MemorySegment state) throws Throwable;
    }

    /**
     * Runs {@code call} with a fresh errno capture segment; a result of -1 becomes a
     * {@link PosixException} named {@code function}.
     */
    static long check(String function, ErrnoCall call) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            long result = call.invoke(state);
            if (result == -1) {
                throw new PosixException(function, errno(state));
            }
            return result;
        } catch (PosixException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(function + ": unexpected", t);
        }
    }

    /**
     * Runs {@code call} with a fresh errno capture segment and returns 0, or the errno of a result of
     * -1: for calls whose failure is an answer, not an error (a PATH search's access()), where an
     * exception each time would cost its stack trace.
     */
    static int errnoOf(ErrnoCall call) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            return call.invoke(state) == -1 ? errno(state) : 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("unexpected", t);
        }
    }

    /** Like {@link #check} but retries while the call fails with EINTR. */
    static long checkRetrying(String function, ErrnoCall call) throws PosixException {
        while (true) {
            try {
                return check(function, call);
            } catch (PosixException e) {
                if (e.errno() != Errno.EINTR) {
                    throw e;
                }
            }
        }
    }

    /** Turns a non-zero returned error number into a {@link PosixException}. */
    static void checkReturned(String function, int error) throws PosixException {
        if (error != 0) {
            throw new PosixException(function, error);
        }
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** Wraps the Throwable of a plain invokeExact that cannot fail in a checked way. */
    static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** A NUL-terminated copy of {@code bytes}, which must not contain NUL themselves. */
    static MemorySegment cString(Arena arena, byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                throw new IllegalArgumentException("a C string cannot contain a NUL byte");
            }
        }
        MemorySegment s = arena.allocate(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, s, JAVA_BYTE, 0, bytes.length);
        s.set(JAVA_BYTE, bytes.length, (byte) 0);
        return s;
    }

    /** A NULL-terminated array of C strings, as argv and envp are. */
    static MemorySegment cStringArray(Arena arena, byte[][] strings) {
        MemorySegment array = arena.allocate(ADDRESS, strings.length + 1L);
        for (int i = 0; i < strings.length; i++) {
            array.setAtIndex(ADDRESS, i, cString(arena, strings[i]));
        }
        array.setAtIndex(ADDRESS, strings.length, MemorySegment.NULL);
        return array;
    }

    // --- small wrappers used by several classes

    static void close(int fd) throws PosixException {
        // No retry on EINTR: on Linux the fd is released even then, and a retry could close a reused number.
        check("close", state -> (int) Descriptors.CLOSE.invokeExact(state, fd));
    }

    static int fcntl(int fd, int cmd) throws PosixException {
        return (int) check("fcntl", state -> (int) Descriptors.FCNTL0.invokeExact(state, fd, cmd));
    }

    static int fcntl(int fd, int cmd, int arg) throws PosixException {
        return (int) check("fcntl", state -> (int) Descriptors.FCNTL1.invokeExact(state, fd, cmd, arg));
    }

    static int getuid() {
        try {
            return (int) Ids.GETUID.invokeExact();
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int geteuid() {
        try {
            return (int) Ids.GETEUID.invokeExact();
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int getgid() {
        try {
            return (int) Ids.GETGID.invokeExact();
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int getegid() {
        try {
            return (int) Ids.GETEGID.invokeExact();
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }
}
