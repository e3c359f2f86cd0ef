package org.ucspi4j.runtime.posix;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.OptionalInt;

/**
 * The identity of the whole JVM: user and group ids, supplementary groups, the dumpable flag, and
 * the capabilities one thread keeps for {@link SeparateIdsSpawner}.
 *
 * <p>On Linux the kernel keeps credentials per thread; glibc's setuid/setgid/setgroups change them
 * in every thread of the process (it signals each thread to do the same call), which is what makes
 * dropping privileges for a multithreaded JVM sound. The raw syscalls would change only the calling
 * thread, so these go through the libc functions.
 */
public final class Privileges {
    private Privileges() {}

    /** getuid(). */
    public static int uid() {
        return Libc.getuid();
    }

    /** geteuid(). */
    public static int effectiveUid() {
        return Libc.geteuid();
    }

    /** getgid(). */
    public static int gid() {
        return Libc.getgid();
    }

    /** getegid(). */
    public static int effectiveGid() {
        return Libc.getegid();
    }

    /** setgroups(2): the supplementary groups of every thread. Needs CAP_SETGID. */
    public static void setGroups(int... gids) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment list = gids.length == 0 ? MemorySegment.NULL : arena.allocateFrom(JAVA_INT, gids);
            long count = gids.length;
            Libc.check("setgroups", state -> (int) Libc.Ids.SETGROUPS.invokeExact(state, count, list));
        }
    }

    /** setgid(2), for every thread. */
    public static void setGid(int gid) throws PosixException {
        Libc.check("setgid", state -> (int) Libc.Ids.SETGID.invokeExact(state, gid));
    }

    /** setuid(2), for every thread. */
    public static void setUid(int uid) throws PosixException {
        Libc.check("setuid", state -> (int) Libc.Ids.SETUID.invokeExact(state, uid));
    }

    /**
     * Drops the whole JVM to {@code ids} in the order of DJB's prot_gid/prot_uid: the supplementary
     * groups become just the gid (or none, when only a uid is given and we are root: root's groups must
     * not stay behind), then setgid, then setuid (after which the others would fail), then a check
     * that the real and effective ids are what was asked for. An absent id is left as it is.
     */
    public static void drop(Ids ids) throws PosixException {
        if (ids.uid().isEmpty() && ids.gid().isEmpty()) {
            return;
        }
        if (ids.gid().isPresent()) {
            setGroups(ids.gid().getAsInt());
            setGid(ids.gid().getAsInt());
        } else if (ids.uid().isPresent() && effectiveUid() == 0) {
            setGroups();
        }
        if (ids.uid().isPresent()) {
            setUid(ids.uid().getAsInt());
        }
        int wantUid = ids.uid().orElse(uid());
        int wantGid = ids.gid().orElse(gid());
        if (uid() != wantUid || effectiveUid() != wantUid || gid() != wantGid || effectiveGid() != wantGid) {
            throw new IllegalStateException("privileges not dropped: uid " + uid() + "/" + effectiveUid() + " gid "
                    + gid() + "/" + effectiveGid() + ", wanted " + wantUid + "/" + wantGid);
        }
    }

    /** {@link #drop(Ids)} to both ids. */
    public static void drop(int uid, int gid) throws PosixException {
        drop(new Ids(OptionalInt.of(uid), OptionalInt.of(gid)));
    }

    /** A user and a group id; an empty one means "leave as it is". */
    public record Ids(OptionalInt uid, OptionalInt gid) {
        public static final Ids UNCHANGED = new Ids(OptionalInt.empty(), OptionalInt.empty());

        /** The ids this process would have after {@link #drop(Ids)}. */
        public Ids resolved() {
            return new Ids(OptionalInt.of(uid.orElse(Privileges.uid())), OptionalInt.of(gid.orElse(Privileges.gid())));
        }
    }

    /**
     * prctl(PR_SET_DUMPABLE). A process that is not dumpable writes no core file, and the kernel
     * refuses ptrace, /proc/PID/mem, environ, fd, maps and the like to every other process of the same
     * uid; only CAP_SYS_PTRACE gets through. A setuid resets it to the system default, so it is set
     * again after every drop.
     */
    public static void setDumpable(boolean dumpable) throws PosixException {
        DumpableFlag.set(dumpable);
    }

    /** prctl(PR_GET_DUMPABLE). */
    public static boolean dumpable() throws PosixException {
        return DumpableFlag.get();
    }

    /** Capability numbers (linux/capability.h). */
    public static final int CAP_KILL = 5;
    public static final int CAP_SETGID = 6;
    public static final int CAP_SETUID = 7;

    /**
     * PR_SET_KEEPCAPS for the calling thread only: its permitted capabilities survive the next setuid
     * away from root, which clears them in every other thread.
     */
    static void keepCapabilitiesThroughSetuid() throws PosixException {
        Libc.check("prctl", state -> (int) Libc.Ids.PRCTL.invokeExact(state, Libc.PR_SET_KEEPCAPS, 1L, 0L, 0L, 0L));
    }

    /**
     * capset(2) for the calling thread only: exactly {@code kept} permitted and effective, {@code
     * inherited} (a subset) inheritable and raised in the ambient set, so that a program this thread
     * starts holds those and nothing else across its execve. Every other capability is gone for good.
     */
    static void limitThisThreadTo(int[] kept, int[] inherited) throws PosixException {
        int keptMask = mask(kept);
        int inheritedMask = mask(inherited);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment header = arena.allocate(8, 4);
            header.set(JAVA_INT, 0, Libc.LINUX_CAPABILITY_VERSION_3);
            header.set(JAVA_INT, 4, 0); // the calling thread
            MemorySegment data = arena.allocate(24, 4); // two {effective, permitted, inheritable}: caps 0-31, 32-63
            data.set(JAVA_INT, 0, keptMask);
            data.set(JAVA_INT, 4, keptMask);
            data.set(JAVA_INT, 8, inheritedMask);
            Libc.check("capset", state -> (int) Libc.Ids.CAPSET.invokeExact(state, header, data));
        }
        for (int cap : inherited) {
            long c = cap;
            Libc.check("prctl", state -> (int) Libc.Ids.PRCTL.invokeExact(state, Libc.PR_CAP_AMBIENT,
                    (long) Libc.PR_CAP_AMBIENT_RAISE, c, 0L, 0L));
        }
        Libc.check("prctl", state -> (int) Libc.Ids.PRCTL.invokeExact(state, Libc.PR_SET_KEEPCAPS, 0L, 0L, 0L, 0L));
    }

    private static int mask(int[] caps) {
        int m = 0;
        for (int cap : caps) {
            if (cap < 0 || cap > 31) {
                throw new IllegalArgumentException("capability " + cap);
            }
            m |= 1 << cap;
        }
        return m;
    }

}
