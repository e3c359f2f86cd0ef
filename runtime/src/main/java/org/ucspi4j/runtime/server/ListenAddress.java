package org.ucspi4j.runtime.server;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Optional;

/**
 * Where sslserver listens, from its host argument: {@code 0} and {@code :0} listen on all IPv4 and
 * IPv6 addresses with one dual-stack socket (0.95b's {@code 0}; fehcom's {@code :0}), {@code ::}
 * likewise, {@code 0.0.0.0} on IPv4 only, a literal on that address, a name on the address it
 * resolves to ({@code -4}/{@code -6} pick the family).
 *
 * @param address null for the dual-stack wildcard
 */
record ListenAddress(InetAddress address, boolean ipv4Only) {
    /** The host argument cannot be turned into an address; {@code message} is the C server's. */
    public static final class Unresolvable extends Exception {
        public Unresolvable(String message) {
            super(message);
        }
    }

    public static ListenAddress of(String host, boolean ipv4, boolean ipv6, String interfaceName) throws Unresolvable {
        if (host.isEmpty() || host.equals("0") || host.equals(":0") || host.equals("::")) {
            return ipv4 ? new ListenAddress(any4(), true) : new ListenAddress(null, false);
        }
        if (host.equals("0.0.0.0")) {
            return new ListenAddress(any4(), true);
        }
        if (org.ucspi4j.runtime.ucspi.DnsNames.impossible(host)) {
            throw new Unresolvable("temporarily unable to figure out IP address for " + host + ": "
                    + org.ucspi4j.runtime.ucspi.DnsNames.PROTOCOL_ERROR);
        }
        List<InetAddress> found;
        try {
            found = List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            throw new Unresolvable("no IP address for " + host);
        } catch (SecurityException e) {
            throw new Unresolvable("temporarily unable to figure out IP address for " + host + ": " + e.getMessage());
        }
        Optional<InetAddress> pick = found.stream()
                .filter(a -> ipv4 ? a instanceof Inet4Address : !ipv6 || a instanceof Inet6Address)
                .findFirst();
        if (pick.isEmpty()) {
            throw new Unresolvable("no IP address for " + host);
        }
        InetAddress a = pick.get();
        if (a instanceof Inet6Address v6 && interfaceName != null && v6.isLinkLocalAddress()) {
            try {
                NetworkInterface nif = NetworkInterface.getByName(interfaceName);
                if (nif != null) {
                    a = Inet6Address.getByAddress(null, v6.getAddress(), nif);
                }
            } catch (IOException e) {
                throw new Unresolvable("unable to figure out interface " + interfaceName);
            }
        }
        return new ListenAddress(a, a instanceof Inet4Address);
    }

    private static InetAddress any4() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bound, listening channel (SO_REUSEADDR, as the C server binds). */
    public ServerSocketChannel bind(int port, int backlog) throws IOException {
        ServerSocketChannel ch = ipv4Only ? ServerSocketChannel.open(StandardProtocolFamily.INET)
                : ServerSocketChannel.open();
        try {
            ch.socket().setReuseAddress(true);
            ch.bind(address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port), backlog);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }
}
