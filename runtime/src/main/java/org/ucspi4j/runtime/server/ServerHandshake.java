package org.ucspi4j.runtime.server;

import java.io.IOException;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.ucspi4j.runtime.tls.ClientGreeting;
import org.ucspi4j.runtime.tls.ClientNameCheck;
import org.ucspi4j.runtime.tls.PeerCloseGate;
import org.ucspi4j.runtime.tls.ServedCertificate;
import org.ucspi4j.runtime.tls.ServerTlsContext;
import org.ucspi4j.runtime.tls.TlsFailureText;
import org.ucspi4j.runtime.ucspi.HandshakeDeadline;

/**
 * The server's side of the TLS handshake on an accepted connection: within {@code -T}, then the
 * {@code -z}/{@code -m} checks of the client's certificate, then {@code -d}/{@code -D}. Failures
 * are logged in the C server's words.
 */
final class ServerHandshake {
    /** A session, and the gate that holds the client's close back from the relay (see {@link PeerCloseGate}). */
    record Established(SSLSocket ssl, PeerCloseGate peerClose, String serverName) {}

    private final ServerTlsContext tls;
    private final ServerOptions options;
    private final ServerLog log;
    private final ServerEvents events;

    ServerHandshake(ServerTlsContext tls, ServerOptions options, ServerLog log, ServerEvents events) {
        this.events = events;
        this.tls = tls;
        this.options = options;
        this.log = log;
    }

    ServerTlsContext tls() {
        return tls;
    }

    /** The handshake on {@code channel}; empty (logged) when it failed. */
    Optional<Established> run(SocketChannel channel, String verifyHost) {
        long start = System.nanoTime();
        Optional<Established> e = handshake(channel, verifyHost);
        events.handshake(e.map(x -> x.ssl().getSession().getProtocol()).orElse(null),
                java.time.Duration.ofNanos(System.nanoTime() - start));
        return e;
    }

    private Optional<Established> handshake(SocketChannel channel, String verifyHost) {
        Socket socket = channel.socket();
        HandshakeDeadline deadline = HandshakeDeadline.start(socket, options.handshakeTimeout());
        SSLSocket ssl;
        PeerCloseGate peerClose;
        ClientGreeting greeting = null;
        try {
            greeting = ClientGreeting.read(socket);
            // the provider reads the greeting again, then the rest, through the gate that holds the
            // client's end of the session back from it
            peerClose = new PeerCloseGate(greeting.followedBy(socket.getInputStream()));
            ssl = tls.wrap(socket, peerClose);
            deadline.closes(ssl);
            tls.handshake(ssl, greeting);
            if (deadline.stop()) {
                log.drop("unable to accept SSL: timeout");
                ProgramService.closeQuietly(ssl);
                return Optional.empty();
            }
        } catch (IOException e) {
            // the deadline closes the socket, so a timeout surfaces here as some I/O error: name it
            boolean expired = deadline.stop();
            log.drop("unable to accept SSL: " + (expired ? "timeout" : TlsFailureText.handshake(e, greeting)));
            return Optional.empty();
        }
        if (options.clientCerts() != ClientCertPolicy.NONE && !clientCertificateOk(ssl, verifyHost)) {
            ProgramService.closeQuietly(ssl);
            return Optional.empty();
        }
        if (!options.delay()) {
            try {
                ssl.setTcpNoDelay(true);
            } catch (IOException ignored) {
                // best effort, as in C
            }
        }
        return Optional.of(new Established(ssl, peerClose, ServerTlsContext.requestedServerName(ssl, greeting)));
    }

    /**
     * {@code -v}'s {@code tls} line, for servers that choose among certificates or negotiate ALPN:
     * which certificate the client's name selected, the name, the protocol.
     */
    void logChoices(long id, Established e) {
        if (!tls.choosesPerConnection()) {
            return;
        }
        String certificate = tls.certificates().select(e.serverName()).map(ServedCertificate::label).orElse("-");
        log.tls(id, certificate, e.serverName(), e.ssl().getApplicationProtocol());
    }

    private boolean clientCertificateOk(SSLSocket ssl, String verifyHost) {
        Certificate[] peer;
        try {
            peer = ssl.getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            log.drop("no client certificate");
            return false;
        }
        if (peer.length == 0 || !(peer[0] instanceof X509Certificate leaf)) {
            log.drop("no client certificate");
            return false;
        }
        if (options.clientCerts() == ClientCertPolicy.VERIFY_NAME && verifyHost != null) {
            ClientNameCheck.Result r = ClientNameCheck.check(leaf, verifyHost);
            if (!r.matches()) {
                log.drop("client hostname does not match certificate: " + verifyHost);
                return false;
            }
        }
        return true;
    }
}
