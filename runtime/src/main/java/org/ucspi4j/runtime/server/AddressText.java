package org.ucspi4j.runtime.server;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import org.ucspi4j.lookup.Ipv6Text;

/**
 * An address as the C servers write it into the environment, the log and rule lookups: IPv4
 * (also IPv4-mapped) as a dotted quad, IPv6 in fehQlibs' compact lower-case form; with {@code -6},
 * IPv4 clients as {@code ::ffff:a.b.c.d}. {@code ipv6}: the TCP6 variables apply.
 */
record AddressText(String text, boolean ipv6, String interfaceName) {
    static AddressText of(InetAddress a, boolean ipv6Mode) {
        if (a instanceof Inet4Address v4) {
            if (!ipv6Mode) {
                return new AddressText(v4.getHostAddress(), false, null);
            }
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(v4.getAddress(), 0, mapped, 12, 4);
            return new AddressText(Ipv6Text.compact(mapped), true, null);
        }
        Inet6Address v6 = (Inet6Address) a;
        byte[] ip = v6.getAddress();
        if (Ipv6Text.isV4Mapped(ip) && !ipv6Mode) {
            return new AddressText((ip[12] & 0xff) + "." + (ip[13] & 0xff) + "." + (ip[14] & 0xff) + "." + (ip[15] & 0xff),
                    false, null);
        }
        NetworkInterface nif = v6.getScopedInterface();
        String scope = nif != null ? nif.getName() : v6.getScopeId() != 0 ? Integer.toString(v6.getScopeId()) : null;
        return new AddressText(Ipv6Text.compact(ip), true, scope);
    }
}
