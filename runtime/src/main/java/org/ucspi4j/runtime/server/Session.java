package org.ucspi4j.runtime.server;

import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.ucspi4j.runtime.SslVariable;
import org.ucspi4j.runtime.tls.PeerCloseGate;
import org.ucspi4j.runtime.tls.SslVariables;
import org.ucspi4j.runtime.ucspi.ProgramEnvironment;

/**
 * One accepted connection, from the accept to the {@code end} line: for a load balancer's
 * connection the PROXY header and the client's MAXCONIP count first, then the gate, then the
 * service, which sees it as a {@link ConnectionContext}. Runs on its own virtual thread.
 */
final class Session implements ConnectionContext {
    /** What every session of one server shares. */
    record Server(ServerOptions options, ServerLog log, ProxyIntake intake, ConnectionGate gate,
                  ServerHandshake handshake, ConnectionService service, ServerEvents events) {}

    private final Server server;
    private final long id;
    private final SocketChannel channel;
    private final ConnectionLimits.Lease lease;
    private final boolean viaBalancer; // the lease counts no address until the header names the client
    private ConnectionGate.Admitted admitted;
    private ProgramEnvironment environment;
    private PeerCloseGate peerClose; // the client's records, read through this once TLS starts
    private String serverName; // what the client asked for in SNI, or null
    private boolean sessionOpen; // a TLS session began: sslserver_sessions_active counts it
    private boolean accepted; // got its accept line: counted as accepted, whatever came after

    /**
     * @param viaBalancer the peer is in PROXY_FROM: its header comes first, and {@code lease} (from
     *        {@link ConnectionLimits#admitUnattributed}) is then counted against the client it names
     */
    Session(Server server, long id, SocketChannel channel, ConnectionLimits.Lease lease, boolean viaBalancer) {
        this.server = server;
        this.id = id;
        this.channel = channel;
        this.lease = lease;
        this.viaBalancer = viaBalancer;
    }

    /** Runs the connection to its end; never throws. */
    void run() {
        int status = DROPPED;
        ServerEvents.Admission fate = ServerEvents.Admission.DROPPED;
        boolean announced = true; // a connection gets its end line once it got (or would have got) its pid line
        try {
            ConnectionEnds ends;
            if (viaBalancer) {
                announced = false;
                ends = server.intake().read(channel); // null: dropped, logged
                if (ends == null) {
                    return;
                }
                long refused = lease.attribute(ends.remote().getAddress());
                if (refused > 0) {
                    fate = ServerEvents.Admission.OVER_MAXCONIP;
                    server.log().ipLimitExceeded(refused,
                            AddressText.of(ends.remote().getAddress(), server.options().ipv6Mode()).text());
                    return;
                }
                announced = true;
            } else {
                try {
                    ends = ConnectionEnds.of(channel);
                } catch (java.io.IOException e) {
                    server.log().drop("unable to get local address: " + e.getMessage());
                    return;
                }
            }
            status = switch (server.gate().admit(id, ends, lease)) {
                case ConnectionGate.Refused r -> {
                    fate = r.admission();
                    yield r.status();
                }
                case ConnectionGate.Admitted a -> {
                    admitted = a;
                    environment = a.environment();
                    yield server.service().serve(this);
                }
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            server.log().drop("internal error: " + e);
        } finally {
            ProgramService.closeQuietly(channel);
            if (sessionOpen) {
                server.events().session(-1);
            }
            server.events().connection(accepted ? ServerEvents.Admission.ACCEPTED : fate);
            if (announced) {
                server.log().end(id, status);
            }
            lease.release(); // logs the status line
        }
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public ProgramEnvironment takeEnvironment() {
        ProgramEnvironment e = environment;
        environment = null; // the server's whole environment plus the connection's: not for the session's length
        return e;
    }

    @Override
    public Optional<SSLSocket> handshake() {
        Optional<ServerHandshake.Established> established = server.handshake().run(channel, admitted.verifyHost());
        established.ifPresent(e -> {
            peerClose = e.peerClose();
            serverName = e.serverName();
            server.handshake().logChoices(id, e);
            sessionOpen = true;
            server.events().session(1);
        });
        return established.map(ServerHandshake.Established::ssl);
    }

    @Override
    public void holdPeerClose() {
        if (peerClose != null) {
            peerClose.arm();
        }
    }

    @Override
    public List<SslVariable> sslVariables(SSLSocket ssl) {
        List<SslVariable> all = new ArrayList<>(SslVariables.of(SslVariables.Side.SERVER, ssl.getSession(),
                server.handshake().tls().library()));
        all.addAll(SslVariables.negotiated(ssl, serverName));
        return all;
    }

    @Override
    public List<SslVariable> exportedSslVariables(SSLSocket ssl) {
        if (server.options().sslEnv()) {
            return sslVariables(ssl);
        }
        // a one-certificate server without ALPN exports what the C server does: nothing
        return server.handshake().tls().choosesPerConnection() ? SslVariables.negotiated(ssl, serverName) : List.of();
    }

    @Override
    public byte[] banner() {
        return server.options().banner().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public Duration idleTimeout() {
        return server.options().idleTimeout();
    }

    @Override
    public ServerEvents events() {
        return server.events();
    }

    @Override
    public void accepted(List<SslVariable> vars) {
        accepted = true;
        server.log().accept(id, protocolAndCipher(vars));
    }

    @Override
    public void dropped(String reason) {
        server.log().drop(reason);
    }

    /**
     * {@code PROTOCOL:CIPHER} for the {@code -V} accept line (the C server takes the 1st and 3rd
     * SSL_* entries; looked up by name here, since SSL_SESSION_ID may be absent). Null without them.
     */
    static String protocolAndCipher(List<SslVariable> vars) {
        Optional<String> protocol = SslVariables.value(vars, "SSL_PROTOCOL");
        Optional<String> cipher = SslVariables.value(vars, "SSL_CIPHER");
        return protocol.isPresent() && cipher.isPresent() ? protocol.get() + ":" + cipher.get() : null;
    }
}
