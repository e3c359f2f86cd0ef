package org.ucspi4j.runtime.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.ucspi4j.runtime.posix.ErrorText;
import org.ucspi4j.runtime.ucspi.HandshakeDeadline;

/**
 * The PROXY protocol at the door ({@code PROXY_FROM}): which peers are load balancers, and the
 * reading of the header each of their connections must start with, within {@code -T}. A peer not
 * in {@code PROXY_FROM} is never asked for one: whatever it sends is the client's own bytes.
 */
final class ProxyIntake {
    private final ProxyFrom from;
    private final Duration deadline;
    private final boolean ipv6Mode;
    private final ServerLog log;

    /** {@code from} null: no balancers, every connection is direct. */
    ProxyIntake(ProxyFrom from, Duration deadline, boolean ipv6Mode, ServerLog log) {
        this.from = from;
        this.deadline = deadline;
        this.ipv6Mode = ipv6Mode;
        this.log = log;
    }

    /** Whether a connection from {@code peer} must start with a PROXY header. */
    boolean expectsHeader(InetAddress peer) {
        return from != null && from.includes(peer);
    }

    /**
     * Reads the header of a balancer's connection, exactly its bytes, within {@code -T}: the
     * connection's ends as the gate is to judge them (the client's for a proxied connection, the
     * socket's for LOCAL and UNKNOWN), or null after one drop line (a bad, truncated or oversized
     * header, none at all, the deadline).
     */
    ConnectionEnds read(SocketChannel channel) {
        InetSocketAddress peer;
        InetSocketAddress local;
        try {
            peer = (InetSocketAddress) channel.getRemoteAddress();
            local = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            log.drop("unable to get local address: " + e.getMessage());
            return null;
        }
        String balancer = AddressText.of(peer.getAddress(), ipv6Mode).text();
        HandshakeDeadline clock = HandshakeDeadline.start(channel.socket(), deadline);
        ProxyHeader header;
        try {
            header = ProxyHeader.read(channel.socket().getInputStream());
        } catch (IOException e) {
            // the deadline closes the socket: a timeout surfaces as some I/O error, so name it
            bad(balancer, clock.stop() ? "timeout" : ErrorText.of(e));
            return null;
        }
        if (clock.stop()) {
            bad(balancer, "timeout"); // read in time, but the socket is closed or closing
            return null;
        }
        return switch (header) {
            case ProxyHeader.Malformed m -> {
                bad(balancer, m.reason());
                yield null;
            }
            case ProxyHeader.Proxied p -> new ConnectionEnds(p.source(), p.destination(),
                    new ConnectionEnds.Balancer(peer, local, p));
            case ProxyHeader.Local l -> new ConnectionEnds(peer, local, new ConnectionEnds.Balancer(peer, local, l));
        };
    }

    private void bad(String balancer, String reason) {
        log.drop("bad PROXY header from " + balancer + ": " + reason);
    }
}
