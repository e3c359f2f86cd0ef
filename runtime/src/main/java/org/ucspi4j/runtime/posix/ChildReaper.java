package org.ucspi4j.runtime.posix;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects the exit status of the children we spawned, with one platform thread for all of them.
 *
 * <p>Each adopted child gets a pidfd (pidfd_open); the reaper thread poll()s all pidfds plus an
 * eventfd that new adoptions write to. A readable pidfd means the child has exited; the thread then
 * calls waitpid(pid, WNOHANG) for exactly that pid. It never calls waitpid(-1), which would steal
 * the statuses of processes the JDK started (ProcessBuilder waits for each of its own pids), and no
 * virtual thread ever blocks in a native wait. The futures are completed on fresh virtual threads so
 * that whatever callers chain onto them cannot stall the reaper.
 */
final class ChildReaper implements AutoCloseable {

    private static final class Shared {
        static final ChildReaper INSTANCE = start("ucspi4j-child-reaper");

        static {
            // The JVM's exit waits up to 300 ms for threads that sit in a native call, as the
            // reaper's poll() does (HotSpot, VM_Exit): every sslclient run paid that. So the thread
            // ends first; children not reaped by then are left to init, as they would be anyway.
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(INSTANCE::endForExit));
        }
    }

    /** The JVM-wide reaper that {@link Spawn#start} uses. It is never closed; its thread ends at exit. */
    public static ChildReaper shared() {
        return Shared.INSTANCE;
    }

    /** A reaper of its own, with its own thread; close it when done (tests, embedded use). */
    public static ChildReaper start(String threadName) {
        try {
            return new ChildReaper(threadName);
        } catch (PosixException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One adopted child. The pidfd is closed by the reaper thread only, under the lock of this object. */
    static final class Watch {
        final int pid;
        final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
        private int pidfd;

        Watch(int pid, int pidfd) {
            this.pid = pid;
            this.pidfd = pidfd;
        }
    }

    private final ConcurrentHashMap<Integer, Watch> watches = new ConcurrentHashMap<>();
    private final int wakeFd;
    private final Thread thread;
    private volatile boolean closing;
    private volatile Throwable failure;

    private ChildReaper(String threadName) throws PosixException {
        wakeFd = (int) Libc.check("eventfd",
                state -> (int) Libc.Children.EVENTFD.invokeExact(state, 0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK));
        thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::run);
        thread.start();
    }

    /**
     * Starts watching {@code pid}, which must be a child of this process that nothing else waits
     * for. A child that has already exited is fine: it stays a zombie until reaped here.
     */
    public Child adopt(int pid) throws PosixException {
        if (closing) {
            throw new IllegalStateException("child reaper is closed", failure);
        }
        int pidfd = (int) Libc.check("pidfd_open", state -> (int) Libc.Children.PIDFD_OPEN.invokeExact(state, pid, 0));
        Watch watch = new Watch(pid, pidfd);
        // One non-blocking look now: a pid that is not our child fails here (ECHILD) rather than never
        // completing, and one that has already exited is done at once.
        int exited;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(JAVA_INT);
            exited = (int) Libc.checkRetrying("waitpid",
                    state -> (int) Libc.Children.WAITPID.invokeExact(state, pid, status, Libc.WNOHANG));
            if (exited == pid) {
                watch.exit.complete(new ExitStatus(status.get(JAVA_INT, 0)));
            }
        } catch (PosixException e) {
            Libc.close(pidfd);
            throw e;
        }
        if (exited == pid) {
            Libc.close(pidfd);
            watch.pidfd = -1;
            return new Child(this, watch);
        }
        if (watches.putIfAbsent(pid, watch) != null) {
            Libc.close(pidfd);
            throw new IllegalStateException("pid " + pid + " is already being watched");
        }
        if (closing && watches.remove(pid, watch)) {
            Libc.close(pidfd);
            throw new IllegalStateException("child reaper is closed", failure);
        }
        wake();
        return new Child(this, watch);
    }

    /** How many children are adopted and not yet reaped. */
    public int watching() {
        return watches.size();
    }

    /** Sends {@code signal} through the pidfd; false if the child has already been reaped. */
    boolean signal(Watch watch, int signal) throws PosixException {
        synchronized (watch) {
            if (watch.pidfd < 0) {
                return false;
            }
            int pidfd = watch.pidfd;
            try {
                // a program under other ids than the server's is only within the spawner thread's reach
                SeparateIdsSpawner.signalling(() -> Libc.check("pidfd_send_signal",
                        state -> (int) Libc.Children.PIDFD_SEND_SIGNAL.invokeExact(state, pidfd, signal, MemorySegment.NULL, 0)));
                return true;
            } catch (PosixException e) {
                if (e.errno() == Errno.ESRCH) {
                    return false;
                }
                throw e;
            }
        }
    }

    /**
     * Stops the reaper thread. Children not yet reaped stay unreaped (zombies once they exit) and
     * their futures fail; meant for dedicated reapers, not for {@link #shared()}.
     */
    @Override
    public void close() {
        if (this == Shared.INSTANCE) {
            throw new UnsupportedOperationException("the shared child reaper lives as long as the JVM");
        }
        closing = true;
        wake();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            Libc.close(wakeFd);
        } catch (PosixException ignored) {
            // nothing useful to do; the fd number is gone either way
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the thread (at exit: see {@link Shared}); waits for it a moment at most. */
    private void endForExit() {
        closing = true;
        wake();
        try {
            thread.join(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void wake() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocate(JAVA_LONG);
            one.set(JAVA_LONG, 0, 1L);
            Libc.checkRetrying("write", state -> (long) Libc.Descriptors.WRITE.invokeExact(state, wakeFd, one, 8L));
        } catch (PosixException e) {
            // EAGAIN means the counter is already non-zero: the reaper will wake up anyway.
            if (e.errno() != Errno.EAGAIN) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void run() {
        Arena arena = Arena.ofConfined();
        int capacity = 64;
        MemorySegment pollfds = arena.allocate(Libc.POLLFD_SIZE * capacity, 8);
        MemorySegment scratch = arena.allocate(JAVA_LONG);
        try {
            while (!closing) {
                List<Watch> current = new ArrayList<>(watches.values());
                int n = current.size() + 1;
                if (n > capacity) {
                    arena.close();
                    capacity = Math.max(n, capacity * 2);
                    arena = Arena.ofConfined();
                    pollfds = arena.allocate(Libc.POLLFD_SIZE * capacity, 8);
                    scratch = arena.allocate(JAVA_LONG);
                }
                setPollFd(pollfds, 0, wakeFd);
                for (int i = 0; i < current.size(); i++) {
                    setPollFd(pollfds, i + 1, current.get(i).pidfd);
                }
                MemorySegment fds = pollfds;
                try {
                    Libc.check("poll", state -> (int) Libc.Children.POLL.invokeExact(state, fds, (long) n, -1));
                } catch (PosixException e) {
                    if (e.errno() == Errno.EINTR) {
                        continue;
                    }
                    throw e;
                }
                if (revents(pollfds, 0) != 0) {
                    drainWakeFd(scratch);
                }
                for (int i = 0; i < current.size(); i++) {
                    short revents = revents(pollfds, i + 1);
                    if (revents != 0) {
                        reap(current.get(i), revents, scratch);
                    }
                }
            }
        } catch (Throwable t) {
            failure = t;
            closing = true;
        } finally {
            arena.close();
            for (Watch watch : new ArrayList<>(watches.values())) {
                finish(watch, null, new IllegalStateException("child reaper stopped before pid " + watch.pid
                        + " was reaped", failure));
            }
        }
    }

    private void reap(Watch watch, short revents, MemorySegment status) {
        int reaped;
        try {
            reaped = (int) Libc.checkRetrying("waitpid",
                    state -> (int) Libc.Children.WAITPID.invokeExact(state, watch.pid, status, Libc.WNOHANG));
        } catch (PosixException e) {
            finish(watch, null, e); // ECHILD: not our child, or someone else reaped it
            return;
        }
        if (reaped == watch.pid) {
            finish(watch, new ExitStatus(status.get(JAVA_INT, 0)), null);
        } else if ((revents & Libc.POLLNVAL) != 0) {
            finish(watch, null, new IllegalStateException("pidfd of pid " + watch.pid + " was closed behind our back"));
        }
        // else: not exited after all (spurious wake-up); keep polling
    }

    private void finish(Watch watch, ExitStatus status, Throwable error) {
        synchronized (watch) {
            if (watch.pidfd >= 0) {
                try {
                    Libc.close(watch.pidfd);
                } catch (PosixException ignored) {
                    // the number is released regardless
                }
                watch.pidfd = -1;
            }
        }
        // Removed before completion, so that a reused pid can be adopted by whoever is woken up.
        watches.remove(watch.pid, watch);
        Thread.ofVirtual().name("ucspi4j-exit-" + watch.pid).start(() -> {
            if (error == null) {
                watch.exit.complete(status);
            } else {
                watch.exit.completeExceptionally(error);
            }
        });
    }

    private void drainWakeFd(MemorySegment scratch) {
        try {
            Libc.check("read", state -> (long) Libc.Children.READ.invokeExact(state, wakeFd, scratch, 8L));
        } catch (PosixException e) {
            // EAGAIN: already drained; EINTR: the next poll reports it again
        }
    }

    private static void setPollFd(MemorySegment pollfds, int index, int fd) {
        long offset = index * Libc.POLLFD_SIZE;
        pollfds.set(JAVA_INT, offset, fd);
        pollfds.set(JAVA_SHORT, offset + 4, Libc.POLLIN);
        pollfds.set(JAVA_SHORT, offset + 6, (short) 0);
    }

    private static short revents(MemorySegment pollfds, int index) {
        return pollfds.get(JAVA_SHORT, index * Libc.POLLFD_SIZE + 6);
    }
}
