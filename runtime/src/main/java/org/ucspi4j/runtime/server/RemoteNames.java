package org.ucspi4j.runtime.server;

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

    /** The name of {@code address}; with {@code paranoid}, only if it resolves back to the address. */
    public Optional<String> nameOf(InetAddress address, boolean paranoid) throws InterruptedException {
        Future<Optional<String>> f = pool.submit(() -> {
            byte[] ip = plain(address);
            Optional<String> name = NameService.nameOf(ip);
            if (name.isEmpty() || !paranoid) {
                return name;
            }
            for (byte[] back : NameService.addressesOf(name.get())) {
                if (Arrays.equals(plain(back), ip)) {
                    return name;
                }
            }
            return Optional.empty();
        });
        try {
            return f.get();
        } catch (ExecutionException e) {
            return Optional.empty();
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
