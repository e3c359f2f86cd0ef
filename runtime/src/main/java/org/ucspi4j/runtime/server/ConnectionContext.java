package org.ucspi4j.runtime.server;

import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.ucspi4j.runtime.SslVariable;
import org.ucspi4j.runtime.ucspi.ProgramEnvironment;

/**
 * What a {@link ConnectionService} sees of an admitted connection: its id, the raw socket, the
 * environment the rules built, the TLS handshake when the service wants it, the settings a service
 * applies, and the log lines it may write. Nothing of the server behind it.
 */
interface ConnectionContext {
    /** Raw wait status of a connection dropped by the server (exit 111, as the C child). */
    int DROPPED = 111 << 8;
    /** Raw wait status of a denied connection (exit 100). */
    int DENIED = 100 << 8;

    long id();

    /** The raw connection (a UCSPI-TLS program speaks on it before TLS). */
    SocketChannel channel();

    /**
     * The program's environment (the server's own, the rule's variables, the standard ones), handed
     * over once: the connection keeps no reference to it afterwards.
     */
    ProgramEnvironment takeEnvironment();

    /**
     * The TLS handshake within {@code -T}, then the {@code -z}/{@code -m} checks. Failures are logged
     * in the C server's words; the result is then empty.
     */
    Optional<SSLSocket> handshake();

    /**
     * From now on the client's close_notify (TLS 1.2) or bare FIN reaches the reader of the TLS socket
     * as an end of input, and the socket can still be written: the program's answer after its EOF is
     * delivered, as by the C server. Call after {@link #handshake()}.
     */
    void holdPeerClose();

    /** The SSL_* variables of an established session, in ucspi-ssl's order, then SNI and ALPN. */
    List<SslVariable> sslVariables(SSLSocket ssl);

    /** The SSL_* variables for the program's environment: those of {@link #sslVariables} with {@code -s}; else SNI and
     * ALPN alone when the server has SNI certificates or ALPN configured; else none, as in C. */
    List<SslVariable> exportedSslVariables(SSLSocket ssl);

    /** {@code -B}: what the client gets first (empty for none). */
    byte[] banner();

    /** {@code -w}: how long the session may be idle. */
    Duration idleTimeout();

    /** The {@code ok} line's TLS counterpart, {@code -V}'s accept line (no TLS: {@code vars} empty). */
    void accepted(List<SslVariable> vars);

    /** Where the service reports programs and bytes (metrics; {@link ServerEvents#NONE} without). */
    ServerEvents events();

    /** A {@code drop} line: the service gives up on the connection. */
    void dropped(String reason);
}
