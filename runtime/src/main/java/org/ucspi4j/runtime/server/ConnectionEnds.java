package org.ucspi4j.runtime.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Both ends of a connection as the gate judges it: the socket's, or, for a connection a load
 * balancer made ({@code PROXY_FROM}), the client's and the address it reached, as the PROXY header
 * names them, with the balancer's own hop beside them.
 *
 * @param balancer null for a direct connection
 */
record ConnectionEnds(InetSocketAddress remote, InetSocketAddress local, Balancer balancer) {
    /** The hop from the balancer: its address and port, the server's end of it, and the header it sent. */
    record Balancer(InetSocketAddress remote, InetSocketAddress local, ProxyHeader header) {
        int version() {
            return switch (header) {
                case ProxyHeader.Proxied p -> p.version();
                case ProxyHeader.Local l -> l.version();
                case ProxyHeader.Malformed m -> 0;
            };
        }

        /** {@code LOCAL} or {@code UNKNOWN} (...) for a header that named no client; null when it did. */
        String command() {
            return header instanceof ProxyHeader.Local l ? l.command() : null;
        }

        List<ProxyHeader.Tlv> tlvs() {
            return switch (header) {
                case ProxyHeader.Proxied p -> p.tlvs();
                case ProxyHeader.Local l -> l.tlvs();
                case ProxyHeader.Malformed m -> List.of();
            };
        }
    }

    /** The socket's own ends. */
    static ConnectionEnds of(SocketChannel channel) throws IOException {
        return new ConnectionEnds((InetSocketAddress) channel.getRemoteAddress(),
                (InetSocketAddress) channel.getLocalAddress(), null);
    }

    /** The balancer's variables, every one: set for what the header and the hop give, unset otherwise. */
    static final List<String> NAMES = List.of("PROXYREMOTEIP", "PROXYREMOTEPORT", "PROXYLOCALIP", "PROXYLOCALPORT",
            "PROXY_ALPN", "PROXY_AUTHORITY", "PROXY_UNIQUE_ID", "PROXY_NETNS", "PROXY_SSL_VERSION", "PROXY_SSL_CN",
            "PROXY_SSL_CIPHER", "PROXY_SSL_SIG_ALG", "PROXY_SSL_KEY_ALG", "PROXY_SSL_VERIFY");

    /**
     * The {@code PROXY*} variables for the program, in {@link #NAMES}' order: for a balancer's
     * connection its hop ({@code PROXYREMOTEIP}... in the C tools' address forms) and the version 2
     * TLVs that mean something to a program (the first of each type; bytes as sent); every name not
     * set is unset, so that neither the server's environment nor a rule can fake one, and a direct
     * connection has none of them.
     */
    List<Map.Entry<String, String>> variables(boolean ipv6Mode) {
        String[] values = new String[NAMES.size()];
        if (balancer != null) {
            values[0] = AddressText.of(balancer.remote().getAddress(), ipv6Mode).text();
            values[1] = Integer.toString(balancer.remote().getPort());
            values[2] = AddressText.of(balancer.local().getAddress(), ipv6Mode).text();
            values[3] = Integer.toString(balancer.local().getPort());
            for (ProxyHeader.Tlv t : balancer.tlvs()) {
                switch (t.type()) {
                    case ProxyHeader.PP2_TYPE_ALPN -> first(values, 4, t.bytes());
                    case ProxyHeader.PP2_TYPE_AUTHORITY -> first(values, 5, t.bytes());
                    case ProxyHeader.PP2_TYPE_UNIQUE_ID -> first(values, 6, t.bytes());
                    case ProxyHeader.PP2_TYPE_NETNS -> first(values, 7, t.bytes());
                    case ProxyHeader.PP2_TYPE_SSL -> {
                        if (values[13] == null) {
                            byte[] v = t.value();
                            long verify = (v[1] & 0xffL) << 24 | (v[2] & 0xffL) << 16 | (v[3] & 0xffL) << 8 | v[4] & 0xffL;
                            values[13] = Long.toString(verify);
                            for (ProxyHeader.Tlv s : t.sub()) {
                                int at = switch (s.type()) {
                                    case ProxyHeader.PP2_SUBTYPE_SSL_VERSION -> 8;
                                    case ProxyHeader.PP2_SUBTYPE_SSL_CN -> 9;
                                    case ProxyHeader.PP2_SUBTYPE_SSL_CIPHER -> 10;
                                    case ProxyHeader.PP2_SUBTYPE_SSL_SIG_ALG -> 11;
                                    case ProxyHeader.PP2_SUBTYPE_SSL_KEY_ALG -> 12;
                                    default -> -1;
                                };
                                if (at >= 0) {
                                    first(values, at, s.bytes());
                                }
                            }
                        }
                    }
                    default -> {
                        // CRC32C (checked by the reader), NOOP, custom and unknown types: nothing for the program
                    }
                }
            }
        }
        List<Map.Entry<String, String>> out = new ArrayList<>(NAMES.size());
        for (int i = 0; i < values.length; i++) {
            out.add(new AbstractMap.SimpleImmutableEntry<>(NAMES.get(i), values[i]));
        }
        return out;
    }

    private static void first(String[] values, int at, String value) {
        if (values[at] == null) {
            values[at] = value;
        }
    }
}
