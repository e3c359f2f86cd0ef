package org.ucspi4j.runtime.posix;

import java.lang.foreign.MemorySegment;

/** Socket options the JDK does not expose. */
public final class SocketTuning {
    private SocketTuning() {}

    private static final int IPPROTO_IP = 0;
    private static final int IP_OPTIONS = 4;

    /**
     * Clears IP options (source routes and the like) a client set on an IPv4 connection, as the C
     * servers do unless {@code -o}. Errors are ignored, as they are there (IPv6 sockets refuse it).
     */
    public static void killIpOptions(int fd) {
        try {
            Libc.check("setsockopt", state -> (int) Libc.Sockets.SETSOCKOPT.invokeExact(state, fd, IPPROTO_IP, IP_OPTIONS,
                    MemorySegment.NULL, 0));
        } catch (PosixException e) {
            // not an IPv4 socket, or nothing to clear
        }
    }
}
