package org.ucspi4j.runtime.server;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * The {@code -c} limit on connections served at once, and the per-address count behind MAXCONIP.
 * The accept loop waits for a free slot before accepting (clients queue in the kernel backlog),
 * as the C server does. Counts are kept per address, correctly (0.13 counted in a single slot).
 * Every change of the running count is reported under the same lock, so {@code status:} lines
 * come out in the order the count changed (the C parent prints them from one process).
 *
 * <p>A connection from a load balancer ({@code PROXY_FROM}) takes its {@code -c} slot at the accept,
 * like any other, but is counted against its client's address only once the PROXY header has named
 * the client ({@link #admitUnattributed}, then {@link Lease#attribute}): the balancer's own address
 * would otherwise hold every client's connections. Both paths check the per-address limit in one
 * place ({@link #countLocked}).
 */
final class ConnectionLimits {
    private final long limit;
    private final long perAddress;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition free = lock.newCondition();
    private long running;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> byAddress = new ConcurrentHashMap<>();
    private final LongConsumer onChange;

    /**
     * @param perAddress connections one address may hold at once; 0 means no limit
     * @param onChange told the new running count after each admit and release, in order
     */
    public ConnectionLimits(long limit, long perAddress, LongConsumer onChange) {
        this.limit = limit;
        this.perAddress = perAddress;
        this.onChange = onChange;
    }

    public long limit() {
        return limit;
    }

    public long perAddress() {
        return perAddress;
    }

    /** Blocks while {@code -c} connections are being served; whether it had to. */
    public boolean awaitSlot() throws InterruptedException {
        lock.lock();
        try {
            boolean waited = running >= limit;
            while (running >= limit) {
                free.await();
            }
            return waited;
        } finally {
            lock.unlock();
        }
    }

    /** A counted connection; {@link #close()} frees its slots once. */
    public final class Lease implements AutoCloseable {
        private InetAddress address; // null until attributed (a balancer's connection before its header)
        private boolean closed;

        private Lease(InetAddress address) {
            this.address = address;
        }

        /** Connections from this lease's address, this one included (0 before it has one). */
        public int fromSameAddress() {
            InetAddress a = address;
            AtomicInteger n = a == null ? null : byAddress.get(a);
            return n == null ? 0 : n.get();
        }

        /**
         * Counts this connection (admitted by {@link #admitUnattributed}) against {@code client}; 0,
         * or the per-address limit that refused it (the lease then still holds its {@code -c} slot
         * until released).
         */
        public long attribute(InetAddress client) {
            lock.lock();
            try {
                if (address != null || closed) {
                    throw new IllegalStateException("lease already attributed or released");
                }
                if (!countLocked(client)) {
                    return perAddress;
                }
                address = client;
                return 0;
            } finally {
                lock.unlock();
            }
        }

        /** Frees the slots; returns the count of running connections after it. */
        public long release() {
            lock.lock();
            try {
                if (closed) {
                    return running;
                }
                closed = true;
                if (address != null) {
                    byAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() == 0 ? null : n);
                }
                running--;
                free.signalAll();
                onChange.accept(running);
                return running;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            release();
        }
    }

    /** Result of {@link #admit}: a lease, or the per-address limit that refused it. */
    public record Admission(Lease lease, long refusedAtLimit) {}

    /** Counts a new connection from {@code address}, unless that address is at the per-address limit. */
    public Admission admit(InetAddress address) {
        lock.lock();
        try {
            if (!countLocked(address)) {
                return new Admission(null, perAddress);
            }
            running++;
            onChange.accept(running);
            return new Admission(new Lease(address), 0);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts a new connection whose client is not known yet (a balancer's, before its PROXY header):
     * it takes a {@code -c} slot now, and {@link Lease#attribute} counts it against its client later.
     */
    public Lease admitUnattributed() {
        lock.lock();
        try {
            running++;
            onChange.accept(running);
            return new Lease(null);
        } finally {
            lock.unlock();
        }
    }

    /** The per-address rule: counts one more connection from {@code address}, unless it is at the limit. Under the lock. */
    private boolean countLocked(InetAddress address) {
        AtomicInteger n = byAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (perAddress > 0 && n.get() >= perAddress) {
            if (n.get() == 0) {
                byAddress.remove(address);
            }
            return false;
        }
        n.incrementAndGet();
        return true;
    }

    /** Connections being served now. */
    public long running() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }
}
