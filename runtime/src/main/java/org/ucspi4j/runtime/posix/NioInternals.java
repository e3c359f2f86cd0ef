package org.ucspi4j.runtime.posix;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;

/**
 * The JDK internals this package needs, in one place. The JDK neither tells a channel's fd nor
 * makes a channel from an fd; both exist inside java.base and are reached with deep reflection,
 * which needs {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED} and
 * {@code --add-opens java.base/java.io=ALL-UNNAMED} (the runnable jar's manifest carries both).
 * Each handle is resolved on first use, so a missing flag only breaks what needs it, with a message
 * that names the flag.
 */
final class NioInternals {
    private NioInternals() {}

    /** sun.nio.ch.SelChImpl: implemented by the socket, server socket and pipe channels. */
    private static final class SelChImpl {
        static final Class<?> TYPE;
        static final MethodHandle GET_FD_VAL;

        static {
            try {
                TYPE = Class.forName("sun.nio.ch.SelChImpl");
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(TYPE, MethodHandles.lookup());
                GET_FD_VAL = lookup.findVirtual(TYPE, "getFDVal", MethodType.methodType(int.class))
                        .asType(MethodType.methodType(int.class, Object.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw unavailable("sun.nio.ch", e);
            }
        }
    }

    /** The private java.io.FileDescriptor(int) constructor. */
    private static final class FileDescriptors {
        static final MethodHandle NEW;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(FileDescriptor.class, MethodHandles.lookup());
                NEW = lookup.findConstructor(FileDescriptor.class, MethodType.methodType(void.class, int.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw unavailable("java.io", e);
            }
        }
    }

    /** The sun.nio.ch.SocketChannelImpl constructor that ServerSocketChannel.accept() uses for a new connection. */
    private static final class SocketChannels {
        static final MethodHandle NEW;

        static {
            try {
                Class<?> type = Class.forName("sun.nio.ch.SocketChannelImpl");
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                NEW = lookup.findConstructor(type, MethodType.methodType(void.class, SelectorProvider.class,
                                ProtocolFamily.class, FileDescriptor.class, SocketAddress.class))
                        .asType(MethodType.methodType(SocketChannel.class, SelectorProvider.class,
                                ProtocolFamily.class, FileDescriptor.class, SocketAddress.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw unavailable("sun.nio.ch", e);
            }
        }
    }

    /**
     * The sun.nio.ch.ServerSocketChannelImpl constructor for a socket that exists already, bound or
     * not, which System.inheritedChannel() uses for a listening socket on fd 0.
     */
    private static final class ServerSocketChannels {
        static final MethodHandle NEW;

        static {
            try {
                Class<?> type = Class.forName("sun.nio.ch.ServerSocketChannelImpl");
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                NEW = lookup.findConstructor(type, MethodType.methodType(void.class, SelectorProvider.class,
                                ProtocolFamily.class, FileDescriptor.class, boolean.class))
                        .asType(MethodType.methodType(ServerSocketChannel.class, SelectorProvider.class,
                                ProtocolFamily.class, FileDescriptor.class, boolean.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw unavailable("sun.nio.ch", e);
            }
        }
    }

    static boolean isSelectableChannel(Object channel) {
        return SelChImpl.TYPE.isInstance(channel);
    }

    static int fdVal(Object channel) {
        try {
            return (int) SelChImpl.GET_FD_VAL.invokeExact(channel);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static FileDescriptor fileDescriptor(int fd) {
        try {
            return (FileDescriptor) FileDescriptors.NEW.invokeExact(fd);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** A connected, blocking UNIX-domain SocketChannel that owns {@code fd} (closing it closes fd). */
    static SocketChannel unixSocketChannel(int fd) {
        FileDescriptor descriptor = fileDescriptor(fd);
        try {
            return (SocketChannel) SocketChannels.NEW.invokeExact(SelectorProvider.provider(),
                    (ProtocolFamily) StandardProtocolFamily.UNIX, descriptor,
                    (SocketAddress) UnixDomainSocketAddress.of(""));
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /**
     * A blocking ServerSocketChannel that owns {@code fd}, a bound and listening stream socket of
     * {@code family} (INET or INET6); closing the channel closes fd. The JDK reads the local address
     * from the socket. (JDK 25 takes the family from the system, IPv6 where available, whatever is
     * passed, as for an inherited channel: both socket families work under it.)
     */
    static ServerSocketChannel listeningSocketChannel(int fd, ProtocolFamily family) throws java.io.IOException {
        FileDescriptor descriptor = fileDescriptor(fd);
        try {
            return (ServerSocketChannel) ServerSocketChannels.NEW.invokeExact(SelectorProvider.provider(), family,
                    descriptor, true);
        } catch (java.io.IOException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    private static UnsupportedOperationException unavailable(String pkg, Exception cause) {
        return new UnsupportedOperationException("cannot reach the JDK's file descriptors: run java with"
                + " --add-opens java.base/" + pkg + "=ALL-UNNAMED (and --enable-native-access=ALL-UNNAMED)", cause);
    }
}
