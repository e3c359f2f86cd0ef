package org.ucspi4j.runtime.posix;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Starts programs with posix_spawn: exact fds (see {@link FdMap}), raw-byte argv and environment,
 * an empty signal mask and default signal dispositions. The JVM's threads block and catch signals,
 * and a forked program would inherit the mask and any ignored signal; POSIX_SPAWN_SETSIGMASK and
 * POSIX_SPAWN_SETSIGDEF over all signals undo that. glibc's posix_spawn uses CLONE_VFORK, which is
 * safe in a multithreaded JVM, and reports exec failures (ENOENT, EACCES, ...) as its return value.
 */
public final class Spawn {
    private Spawn() {}

    /** Starts the program and returns its pid. Nobody waits for it: see {@link #start}. */
    public static int spawn(SpawnRequest request) throws PosixException {
        byte[] program = request.rawProgram();
        if (program.length == 0) {
            throw new PosixException("posix_spawn", Errno.ENOENT, "''");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment argv = Libc.cStringArray(arena, request.rawArgv());
            MemorySegment envp = Libc.cStringArray(arena, request.rawEnvp());
            MemorySegment actions = arena.allocate(Libc.FILE_ACTIONS_SIZE, 16);
            MemorySegment attributes = arena.allocate(Libc.SPAWNATTR_SIZE, 16);
            Libc.checkReturned("posix_spawn_file_actions_init", (int) Libc.Spawning.FA_INIT.invokeExact(actions));
            try {
                Libc.checkReturned("posix_spawnattr_init", (int) Libc.Spawning.ATTR_INIT.invokeExact(attributes));
                try {
                    addFileActions(actions, request.fds());
                    setSignalAttributes(arena, attributes);
                    return spawnSearching(arena, program, request.effectiveSearchPath(), actions, attributes, argv,
                            envp);
                } finally {
                    int ignored = (int) Libc.Spawning.ATTR_DESTROY.invokeExact(attributes);
                }
            } finally {
                int ignored = (int) Libc.Spawning.FA_DESTROY.invokeExact(actions);
            }
        } catch (PosixException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** Starts the program and has the shared {@link ChildReaper} wait for it. */
    public static Child start(SpawnRequest request) throws PosixException {
        SeparateIdsSpawner separate = SeparateIdsSpawner.installed();
        return adoptOrKill(ChildReaper.shared(), separate == null ? spawn(request) : separate.spawn(request));
    }

    /** Starts the program and has {@code reaper} wait for it. */
    public static Child start(SpawnRequest request, ChildReaper reaper) throws PosixException {
        return adoptOrKill(reaper, spawn(request));
    }

    /** A child nobody can wait for would become a zombie forever: kill and reap it before failing. */
    private static Child adoptOrKill(ChildReaper reaper, int pid) throws PosixException {
        try {
            return reaper.adopt(pid);
        } catch (PosixException | RuntimeException e) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment status = arena.allocate(JAVA_INT);
                SeparateIdsSpawner.signalling(() -> {
                    Signals.kill(pid, Signals.SIGKILL);
                    return null;
                });
                Libc.checkRetrying("waitpid", state -> (int) Libc.Children.WAITPID.invokeExact(state, pid, status, 0));
            } catch (PosixException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void addFileActions(MemorySegment actions, FdMap fds) throws Throwable {
        for (FdMap.Action action : fds.plan()) {
            switch (action) {
                case FdMap.Action.Dup2(int from, int to) -> Libc.checkReturned("posix_spawn_file_actions_adddup2",
                        (int) Libc.Spawning.FA_ADDDUP2.invokeExact(actions, from, to));
                case FdMap.Action.Close(int fd) -> Libc.checkReturned("posix_spawn_file_actions_addclose",
                        (int) Libc.Spawning.FA_ADDCLOSE.invokeExact(actions, fd));
                case FdMap.Action.CloseFrom(int low) -> Libc.checkReturned("posix_spawn_file_actions_addclosefrom_np",
                        (int) Libc.Spawning.FA_ADDCLOSEFROM.invokeExact(actions, low));
            }
        }
    }

    private static void setSignalAttributes(Arena arena, MemorySegment attributes) throws Throwable {
        MemorySegment none = arena.allocate(Libc.SIGSET_SIZE, 8);
        Libc.checkReturned("sigemptyset", (int) Libc.Spawning.SIGEMPTYSET.invokeExact(none));
        Libc.checkReturned("posix_spawnattr_setsigmask", (int) Libc.Spawning.ATTR_SETSIGMASK.invokeExact(attributes, none));
        // Every bit set, not sigfillset: sigfillset leaves out glibc's internal signals 32 and 33, and
        // posix_spawn then sets those to SIG_IGN in the child, which survives exec (SigIgn would read
        // 0x180000000). sigset_t is the kernel's bit mask, so all-ones means every signal; sigaction
        // fails harmlessly for SIGKILL and SIGSTOP. The child blocks all signals until just before
        // exec, and nobody signals its new thread id, so SIG_DFL for 32 and 33 is safe there.
        MemorySegment all = arena.allocate(Libc.SIGSET_SIZE, 8).fill((byte) 0xff);
        Libc.checkReturned("posix_spawnattr_setsigdefault", (int) Libc.Spawning.ATTR_SETSIGDEFAULT.invokeExact(attributes, all));
        short flags = (short) (Libc.POSIX_SPAWN_SETSIGMASK | Libc.POSIX_SPAWN_SETSIGDEF);
        Libc.checkReturned("posix_spawnattr_setflags", (int) Libc.Spawning.ATTR_SETFLAGS.invokeExact(attributes, flags));
    }

    /**
     * execvp's search, done here rather than with posix_spawnp because posix_spawnp searches the
     * JVM's own PATH, while the C servers exec after installing the child's environment. A name
     * with '/' is used as is. Otherwise each PATH entry (empty means ".") is tried in turn: a
     * missing file moves on, EACCES is remembered and reported if nothing else runs, any other error
     * stops the search. Missing candidates are skipped with access() so they cost no clone.
     */
    private static int spawnSearching(Arena arena, byte[] program, byte[] searchPath, MemorySegment actions,
            MemorySegment attributes, MemorySegment argv, MemorySegment envp) throws Throwable {
        MemorySegment pid = arena.allocate(JAVA_INT);
        if (indexOf(program, (byte) '/', 0) >= 0) {
            int error = (int) Libc.Spawning.POSIX_SPAWN.invokeExact(pid, Libc.cString(arena, program), actions, attributes,
                    argv, envp);
            if (error != 0) {
                throw new PosixException("posix_spawn", error, latin1(program));
            }
            return pid.get(JAVA_INT, 0);
        }
        boolean sawAccessDenied = false;
        for (byte[] candidate : candidates(program, searchPath)) {
            MemorySegment path = Libc.cString(arena, candidate);
            int denied = Libc.errnoOf(state -> (int) Libc.Spawning.ACCESS.invokeExact(state, path, Libc.F_OK));
            if (denied != 0) {
                sawAccessDenied |= denied == Errno.EACCES;
                continue;
            }
            int error = (int) Libc.Spawning.POSIX_SPAWN.invokeExact(pid, path, actions, attributes, argv, envp);
            switch (error) {
                case 0 -> {
                    return pid.get(JAVA_INT, 0);
                }
                case Errno.EACCES -> sawAccessDenied = true;
                case Errno.ENOENT, Errno.ENOTDIR, Errno.ESTALE, Errno.ENODEV, Errno.ETIMEDOUT -> {
                }
                default -> throw new PosixException("posix_spawn", error, latin1(candidate));
            }
        }
        throw new PosixException("posix_spawn", sawAccessDenied ? Errno.EACCES : Errno.ENOENT, latin1(program));
    }

    /** Each PATH entry joined with the program name; an empty entry is the current directory. */
    static List<byte[]> candidates(byte[] program, byte[] searchPath) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int colon = indexOf(searchPath, (byte) ':', start);
            int end = colon < 0 ? searchPath.length : colon;
            byte[] dir = start == end ? new byte[] {'.'} : Arrays.copyOfRange(searchPath, start, end);
            boolean slash = dir[dir.length - 1] == '/';
            byte[] candidate = new byte[dir.length + (slash ? 0 : 1) + program.length];
            System.arraycopy(dir, 0, candidate, 0, dir.length);
            if (!slash) {
                candidate[dir.length] = '/';
            }
            System.arraycopy(program, 0, candidate, candidate.length - program.length, program.length);
            out.add(candidate);
            if (colon < 0) {
                return out;
            }
            start = colon + 1;
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
