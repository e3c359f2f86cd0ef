package org.ucspi4j.runtime.server;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.ucspi4j.runtime.posix.ErrorText;
import org.ucspi4j.runtime.posix.InheritedSockets;
import org.ucspi4j.runtime.ucspi.ServicePorts;

/**
 * Where the server's listening socket comes from, decided once from the host and port arguments:
 * {@link Bind} binds one ({@code host port}, as the C server does), {@link Inherit} takes the one it
 * was given ({@code - -}): by socket activation ({@link SocketActivation}: LISTEN_PID is this
 * process, LISTEN_FDS 1, the socket on fd 3), else on fd 0 (inetd's {@code wait} mode,
 * s6-tcpserver-socketbinder, a parent that keeps the socket across restarts). Startup failures are
 * {@link Unusable}, whose message is the server's fatal line.
 */
sealed interface ListenerSource permits ListenerSource.Bind, ListenerSource.Inherit {
    /** The host and the port that mean "the listener is inherited". */
    String INHERITED = "-";

    /** The listener cannot be had; the message follows {@code WHO: fatal: }. */
    final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    /** From {@code o}'s host and port, in the C server's order: the port first, then the host. */
    static ListenerSource of(ServerOptions o, Map<String, String> env, long pid) throws Unusable {
        boolean inheritedHost = o.host().equals(INHERITED);
        boolean inheritedPort = o.port().equals(INHERITED);
        if (inheritedHost && inheritedPort) {
            SocketActivation activation = SocketActivation.of(env, pid);
            if (activation instanceof SocketActivation.Passed && o.readPassphrase()) {
                throw new Unusable("-3 reads the key passphrase from fd 3, where socket activation passed the"
                        + " listening socket: give the key unencrypted, or its passphrase another way");
            }
            return new Inherit(activation);
        }
        if (inheritedHost || inheritedPort) {
            throw new Unusable("host and port must both be - to serve an inherited listening socket"
                    + " (got " + o.host() + " " + o.port() + ")");
        }
        OptionalInt port = ServicePorts.parse(o.port());
        if (port.isEmpty()) {
            throw new Unusable("unable to figure out port number for " + o.port());
        }
        try {
            return new Bind(ListenAddress.of(o.host(), o.ipv4Only(), o.ipv6Mode(), o.interfaceName()),
                    port.getAsInt(), o.backlog());
        } catch (ListenAddress.Unresolvable e) {
            throw new Unusable(e.getMessage());
        }
    }

    /** The listening channel, blocking, close-on-exec. */
    ServerSocketChannel open() throws Unusable;

    /** {@code env} as the programs get it: less what only concerned the listener. */
    Map<String, String> programEnvironment(Map<String, String> env);

    /** The options {@code o} sets that do not apply to this listener, each as a warning's text. */
    List<String> ignoredOptions(ServerOptions o);

    /** Binds {@code address}:{@code port} and listens with {@code backlog}. */
    record Bind(ListenAddress address, int port, int backlog) implements ListenerSource {
        @Override
        public ServerSocketChannel open() throws Unusable {
            try {
                return address.bind(port, backlog);
            } catch (IOException e) {
                throw new Unusable("unable to bind: " + ErrorText.of(e));
            }
        }

        @Override
        public Map<String, String> programEnvironment(Map<String, String> env) {
            return env; // as the C server: the programs inherit whatever it was given
        }

        @Override
        public List<String> ignoredOptions(ServerOptions o) {
            return List.of();
        }
    }

    /**
     * The listening socket passed by socket activation (fd 3, LISTEN_FDS 1), else the one on fd 0.
     * Socket activation for another process (LISTEN_PID not ours) is ignored, as sd_listen_fds does.
     */
    record Inherit(SocketActivation activation) implements ListenerSource {
        @Override
        public ServerSocketChannel open() throws Unusable {
            return switch (activation) {
                case SocketActivation.Invalid invalid -> throw new Unusable(invalid.why());
                case SocketActivation.Passed passed -> {
                    if (passed.count() != 1) {
                        throw new Unusable("LISTEN_FDS is " + passed.count() + ": pass one listening socket, on fd "
                                + SocketActivation.FIRST_FD);
                    }
                    String name = passed.firstName();
                    yield takeOver(SocketActivation.FIRST_FD, "the socket LISTEN_FDS passed on fd "
                            + SocketActivation.FIRST_FD + (name == null ? "" : " (" + name + ")") + " is ");
                }
                case SocketActivation.NotPassed notPassed -> {
                    InheritedSockets.Kind onZero = inspect(0);
                    if (!onZero.listening()) {
                        throw new Unusable("no listening socket inherited (host and port are -): fd 0 is "
                                + onZero.problem() + ", and socket activation passed none: " + notPassed.why());
                    }
                    yield takeOver(0, "fd 0 is ");
                }
            };
        }

        private static InheritedSockets.Kind inspect(int fd) throws Unusable {
            try {
                return InheritedSockets.inspect(fd);
            } catch (IOException e) {
                throw new Unusable("unable to inspect fd " + fd + ": " + ErrorText.of(e));
            }
        }

        /** {@code fd} as the listener; {@code what} starts the message when it is no listening socket. */
        private static ServerSocketChannel takeOver(int fd, String what) throws Unusable {
            InheritedSockets.Kind kind = inspect(fd);
            if (!kind.listening()) {
                throw new Unusable(what + kind.problem());
            }
            try {
                return InheritedSockets.takeOver(fd);
            } catch (IOException | IllegalArgumentException e) {
                throw new Unusable("unable to use the listening socket on fd " + fd + ": " + ErrorText.of(e));
            }
        }

        @Override
        public Map<String, String> programEnvironment(Map<String, String> env) {
            Map<String, String> without = new LinkedHashMap<>(env);
            SocketActivation.VARIABLES.forEach(without::remove);
            return without;
        }

        @Override
        public List<String> ignoredOptions(ServerOptions o) {
            List<String> ignored = new ArrayList<>();
            if (o.ipv4Only()) {
                ignored.add("-4 ignored: the inherited socket's address family is the one it was made with");
            }
            if (o.interfaceName() != null) {
                ignored.add("-I ignored: the inherited socket is bound already");
            }
            if (o.backlog() != ServerOptions.DEFAULT_BACKLOG) {
                ignored.add("-b ignored: the inherited socket listens with the backlog it was given");
            }
            return ignored;
        }
    }
}
