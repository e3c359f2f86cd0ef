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
     * inherited: see {@link #stopIgnoring}.
     *
     * @throws IllegalArgumentException the JVM keeps the signal for itself
     */
    public static void handle(String signal, int number, Runnable handler) throws IOException {
        stopIgnoring(number);
        sun.misc.Signal.handle(new sun.misc.Signal(signal), sig -> handler.run());
    }

    /**
     * Gives {@code signal} its default disposition again if the process was started with it ignored
     * ({@code nohup}, or a shell's {@code &} for SIGINT), so that a handler can be installed: the JVM
     * installs none for an ignored SIGHUP, SIGINT or SIGTERM, and {@code sun.misc.Signal.handle} then
     * leaves it ignored without a word. The C servers catch their signals with sigaction whatever they
     * inherited. Call it just before installing the handler: until then the signal's default action
     * (termination, for these three) applies. Returns whether the signal was ignored.
     */
    public static boolean stopIgnoring(int signal) throws IOException {
        if (!ignored(signal)) {
            return false;
        }
        Libc.check("signal", state -> (long) Libc.Dispositions.SIGNAL.invokeExact(state, signal, SIG_DFL));
        return true;
    }

    /** Whether this process ignores {@code signal}: the SigIgn mask of /proc/self/status. */
    public static boolean ignored(int signal) throws IOException {
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
