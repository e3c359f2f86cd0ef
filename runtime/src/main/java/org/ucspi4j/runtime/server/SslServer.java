package org.ucspi4j.runtime.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import org.ucspi4j.runtime.posix.ErrorText;
import org.ucspi4j.runtime.posix.Fds;
import org.ucspi4j.runtime.posix.SocketTuning;
import org.ucspi4j.runtime.tls.ServerTlsContext;

/**
 * The listener: accepts on one platform thread, waits while {@code -c} connections run (the kernel
 * backlog holds the rest, as with the C server), refuses an address over its MAXCONIP, and runs
 * each connection as a {@link Session} on its own virtual thread. A load balancer's connection
 * ({@code PROXY_FROM}) is counted against its client's MAXCONIP by its session, once the PROXY
 * header has named the client.
 */
final class SslServer {
    private final ServerOptions options;
    private final ServerLog log;
    private final ServerSocketChannel listener;
    private final ConnectionLimits limits;
    private final ProxyIntake intake;
    private final ServerEvents events;
    private final Session.Server shared;
    private final ConnectionIds ids = new ConnectionIds();

    public SslServer(ServerOptions options, ServerLog log, Map<String, String> baseEnvironment,
            ServerSocketChannel listener, ServerTlsContext tls, RulesSource rules, RulesSource earlyRules,
            ConnectionLimits limits, ProxyFrom proxyFrom, ConnectionService service, ServerEvents events) {
        this.options = options;
        this.log = log;
        this.listener = listener;
        this.limits = limits;
        this.events = events;
        this.intake = new ProxyIntake(proxyFrom, options.handshakeTimeout(), options.ipv6Mode(), log);
        this.shared = new Session.Server(options, log, intake,
                new ConnectionGate(options, log, baseEnvironment, rules, earlyRules, limits.limit()),
                new ServerHandshake(tls, options, log, events), service, events);
    }

    /** Accepts until the listener is closed. */
    public void serve() throws InterruptedException {
        log.status(limits.running(), limits.limit());
        while (listener.isOpen()) {
            boolean waited = limits.awaitSlot();
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // EMFILE and the like: say so, let the fds free up, go on
                log.warning("unable to accept: " + ErrorText.of(e));
                Thread.sleep(100);
                continue;
            }
            if (waited) {
                events.connection(ServerEvents.Admission.OVER_LIMIT);
            }
            InetAddress peer = ((InetSocketAddress) remoteOf(channel)).getAddress();
            boolean viaBalancer = intake.expectsHeader(peer);
            ConnectionLimits.Lease lease;
            if (viaBalancer) {
                lease = limits.admitUnattributed(); // its client's count waits for the header
            } else {
                ConnectionLimits.Admission admission = limits.admit(peer);
                if (admission.lease() == null) {
                    log.ipLimitExceeded(admission.refusedAtLimit(), AddressText.of(peer, options.ipv6Mode()).text());
                    events.connection(ServerEvents.Admission.OVER_MAXCONIP);
                    ProgramService.closeQuietly(channel);
                    continue;
                }
                lease = admission.lease();
            }
            tune(channel);
            Session session = new Session(shared, ids.next(), channel, lease, viaBalancer);
            Thread.ofVirtual().name("connection-" + session.id()).start(session::run);
        }
    }

    /** {@code -O} and {@code -D} on the accepted socket, as the C server sets them. */
    private void tune(SocketChannel channel) {
        try {
            if (!options.keepIpOptions()) {
                SocketTuning.killIpOptions(Fds.fdOf(channel));
            }
            channel.socket().setTcpNoDelay(!options.delay());
        } catch (IOException e) {
            // best effort, as in C
        }
    }

    private static java.net.SocketAddress remoteOf(SocketChannel channel) {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            return new InetSocketAddress(0);
        }
    }
}
