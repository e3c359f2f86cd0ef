package org.ucspi4j.runtime.posix;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * prctl(PR_SET_DUMPABLE / PR_GET_DUMPABLE) on a downcall of its own. A server sets it before it reads
 * its key, early in its start; going through {@link Libc} there would link all of Libc's downcalls
 * while the JVM is coldest, which made the first connection after a start 160 ms later
 * (bench/server-start.sh).
 */
@SuppressWarnings("restricted") // a native call is the point
final class DumpableFlag {
    private DumpableFlag() {}

    private static final int PR_GET_DUMPABLE = 3;
    private static final int PR_SET_DUMPABLE = 4;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemoryLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle PRCTL = LINKER.downcallHandle(
            LINKER.defaultLookup().find("prctl").orElseThrow(() -> new UnsupportedOperationException("libc has no prctl()")),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(1));

    static void set(boolean dumpable) throws PosixException {
        call(PR_SET_DUMPABLE, dumpable ? 1 : 0);
    }

    static boolean get() throws PosixException {
        return call(PR_GET_DUMPABLE, 0) != 0;
    }

    private static int call(int option, long argument) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int result;
            try {
                result = (int) PRCTL.invokeExact(state, option, argument, 0L, 0L, 0L);
            } catch (Throwable t) {
                throw new IllegalStateException("prctl: unexpected", t);
            }
            if (result == -1) {
                throw new PosixException("prctl", (int) ERRNO.get(state, 0L));
            }
            return result;
        }
    }
}
