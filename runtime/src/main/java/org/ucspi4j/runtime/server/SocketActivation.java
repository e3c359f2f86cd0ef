package org.ucspi4j.runtime.server;

import java.util.List;
import java.util.Map;

/**
 * Socket activation as sd_listen_fds(3) defines it, read from the environment: sockets passed to this
 * process are fds 3, 4, ... ({@code LISTEN_FDS} of them), and only when {@code LISTEN_PID} is this
 * process's id (the variables are inherited by whatever the activated process starts, which must not
 * take them for its own). {@code LISTEN_FDNAMES} (colon-separated, one name per fd) is read when it is
 * there and never required.
 */
sealed interface SocketActivation {
    /** The first passed fd (SD_LISTEN_FDS_START). */
    int FIRST_FD = 3;

    /** The variables of the protocol: the programs must not inherit them once the socket is taken. */
    List<String> VARIABLES = List.of("LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES");

    /** {@code count} sockets passed to this process, from fd 3 on; {@code names} from LISTEN_FDNAMES, or empty. */
    record Passed(int count, List<String> names) implements SocketActivation {
        /** The name of the socket on fd 3 ({@code LISTEN_FDNAMES}' first), or null. */
        String firstName() {
            return names.size() == count && !names.getFirst().isEmpty() ? names.getFirst() : null;
        }
    }

    /** Nothing passed to this process; {@code why} says so in words for a message. */
    record NotPassed(String why) implements SocketActivation {}

    /** LISTEN_PID names this process but LISTEN_FDS is no count; {@code why} for a message. */
    record Invalid(String why) implements SocketActivation {}

    static SocketActivation of(Map<String, String> env, long pid) {
        String listenPid = env.get("LISTEN_PID");
        if (listenPid == null) {
            return new NotPassed("LISTEN_PID is not set");
        }
        long owner = number(listenPid);
        if (owner <= 0) {
            return new NotPassed("LISTEN_PID is not a process id: '" + listenPid + "'");
        }
        if (owner != pid) {
            return new NotPassed("LISTEN_PID is " + owner + ", not this process (" + pid
                    + "): the activator must exec the server, not start it as a child");
        }
        String listenFds = env.get("LISTEN_FDS");
        if (listenFds == null) {
            return new NotPassed("LISTEN_FDS is not set");
        }
        long count = number(listenFds);
        if (count < 0 || count > Integer.MAX_VALUE - FIRST_FD) {
            return new Invalid("LISTEN_FDS is not a number of sockets: '" + listenFds + "'");
        }
        if (count == 0) {
            return new NotPassed("LISTEN_FDS is 0");
        }
        String names = env.get("LISTEN_FDNAMES");
        return new Passed((int) count, names == null ? List.of() : List.of(names.split(":", -1)));
    }

    /** A decimal number of 1 to 18 digits, or -1 (what sd_listen_fds' parsers accept, less signs and blanks). */
    private static long number(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(s);
    }
}
