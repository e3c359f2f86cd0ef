package org.ucspi4j.runtime.ucspi;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ucspi4j.runtime.posix.NameService;

/**
 * Host names for {@code -h}/{@code -p} and the local name: the system resolver, asked on a small
 * pool of platform threads (a blocking native call would pin a virtual thread's carrier).
 */
public final class RemoteNames {
    private final ExecutorService pool = Executors.newFixedThreadPool(16, Thread.ofPlatform()
            .daemon().name("dns-", 0).factory());

    /**
     * A reverse lookup: the name (null if none) and whether it resolves back to the address (only
     * checked when {@code paranoid}; otherwise reported as confirmed).
     */
    public record Name(String name, boolean confirmed) {
        /** The name the environment gets: none when a paranoid check failed. */
        public String trusted() {
            return confirmed ? name : null;
        }
    }

    /** The name of {@code address}, with {@code paranoid} checked against a forward lookup. */
    public Name lookup(InetAddress address, boolean paranoid) throws InterruptedException {
        Future<Name> f = pool.submit(() -> {
            byte[] ip = plain(address);
            Optional<String> name = NameService.nameOf(ip);
            if (name.isEmpty() || !paranoid) {
                return new Name(name.orElse(null), true);
            }
            for (byte[] back : NameService.addressesOf(name.get())) {
                if (Arrays.equals(plain(back), ip)) {
                    return new Name(name.get(), true);
                }
            }
            return new Name(name.get(), false);
        });
        try {
            return f.get();
        } catch (ExecutionException e) {
            return new Name(null, true);
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        }
    }

    /** IPv4-mapped addresses as their 4 IPv4 bytes, so both spellings compare equal. */
    private static byte[] plain(InetAddress a) {
        return a instanceof Inet4Address ? a.getAddress() : plain(a.getAddress());
    }

    private static byte[] plain(byte[] ip) {
        if (ip.length == 16) {
            boolean mapped = ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = ip[i] == 0;
            }
            if (mapped) {
                return Arrays.copyOfRange(ip, 12, 16);
            }
        }
        return ip;
    }
}
