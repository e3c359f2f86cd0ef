package org.ucspi4j.runtime.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The system resolver (nsswitch: /etc/hosts, DNS) through getnameinfo/getaddrinfo. The JDK's
 * {@code InetAddress.getHostName()} always checks the name back against the address; the servers
 * need the raw PTR answer for {@code -h} and the check only for {@code -p}. These calls block: run
 * them on platform threads, never on a virtual thread's carrier.
 */
public final class NameService {
    private NameService() {}

    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int NI_NAMEREQD = 8;
    private static final int NI_MAXHOST = 1025;
    private static final int SOCK_STREAM = 1;

    /** The name the address resolves to (PTR or /etc/hosts), if any. {@code ip}: 4 or 16 bytes. */
    public static Optional<String> nameOf(byte[] ip) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = sockaddr(arena, ip);
            MemorySegment host = arena.allocate(NI_MAXHOST);
            int rc = (int) Libc.Names.GETNAMEINFO.invokeExact(sa, (int) sa.byteSize(), host, NI_MAXHOST,
                    MemorySegment.NULL, 0, NI_NAMEREQD);
            if (rc != 0) {
                return Optional.empty();
            }
            return Optional.of(host.getString(0, StandardCharsets.ISO_8859_1));
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** The addresses (4- or 16-byte) a name resolves to; empty if none or on failure. */
    public static List<byte[]> addressesOf(String name) {
        List<byte[]> out = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            // struct addrinfo hints: flags, family, socktype, protocol, addrlen, addr, canonname, next
            MemorySegment hints = arena.allocate(48);
            hints.set(JAVA_INT, 8, SOCK_STREAM);
            MemorySegment result = arena.allocate(ADDRESS);
            int rc = (int) Libc.Names.GETADDRINFO.invokeExact(arena.allocateFrom(name, StandardCharsets.ISO_8859_1),
                    MemorySegment.NULL, hints, result);
            if (rc != 0) {
                return out;
            }
            MemorySegment first = result.get(ADDRESS, 0);
            try {
                for (MemorySegment ai = first; !ai.equals(MemorySegment.NULL); ) {
                    MemorySegment info = ai.reinterpret(48);
                    int family = info.get(JAVA_INT, 4);
                    MemorySegment addr = info.get(ADDRESS, 24).reinterpret(28);
                    if (family == AF_INET) {
                        out.add(addr.asSlice(4, 4).toArray(JAVA_BYTE));
                    } else if (family == AF_INET6) {
                        out.add(addr.asSlice(8, 16).toArray(JAVA_BYTE));
                    }
                    ai = info.get(ADDRESS, 40);
                }
            } finally {
                Libc.Names.FREEADDRINFO.invokeExact(first);
            }
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
        return out;
    }

    private static MemorySegment sockaddr(Arena arena, byte[] ip) {
        if (ip.length == 4) {
            MemorySegment sa = arena.allocate(16);
            sa.set(JAVA_SHORT, 0, (short) AF_INET);
            MemorySegment.copy(ip, 0, sa, JAVA_BYTE, 4, 4);
            return sa;
        }
        if (ip.length == 16) {
            MemorySegment sa = arena.allocate(28);
            sa.set(JAVA_SHORT, 0, (short) AF_INET6);
            MemorySegment.copy(ip, 0, sa, JAVA_BYTE, 8, 16);
            return sa;
        }
        throw new IllegalArgumentException("an IP address is 4 or 16 bytes, not " + ip.length);
    }

    static {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException("NameService assumes a little-endian LP64 Linux");
        }
    }
}
