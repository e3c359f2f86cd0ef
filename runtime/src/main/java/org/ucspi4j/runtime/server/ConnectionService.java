package org.ucspi4j.runtime.server;

/**
 * What runs once a connection has been admitted by the rules: sslserver spawns a program per
 * connection, sslhandle calls a handler in the JVM. The service does the TLS handshake through
 * {@link ConnectionContext#handshake()} when it is ready for it (sslserver -n lets the program decide when).
 */
interface ConnectionService {
    /**
     * Serves the admitted connection; returns the raw wait status the {@code end} line reports
     * (the program's, or {@link ConnectionContext#DROPPED} when the connection failed before or around it).
     */
    int serve(ConnectionContext connection) throws InterruptedException;

    /**
     * Whether it starts programs of its own: only then do {@code SSL_UID}/{@code SSL_GID} (the
     * server's ids, beside {@code -u}/{@code -g} for the programs) mean anything.
     */
    default boolean startsPrograms() {
        return true;
    }
}
