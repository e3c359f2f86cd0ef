package org.ucspi4j.runtime.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.ucspi4j.runtime.ErrorText;
import org.ucspi4j.runtime.posix.Fds;
import org.ucspi4j.runtime.posix.SocketTuning;
import org.ucspi4j.runtime.tls.ServerTlsContext;

/**
 * The listener: accepts on one platform thread, waits while {@code -c} connections run (the kernel
 * backlog holds the rest, as with the C server), refuses an address over its MAXCONIP, and runs
 * each connection as a {@link Session} on its own virtual thread.
 */
public final class SslServer {
    private final ServerOptions options;
    private final ServerLog log;
    private final Map<String, String> baseEnvironment;
    private final ServerSocketChannel listener;
    private final ServerTlsContext tls;
    private final RulesSource rules;
    private final RulesSource earlyRules;
    private final ConnectionLimits limits;
    private final ConnectionService service;
    private final RemoteNames names = new RemoteNames();
    private final ConnectionIds ids = new ConnectionIds();
    private final ScheduledExecutorService timer = Deadlines.TIMER;

    public SslServer(ServerOptions options, ServerLog log, Map<String, String> baseEnvironment,
            ServerSocketChannel listener, ServerTlsContext tls, RulesSource rules, RulesSource earlyRules,
            ConnectionLimits limits, ConnectionService service) {
        this.options = options;
        this.log = log;
        this.baseEnvironment = Map.copyOf(baseEnvironment);
        this.listener = listener;
        this.tls = tls;
        this.rules = rules;
        this.earlyRules = earlyRules;
        this.limits = limits;
        this.service = service;
    }

    /** Accepts until the listener is closed. */
    public void serve() throws InterruptedException {
        log.status(limits.running(), limits.limit());
        while (listener.isOpen()) {
            limits.awaitSlot();
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
            ConnectionLimits.Admission admission = limits.admit(((InetSocketAddress) remoteOf(channel)).getAddress());
            if (admission.lease() == null) {
                log.warning("ip connection limit of " + admission.refusedAtLimit() + " exceeded for: "
                        + AddressText.of(((InetSocketAddress) remoteOf(channel)).getAddress(), options.ipv6Mode()).text());
                Session.closeQuietly(channel);
                continue;
            }
            tune(channel);
            Session session = new Session(this, ids.next(), channel, admission.lease());
            Thread.ofVirtual().name("connection-" + session.id()).start(session::run);
        }
    }

    /**
     * The handshake deadlines. Nearly every one is cancelled within milliseconds; removed at once,
     * it neither stays queued (holding its socket) for {@code -T} seconds nor wakes the thread then.
     */
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

    ServerOptions options() {
        return options;
    }

    ServerLog log() {
        return log;
    }

    Map<String, String> baseEnvironment() {
        return baseEnvironment;
    }

    ServerTlsContext tls() {
        return tls;
    }

    RulesSource rules() {
        return rules;
    }

    RulesSource earlyRules() {
        return earlyRules;
    }

    ConnectionLimits limits() {
        return limits;
    }

    ConnectionService service() {
        return service;
    }

    RemoteNames names() {
        return names;
    }

    ScheduledExecutorService timer() {
        return timer;
    }
}
