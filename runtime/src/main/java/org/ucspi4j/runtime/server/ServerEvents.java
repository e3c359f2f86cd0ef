package org.ucspi4j.runtime.server;

import java.time.Duration;

/**
 * What happens in a server, as it happens, for whoever counts it (the Prometheus endpoint of
 * {@code METRICS=}, in the metrics module). Called on the connections' own threads: an
 * implementation must be thread-safe and quick, and must not throw. {@link #NONE} counts nothing.
 */
public interface ServerEvents {
    /** How a connection the listener accepted ended up. */
    enum Admission {
        /** Let in: rules, limits and handshake passed, the program (or handler) runs. */
        ACCEPTED,
        /** A {@code -x}/{@code -y} rule denied it. */
        DENIED,
        /** Refused by MAXCONIP (per address, at accept or by a rule's MAXCONIP). */
        OVER_MAXCONIP,
        /** Arrived while {@code -c} connections ran: it waited in the backlog (counted as well when let in). */
        OVER_LIMIT,
        /** Given up by the server: failed handshake, a rules file it could not read, a bad PROXY header, ... */
        DROPPED
    }

    /** A connection's fate; {@link Admission#OVER_LIMIT} is counted in addition to the final one. */
    void connection(Admission admission);

    /**
     * A TLS handshake ended: {@code protocol} the version it agreed (TLSv1.3), or null when it
     * failed; {@code took} from its first byte to its end.
     */
    void handshake(String protocol, Duration took);

    /** A TLS session began (+1) or ended (-1). */
    void session(int delta);

    /** A program started (+1) or ended (-1); at its end, with its raw wait status. */
    void programStarted();

    void programEnded(int waitStatus);

    /** Plaintext relayed for one connection, when it ends. */
    void bytes(long fromClients, long toClients);

    /** The {@code -x} or {@code -y} cdb was (re)opened after it changed, or could not be. */
    void rulesReload(boolean ok);

    /** Counts nothing. */
    ServerEvents NONE = new ServerEvents() {
        @Override
        public void connection(Admission admission) {}

        @Override
        public void handshake(String protocol, Duration took) {}

        @Override
        public void session(int delta) {}

        @Override
        public void programStarted() {}

        @Override
        public void programEnded(int waitStatus) {}

        @Override
        public void bytes(long fromClients, long toClients) {}

        @Override
        public void rulesReload(boolean ok) {}
    };

    /** Something that counts the events and shows them (the metrics module's Prometheus endpoint). */
    interface Endpoint {
        /** The events that feed a started endpoint, and the address it listens on. */
        record Started(ServerEvents events, java.net.InetSocketAddress address) {}

        /**
         * Starts what {@code METRICS=} names; it stops with the JVM. IllegalArgumentException for a
         * setting it cannot use, IOException when it cannot listen.
         */
        Started start(String setting) throws java.io.IOException;
    }
}
