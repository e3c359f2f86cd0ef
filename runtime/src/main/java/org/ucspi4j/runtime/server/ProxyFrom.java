package org.ucspi4j.runtime.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.ucspi4j.lookup.Ipv6Text;
import org.ucspi4j.lookup.text.DottedIpv4;
import org.ucspi4j.lookup.text.Ipv6Forms;

/**
 * {@code PROXY_FROM=ADDR[/LEN],...}: the load balancers whose connections start with a PROXY
 * protocol header. IPv4 networks match IPv4 peers and IPv4-mapped IPv6 ones alike (a dual-stack
 * listener sees the latter); an IPv4-mapped network is read as the IPv4 one.
 */
record ProxyFrom(List<Network> networks) {
    /** The variable's name. */
    static final String VARIABLE = "PROXY_FROM";

    /** One address with the number of leading bits that count (4 or 16 address bytes). */
    record Network(byte[] address, int bits) {
        boolean contains(byte[] ip) {
            if (ip.length != address.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i & 7);
                if ((ip[i >>> 3] & mask) != (address[i >>> 3] & mask)) {
                    return false;
                }
            }
            return true;
        }

        String text() {
            String ip = address.length == 4 ? (address[0] & 0xff) + "." + (address[1] & 0xff) + "."
                    + (address[2] & 0xff) + "." + (address[3] & 0xff) : Ipv6Text.compact(address);
            return ip + "/" + bits;
        }
    }

    ProxyFrom {
        networks = List.copyOf(networks);
    }

    /**
     * Reads the variable's value: addresses or networks separated by commas, blanks around each
     * allowed. Host bits beyond a prefix are ignored.
     *
     * @throws IllegalArgumentException naming the entry that is not an address or network
     */
    static ProxyFrom parse(String value) {
        List<Network> out = new ArrayList<>();
        for (String entry : value.split(",", -1)) {
            String e = entry.strip();
            out.add(network(e));
        }
        return new ProxyFrom(out);
    }

    private static Network network(String e) {
        if (e.isEmpty()) {
            throw new IllegalArgumentException("empty entry");
        }
        int slash = e.indexOf('/');
        String ip = slash < 0 ? e : e.substring(0, slash);
        byte[] text = ip.getBytes(StandardCharsets.ISO_8859_1);
        byte[] address;
        if (DottedIpv4.isDotted(text)) {
            DottedIpv4.Shape s = DottedIpv4.read(text);
            if (!s.servable() || s.prefix()) {
                throw new IllegalArgumentException("not an IPv4 address: " + e);
            }
            long v = s.ip();
            address = new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        } else {
            address = Ipv6Forms.strict(text);
            if (address == null) {
                throw new IllegalArgumentException("not an IP address: " + e);
            }
        }
        int max = address.length * 8;
        int bits = max;
        if (slash >= 0) {
            String len = e.substring(slash + 1);
            if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(len) > max) {
                throw new IllegalArgumentException("prefix length not 0 to " + max + ": " + e);
            }
            bits = Integer.parseInt(len);
        }
        if (address.length == 16 && Ipv6Text.isV4Mapped(address) && bits >= 96) {
            byte[] v4 = new byte[4];
            System.arraycopy(address, 12, v4, 0, 4);
            address = v4;
            bits -= 96;
        }
        return new Network(address, bits);
    }

    /** Whether a connection from {@code peer} must start with a PROXY header. */
    boolean includes(InetAddress peer) {
        byte[] ip = plain(peer);
        for (Network n : networks) {
            if (n.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    /** IPv4-mapped IPv6 as the 4 IPv4 bytes, so both spellings of one client match the same entries. */
    private static byte[] plain(InetAddress a) {
        byte[] ip = a.getAddress();
        if (a instanceof Inet6Address && Ipv6Text.isV4Mapped(ip)) {
            byte[] v4 = new byte[4];
            System.arraycopy(ip, 12, v4, 0, 4);
            return v4;
        }
        return ip;
    }

    /** The networks as the {@code -v} startup line shows them: {@code 127.0.0.1/32 ::1/128}. */
    String text() {
        StringJoiner j = new StringJoiner(" ");
        networks.forEach(n -> j.add(n.text()));
        return j.toString();
    }
}
