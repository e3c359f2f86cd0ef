package org.ucspi4j.runtime.client;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ucspi4j.lookup.Ipv6Text;
import org.ucspi4j.runtime.posix.ErrorText;

/**
 * tcpclient's connect: every address of the host in turn with the first timeout; those that timed
 * out get a second round with the second timeout (one address gets both at once).
 */
final class Connector {
    private Connector() {}

    static SocketChannel connect(ClientOptions o, int port, ClientLog log) throws ClientFailure {
        List<InetAddress> addresses = resolve(o, log);
        Duration[] timeouts = o.connectTimeout();
        if (addresses.size() == 1) {
            timeouts = new Duration[] {timeouts[0].plus(timeouts[1]), Duration.ZERO};
        }
        List<InetAddress> round = addresses;
        for (int r = 0; r < 2 && !round.isEmpty(); r++) {
            List<InetAddress> timedOut = new ArrayList<>();
            for (InetAddress a : round) {
                SocketChannel ch = null;
                try {
                    ch = SocketChannel.open(a instanceof Inet4Address ? java.net.StandardProtocolFamily.INET
                            : java.net.StandardProtocolFamily.INET6);
                    if (o.localIp() != null || o.localPort() != 0) {
                        InetAddress local = o.localIp() == null ? null : InetAddress.getByName(o.localIp());
                        ch.bind(local == null ? new InetSocketAddress(o.localPort())
                                : new InetSocketAddress(local, o.localPort()));
                    }
                    ch.socket().connect(new InetSocketAddress(a, port), (int) Math.max(1, timeouts[r].toMillis()));
                    ch.socket().setTcpNoDelay(!o.delay());
                    return ch;
                } catch (SocketTimeoutException e) {
                    close(ch);
                    if (r == 0 && !timeouts[1].isZero()) {
                        timedOut.add(a);
                    } else {
                        log.warning("unable to connect to: " + text(a) + " port: " + port + ": timed out");
                    }
                } catch (IOException e) {
                    close(ch);
                    log.warning("unable to connect to: " + text(a) + " port: " + port + ": " + ErrorText.of(e));
                }
            }
            round = timedOut;
        }
        log.drop(110, "unable to connect to: " + text(addresses.get(0)) + " port: " + port);
        throw new ClientFailure(110);
    }

    private static List<InetAddress> resolve(ClientOptions o, ClientLog log) throws ClientFailure {
        String host = o.host().isEmpty() || o.host().equals("0") ? "127.0.0.1" : o.host();
        if (org.ucspi4j.runtime.ucspi.DnsNames.impossible(host)) {
            log.fatal(111, "temporarily unable to figure out IP address for: " + host + ": "
                    + org.ucspi4j.runtime.ucspi.DnsNames.PROTOCOL_ERROR);
            throw new ClientFailure(111);
        }
        try {
            List<InetAddress> all = new ArrayList<>(Arrays.asList(InetAddress.getAllByName(host)));
            if (o.ipv4Only()) {
                all.removeIf(a -> !(a instanceof Inet4Address));
            }
            if (!all.isEmpty()) {
                return all;
            }
        } catch (UnknownHostException e) {
            // reported below
        }
        log.error(111, "No IP address for: " + o.host());
        throw new ClientFailure(111);
    }

    static String text(InetAddress a) {
        return a instanceof Inet4Address ? a.getHostAddress() : Ipv6Text.compact(a.getAddress());
    }

    private static void close(SocketChannel ch) {
        try {
            if (ch != null) {
                ch.close();
            }
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
