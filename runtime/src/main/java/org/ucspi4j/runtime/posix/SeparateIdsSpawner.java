package org.ucspi4j.runtime.posix;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts programs under other ids than the server's own: sslserver's {@code -u}/{@code -g} for the
 * program beside {@code SSL_UID}/{@code SSL_GID} for the TLS side, as in ucspi-ssl 0.95b. A program
 * under another uid can neither signal, ptrace nor attach to the JVM that holds every connection's
 * keys and plaintext.
 *
 * <p>The kernel keeps credentials per thread, and a child gets the credentials of the thread that
 * started it. Whatever thread starts a program must therefore not share a uid with the program, or the
 * program could signal that thread (and with it the whole JVM). So one platform thread, set aside
 * while the JVM is still root, keeps {@code CAP_SETUID} and {@code CAP_SETGID} through the JVM's
 * drop to the server's ids (PR_SET_KEEPCAPS), raised in its ambient set, and {@code CAP_KILL}; every
 * other thread has none. Programs start from that thread through util-linux's {@code setpriv}, which
 * takes the program's ids, its groups, clears the inherited and ambient capabilities, and execs the
 * program with execvp in the program's own environment, as the C server does. The program ends up
 * with no capability at all. The same thread sends signals to programs, which the server's uid alone
 * may not.
 *
 * <p>The price, written down in the README: a code-execution bug inside the JVM could use that
 * thread's CAP_SETUID to become root again, as it could in the C server's root parent.
 */
public final class SeparateIdsSpawner {
    private static final int[] KEPT = {Privileges.CAP_KILL, Privileges.CAP_SETGID, Privileges.CAP_SETUID};
    private static final int[] FOR_SETPRIV = {Privileges.CAP_SETGID, Privileges.CAP_SETUID};
    private static final List<Path> SETPRIV = List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"));

    private static volatile SeparateIdsSpawner installed;

    private final ExecutorService thread;
    private final byte[][] prefix;

    private SeparateIdsSpawner(ExecutorService thread, byte[][] prefix) {
        this.thread = thread;
        this.prefix = prefix;
    }

    /**
     * Sets the thread aside, while the JVM is still root: it will keep its capabilities through the
     * coming {@link Privileges#drop}. {@code programs} are the ids programs will run under (resolved:
     * both present). Programs get no supplementary group but their gid.
     */
    public static SeparateIdsSpawner prepare(Privileges.Ids programs) throws PosixException {
        if (Privileges.effectiveUid() != 0) {
            throw new PosixException("setuid", Errno.EPERM, "separate ids for programs need root");
        }
        Path setpriv = SETPRIV.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new PosixException("setpriv", Errno.ENOENT,
                        "util-linux's setpriv, needed to run programs under their own ids"));
        List<String> p = new ArrayList<>(List.of(setpriv.toString(),
                "--reuid=" + Integer.toUnsignedString(programs.uid().orElseThrow()),
                "--regid=" + Integer.toUnsignedString(programs.gid().orElseThrow()),
                "--groups=" + Integer.toUnsignedString(programs.gid().orElseThrow()),
                "--inh-caps=-all", "--"));
        byte[][] prefix = p.stream().map(s -> s.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
        ExecutorService thread = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("ucspi4j-program-spawner").factory());
        SeparateIdsSpawner spawner = new SeparateIdsSpawner(thread, prefix);
        spawner.call(() -> {
            Privileges.keepCapabilitiesThroughSetuid();
            return null;
        });
        return spawner;
    }

    /**
     * After the JVM dropped to the server's ids: the thread keeps CAP_SETUID, CAP_SETGID and CAP_KILL
     * only, and every program from now on starts through it.
     */
    public void install() throws PosixException {
        call(() -> {
            Privileges.limitThisThreadTo(KEPT, FOR_SETPRIV);
            return null;
        });
        installed = this;
    }

    /** The installed spawner, or null when programs run under the JVM's own ids. */
    static SeparateIdsSpawner installed() {
        return installed;
    }

    /** posix_spawn of {@code setpriv ... -- argv...} from the privileged thread. */
    int spawn(SpawnRequest request) throws PosixException {
        byte[][] argv = request.rawArgv();
        if (argv.length == 0 || request.searchPath() != null || !Arrays.equals(argv[0], request.rawProgram())) {
            throw new IllegalArgumentException("a program under separate ids is argv[0], searched in its own PATH");
        }
        byte[][] wrapped = new byte[prefix.length + argv.length][];
        System.arraycopy(prefix, 0, wrapped, 0, prefix.length);
        System.arraycopy(argv, 0, wrapped, prefix.length, argv.length);
        SpawnRequest viaSetpriv = new SpawnRequest(prefix[0], wrapped, request.rawEnvp(), request.fds(), null);
        return call(() -> Spawn.spawn(viaSetpriv));
    }

    /** A call that may fail the POSIX way. */
    @FunctionalInterface
    interface PosixCall<T> {
        T call() throws PosixException;
    }

    /** Runs {@code call} on the privileged thread (a virtual caller parks meanwhile). */
    <T> T call(PosixCall<T> call) throws PosixException {
        try {
            return thread.submit(call::call).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PosixException("spawn", Errno.EINTR);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case PosixException p -> throw p;
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** Runs a signalling call where it may reach programs: on the privileged thread if there is one. */
    static <T> T signalling(PosixCall<T> call) throws PosixException {
        SeparateIdsSpawner s = installed;
        return s == null ? call.call() : s.call(call);
    }
}
