package org.ucspi4j.runtime.posix;

/** Linux signal numbers the runtime sends, and kill(2). */
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
}
