package org.ucspi4j.runtime.posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Linux signal numbers the runtime sends, kill(2), and the dispositions the servers need. */
public final class Signals {
    private Signals() {}

    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGKILL = 9;
    public static final int SIGUSR1 = 10;
    public static final int SIGUSR2 = 12;
    public static final int SIGPIPE = 13;
    public static final int SIGALRM = 14;
    public static final int SIGTERM = 15;
    public static final int SIGCHLD = 17;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;

    /**
     * kill(2). Prefer {@link Child#signal(int)} for children: it goes through a pidfd, so it can never
     * hit an unrelated process that got the number after the child was reaped.
     */
    public static void kill(int pid, int signal) throws PosixException {
        Libc.check("kill", state -> (int) Libc.Children.KILL.invokeExact(state, pid, signal));
    }

    private static final long SIG_DFL = 0;

    /**
     * Runs {@code handler} on each {@code signal} (a name, as "HUP"), whatever disposition the process
     * inherited. The JVM installs no handler for a SIGHUP, SIGINT or SIGTERM it inherited as ignored
     * ({@code nohup}; a shell's {@code &} for SIGINT), and {@code sun.misc.Signal.handle} then leaves
     * it ignored without a word; the C servers catch their signals with sigaction whatever they
     * inherited. So an ignored signal gets its default disposition back first, just before the handler
     * goes in (in between, its default action, termination, would apply).
     *
     * @throws IllegalArgumentException no such signal, or the JVM keeps it for itself
     */
    public static void handle(String signal, Runnable handler) throws IOException {
        sun.misc.Signal s = new sun.misc.Signal(signal);
        if (ignored(s.getNumber())) {
            Libc.check("signal", state -> (long) Libc.Dispositions.SIGNAL.invokeExact(state, s.getNumber(), SIG_DFL));
        }
        sun.misc.Signal.handle(s, sig -> handler.run());
    }

    /** Whether this process ignores {@code signal}: the SigIgn mask of /proc/self/status. */
    private static boolean ignored(int signal) throws IOException {
        String status = new String(ProcFiles.read("/proc/self/status"), StandardCharsets.US_ASCII);
        for (String line : status.split("\n")) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
                return (mask & (1L << (signal - 1))) != 0;
            }
        }
        throw new IOException("/proc/self/status: no SigIgn line");
    }
}
