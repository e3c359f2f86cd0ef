package org.ucspi4j.rules.tools;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.net.util.SubnetUtils;
import org.ucspi4j.lookup.text.DottedIpv4;

/** IPv4 address intervals as minimal sets of CIDR blocks, with commons-net's {@link SubnetUtils}. */
public final class Ipv4Blocks {
    private Ipv4Blocks() {}

    /** A CIDR block: network address (unsigned 32-bit) and prefix length. */
    public record Block(long network, int prefix) {
        /** {@code a.b.c.d/n} as SubnetUtils writes it. */
        public String cidr() {
            return new SubnetUtils(DottedIpv4.text(network) + "/" + prefix).getInfo().getCidrSignature();
        }

        public long first() {
            return network;
        }

        public long last() {
            return network + (1L << (32 - prefix)) - 1;
        }
    }

    /** The fewest blocks that cover exactly {@code first..last} (inclusive), in address order. */
    public static List<Block> cover(long first, long last) {
        List<Block> blocks = new ArrayList<>();
        long at = first;
        while (at <= last) {
            int size = at == 0 ? 32 : Long.numberOfTrailingZeros(at);
            size = Math.min(size, 32);
            while (size > 0 && at + (1L << size) - 1 > last) {
                size--;
            }
            int prefix = 32 - size;
            // SubnetUtils agrees that the block starts at its network address
            SubnetUtils.SubnetInfo info = new SubnetUtils(DottedIpv4.text(at) + "/" + prefix).getInfo();
            if (prefix > 0 && info.asInteger(info.getNetworkAddress()) != (int) at) {
                throw new IllegalStateException("not a network: " + DottedIpv4.text(at) + "/" + prefix);
            }
            blocks.add(new Block(at, prefix));
            at += 1L << size;
        }
        return blocks;
    }
}
