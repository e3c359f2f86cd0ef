package org.ucspi4j.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ucspi4j.lookup.CidrKeys;
import org.ucspi4j.lookup.Ipv6Text;

/** A rule's address as its dialect reads it, and the cdb keys it stands for. */
public sealed interface Address {
    /** The keys tcprules writes for this address, in order (a range may give none). */
    List<byte[]> keys();

    /** Stored as written: IPs, dotted prefixes, =host, =.suffix, =, info@..., the empty default. */
    record Verbatim(byte[] text) implements Address {
        @Override
        public List<byte[]> keys() {
            return List.of(text);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Verbatim v && Arrays.equals(text, v.text);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(text);
        }
    }

    /**
     * A 0.88 range: {@code head + n + tail} for n from low to min(high, 255), the numbers unsigned
     * 64-bit (wrapped as the C tool wraps them). {@code lowEmpty}/{@code highEmpty}: written empty.
     */
    record Range(byte[] head, long low, long high, byte[] tail, boolean lowEmpty, boolean highEmpty)
            implements Address {
        /** The top after clamping at 255. */
        public long top() {
            return Long.compareUnsigned(high, 255) > 0 ? 255 : high;
        }

        @Override
        public List<byte[]> keys() {
            List<byte[]> keys = new ArrayList<>();
            long top = top();
            for (long n = low; Long.compareUnsigned(n, top) <= 0; n++) {
                byte[] number = Long.toUnsignedString(n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                byte[] key = new byte[head.length + number.length + tail.length];
                System.arraycopy(head, 0, key, 0, head.length);
                System.arraycopy(number, 0, key, head.length, number.length);
                System.arraycopy(tail, 0, key, head.length + number.length, tail.length);
                keys.add(key);
            }
            return keys;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Range r && Arrays.equals(head, r.head) && low == r.low && high == r.high
                    && Arrays.equals(tail, r.tail);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(head) * 31 + Long.hashCode(low);
        }
    }

    /** An IPv4 network (tcp6): key {@code _} + prefix bits. {@code octets}: how many were written. */
    record Ipv4Cidr(byte[] ip, int prefix, int octets) implements Address {
        @Override
        public List<byte[]> keys() {
            return List.of(CidrKeys.ipv4(ip, prefix));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ipv4Cidr c && Arrays.equals(ip, c.ip) && prefix == c.prefix;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ip) * 31 + prefix;
        }
    }

    /** An IPv6 address (tcp6), optionally with {@code user@}: key in the 39-byte upper-case form. */
    record Ipv6Exact(byte[] user, byte[] ip) implements Address {
        @Override
        public List<byte[]> keys() {
            byte[] expanded = Ipv6Text.expanded(ip);
            if (user == null) {
                return List.of(expanded);
            }
            byte[] key = new byte[user.length + 1 + expanded.length];
            System.arraycopy(user, 0, key, 0, user.length);
            key[user.length] = '@';
            System.arraycopy(expanded, 0, key, user.length + 1, expanded.length);
            return List.of(key);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ipv6Exact e && Arrays.equals(user, e.user) && Arrays.equals(ip, e.ip);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ip);
        }
    }

    /** An IPv6 network (tcp6): key {@code ^} + prefix bits. */
    record Ipv6Cidr(byte[] ip, int prefix) implements Address {
        @Override
        public List<byte[]> keys() {
            return List.of(CidrKeys.ipv6(ip, prefix));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ipv6Cidr c && Arrays.equals(ip, c.ip) && prefix == c.prefix;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ip) * 31 + prefix;
        }
    }
}
