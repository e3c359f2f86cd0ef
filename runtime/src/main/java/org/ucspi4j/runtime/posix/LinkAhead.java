package org.ucspi4j.runtime.posix;

import java.lang.invoke.MethodHandle;

/**
 * Links the libc downcalls a client will need on a thread of its own, while the client's own thread
 * builds its TLS context, connects and shakes hands. Linking a group of downcalls generates and loads
 * classes, some 25-40 ms per group in a fresh JVM: done in line it came after the handshake, on
 * the way to spawning the program, and was a third of a one-connection sslclient's time; here it
 * runs on the second core. Nothing is called, only linked.
 */
public final class LinkAhead {
    private LinkAhead() {}

    /** Starts linking, the name lookups' first when the client will look names up; returns at once. */
    public static void forClient(boolean names) {
        Thread.ofPlatform().daemon().name("link-ahead").start(() -> {
            try {
                if (names) {
                    linked(Libc.Names.GETNAMEINFO);
                }
                linked(Libc.Children.WAITPID);
                linked(Libc.Spawning.POSIX_SPAWN);
                linked(Libc.Descriptors.CLOSE);
            } catch (LinkageError e) {
                // the client's own first use of the group reports it
            }
        });
    }

    private static void linked(MethodHandle handle) {
        assert handle != null;
    }
}
