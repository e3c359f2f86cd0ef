package org.ucspi4j.runtime.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.ucspi4j.lookup.text.DottedIpv4;
import org.ucspi4j.lookup.text.Ipv6Forms;

/**
 * A PROXY protocol header, version 1 (a text line) or 2 (binary), read from the front of a
 * connection a load balancer made on behalf of its client: the client's address and port as the
 * balancer saw them, and in version 2 the TLVs that follow the addresses.
 *
 * <p>{@link #read} takes exactly the header's bytes from the stream and never one more: the
 * client's TLS ClientHello (or, with {@code -n}, its plaintext) follows on the same connection. A
 * version 1 line is read a byte at a time up to its LF (at most 107 bytes); a version 2 header is
 * read as its 16 fixed bytes, then the length they declare. Anything that is not a well-formed
 * header is {@link Malformed}, with the reason; nothing throws but the stream itself.
 */
sealed interface ProxyHeader {
    /** The longest version 1 line, CRLF included (the specification's limit). */
    int MAX_V1 = 107;
    /** The fixed part of a version 2 header: signature, version and command, family, length. */
    int V2_FIXED = 16;
    /**
     * The most a version 2 header may declare after its fixed part. The addresses take 216 bytes at
     * most (AF_UNIX); the rest is TLVs, which balancers keep small (an authority, a unique id of at
     * most 128 bytes, a client certificate's CN). A longer header is refused unread.
     */
    int MAX_V2_LENGTH = 2048;

    // version 2 TLV types (proxy-protocol.txt, 2.2.x)
    int PP2_TYPE_ALPN = 0x01;
    int PP2_TYPE_AUTHORITY = 0x02;
    int PP2_TYPE_CRC32C = 0x03;
    int PP2_TYPE_NOOP = 0x04;
    int PP2_TYPE_UNIQUE_ID = 0x05;
    int PP2_TYPE_SSL = 0x20;
    int PP2_SUBTYPE_SSL_VERSION = 0x21;
    int PP2_SUBTYPE_SSL_CN = 0x22;
    int PP2_SUBTYPE_SSL_CIPHER = 0x23;
    int PP2_SUBTYPE_SSL_SIG_ALG = 0x24;
    int PP2_SUBTYPE_SSL_KEY_ALG = 0x25;
    int PP2_TYPE_NETNS = 0x30;

    /** The longest unique id the specification allows. */
    int MAX_UNIQUE_ID = 128;

    /** How many bytes the header took from the stream (for {@link Malformed}: how many were read before giving up). */
    int length();

    /**
     * A proxied TCP connection: the client ({@code source}) and the address it connected to on the
     * balancer ({@code destination}), with the TLVs of a version 2 header (none for version 1).
     */
    record Proxied(int version, InetSocketAddress source, InetSocketAddress destination, List<Tlv> tlvs, int length)
            implements ProxyHeader {
        public Proxied {
            tlvs = List.copyOf(tlvs);
        }
    }

    /**
     * A header that names no client to believe: version 2's LOCAL command (a balancer's own health
     * check), version 1's UNKNOWN, or a version 2 PROXY command for an unspecified family or
     * protocol, AF_UNIX or a datagram. The connection is the balancer's own. {@code command} is
     * {@code LOCAL}, {@code UNKNOWN}, {@code UNSPEC}, {@code UNIX} or {@code DGRAM}.
     */
    record Local(int version, String command, List<Tlv> tlvs, int length) implements ProxyHeader {
        public Local {
            tlvs = List.copyOf(tlvs);
        }
    }

    /** Not a (whole, well-formed, acceptable) header; {@code reason} says why, in a few words. */
    record Malformed(String reason, int length) implements ProxyHeader {}

    /** One version 2 TLV; {@code sub} holds the sub-TLVs of a PP2_TYPE_SSL one (empty for others). */
    record Tlv(int type, byte[] value, List<Tlv> sub) {
        public Tlv {
            value = value.clone();
            sub = List.copyOf(sub);
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /** The value as a byte string (one char per byte), as environment values are kept. */
        public String bytes() {
            return new String(value, StandardCharsets.ISO_8859_1);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tlv t && t.type == type && Arrays.equals(t.value, value) && t.sub.equals(sub);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * type + Arrays.hashCode(value)) + sub.hashCode();
        }

        @Override
        public String toString() {
            return "Tlv[" + type + ", " + bytes() + (sub.isEmpty() ? "" : ", " + sub) + "]";
        }
    }

    /** The 12 bytes that start every version 2 header. */
    byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    /**
     * Reads one header from {@code in}, version 1 or 2 as its first byte says.
     *
     * @throws IOException only from the stream itself (a reset, the deadline closing the socket);
     *         an early end of stream is {@link Malformed}
     */
    static ProxyHeader read(InputStream in) throws IOException {
        return new Reader(in).header();
    }

    /** The reading, with the count of bytes taken. */
    final class Reader {
        private final InputStream in;
        private int taken;
        private int crcAt = -1; // where the CRC32C TLV's value starts in the header, if it has one

        private Reader(InputStream in) {
            this.in = in;
        }

        ProxyHeader header() throws IOException {
            try {
                int first = in.read();
                if (first < 0) {
                    return new Malformed("no PROXY header: connection closed", 0);
                }
                taken = 1;
                if (first == 'P') {
                    return v1();
                }
                if (first == V2_SIGNATURE[0]) {
                    return v2();
                }
                return new Malformed("no PROXY header", taken);
            } catch (EOFException e) {
                return new Malformed("truncated after " + taken + " bytes", taken);
            }
        }

        /** Fills {@code b[from..]}; an early end of stream is an EOFException. */
        private void fill(byte[] b, int from) throws IOException {
            for (int at = from; at < b.length; ) {
                int n = in.read(b, at, b.length - at);
                if (n < 0) {
                    throw new EOFException();
                }
                at += n;
                taken += n;
            }
        }

        // --- version 1 ------------------------------------------------------------------------

        private ProxyHeader v1() throws IOException {
            // "PROXY " first, read at once: a line holds at least 15 bytes
            byte[] line = new byte[MAX_V1];
            line[0] = 'P';
            byte[] start = Arrays.copyOf(line, 6);
            fill(start, 1);
            if (!Arrays.equals(start, "PROXY ".getBytes(StandardCharsets.US_ASCII))) {
                return new Malformed("no PROXY header", taken);
            }
            System.arraycopy(start, 0, line, 0, 6);
            int n = 6;
            while (line[n - 1] != '\n') {
                if (n == MAX_V1) {
                    return new Malformed("v1 line over " + MAX_V1 + " bytes", taken);
                }
                int b = in.read();
                if (b < 0) {
                    throw new EOFException();
                }
                taken++;
                line[n++] = (byte) b;
            }
            if (line[n - 2] != '\r') {
                return new Malformed("v1 line not ended by CRLF", taken);
            }
            return v1Fields(line, 6, n - 2);
        }

        /** The fields of {@code line[from..to)}: after "PROXY ", before the CRLF. */
        private ProxyHeader v1Fields(byte[] line, int from, int to) {
            List<int[]> fields = new ArrayList<>();
            int start = from;
            for (int i = from; i <= to; i++) {
                if (i == to || line[i] == ' ') {
                    fields.add(new int[] {start, i});
                    start = i + 1;
                }
            }
            String protocol = ascii(line, fields.getFirst());
            if (protocol.equals("UNKNOWN")) {
                // the receiver ignores whatever follows UNKNOWN up to the CRLF
                return new Local(1, "UNKNOWN", List.of(), taken);
            }
            boolean v4 = protocol.equals("TCP4");
            if (!v4 && !protocol.equals("TCP6")) {
                return new Malformed("v1 protocol not TCP4, TCP6 or UNKNOWN", taken);
            }
            if (fields.size() != 5) {
                return new Malformed("v1 line not 6 fields", taken);
            }
            for (int[] f : fields) {
                if (f[0] == f[1]) {
                    return new Malformed("v1 field empty", taken);
                }
            }
            byte[] source = v4 ? v4Address(line, fields.get(1)) : v6Address(line, fields.get(1));
            byte[] destination = v4 ? v4Address(line, fields.get(2)) : v6Address(line, fields.get(2));
            if (source == null || destination == null) {
                return new Malformed("v1 address not " + (v4 ? "IPv4" : "IPv6"), taken);
            }
            int sourcePort = port(line, fields.get(3));
            int destinationPort = port(line, fields.get(4));
            if (sourcePort < 0 || destinationPort < 0) {
                return new Malformed("v1 port not 0 to 65535", taken);
            }
            return new Proxied(1, socketAddress(source, sourcePort), socketAddress(destination, destinationPort),
                    List.of(), taken);
        }

        private static String ascii(byte[] b, int[] field) {
            return new String(b, field[0], field[1] - field[0], StandardCharsets.ISO_8859_1);
        }

        /** A dotted quad as inet_ntop writes it (no leading zeros), or null. */
        private static byte[] v4Address(byte[] b, int[] f) {
            if (!DottedIpv4.isDotted(b, f[0], f[1])) {
                return null;
            }
            DottedIpv4.Shape s = DottedIpv4.read(b, f[0], f[1]);
            if (!s.servable() || s.prefix()) {
                return null;
            }
            long ip = s.ip();
            return new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
        }

        /** IPv6 text as inet_pton reads it, or null. */
        private static byte[] v6Address(byte[] b, int[] f) {
            return Ipv6Forms.strict(b, f[0], f[1]);
        }

        /** A decimal port, 0 to 65535, without leading zeros; -1 otherwise. */
        private static int port(byte[] b, int[] f) {
            int len = f[1] - f[0];
            if (len > 5 || len > 1 && b[f[0]] == '0') {
                return -1;
            }
            int v = 0;
            for (int i = f[0]; i < f[1]; i++) {
                if (b[i] < '0' || b[i] > '9') {
                    return -1;
                }
                v = v * 10 + (b[i] - '0');
            }
            return v <= 0xffff ? v : -1;
        }

        // --- version 2 ------------------------------------------------------------------------

        private ProxyHeader v2() throws IOException {
            byte[] fixed = new byte[V2_FIXED];
            fixed[0] = V2_SIGNATURE[0];
            // the signature alone is 12 bytes and every header has 16: no risk of reading too far
            fill(fixed, 1);
            if (!Arrays.equals(fixed, 0, V2_SIGNATURE.length, V2_SIGNATURE, 0, V2_SIGNATURE.length)) {
                return new Malformed("no PROXY header", taken);
            }
            int version = (fixed[12] & 0xff) >>> 4;
            int command = fixed[12] & 0x0f;
            int family = (fixed[13] & 0xff) >>> 4;
            int transport = fixed[13] & 0x0f;
            int length = (fixed[14] & 0xff) << 8 | fixed[15] & 0xff;
            if (version != 2) {
                return new Malformed("v2 version " + version + ", not 2", taken);
            }
            if (command > 1) {
                return new Malformed("v2 command " + command + " not LOCAL or PROXY", taken);
            }
            if (family > 3 || transport > 2) {
                return new Malformed("v2 family or protocol " + hex(fixed[13]) + " unknown", taken);
            }
            if (length > MAX_V2_LENGTH) {
                return new Malformed("v2 header of " + (V2_FIXED + length) + " bytes over "
                        + (V2_FIXED + MAX_V2_LENGTH), taken);
            }
            int addresses = switch (family) {
                case 1 -> 12;
                case 2 -> 36;
                case 3 -> 216;
                default -> 0;
            };
            byte[] header = Arrays.copyOf(fixed, V2_FIXED + length);
            fill(header, V2_FIXED);
            if (length < addresses) {
                if (command == 0) {
                    // LOCAL: the receiver discards the address block whatever the family says
                    return new Local(2, "LOCAL", List.of(), taken);
                }
                return new Malformed("v2 addresses truncated: " + length + " bytes for "
                        + (family == 1 ? "IPv4" : family == 2 ? "IPv6" : "AF_UNIX"), taken);
            }
            List<Tlv> tlvs = new ArrayList<>();
            String problem = tlvs(header, V2_FIXED + addresses, header.length, tlvs, false);
            if (problem != null) {
                return new Malformed(problem, taken);
            }
            if (crcAt >= 0) {
                int crcLength = (header[crcAt - 2] & 0xff) << 8 | header[crcAt - 1] & 0xff;
                if (crcLength != 4) {
                    return new Malformed("v2 CRC32C TLV of " + crcLength + " bytes, not 4", taken);
                }
                if (!crcMatches(header, crcAt)) {
                    return new Malformed("v2 CRC32C mismatch", taken);
                }
            }
            for (Tlv t : tlvs) {
                if (t.type() == PP2_TYPE_UNIQUE_ID && t.value.length > MAX_UNIQUE_ID) {
                    return new Malformed("v2 unique id of " + t.value.length + " bytes over " + MAX_UNIQUE_ID, taken);
                }
            }
            if (command == 0) {
                return new Local(2, "LOCAL", tlvs, taken);
            }
            if (family == 0 || transport == 0) {
                return new Local(2, "UNSPEC", tlvs, taken);
            }
            if (family == 3) {
                return new Local(2, "UNIX", tlvs, taken);
            }
            if (transport == 2) {
                return new Local(2, "DGRAM", tlvs, taken);
            }
            int size = family == 1 ? 4 : 16;
            int at = V2_FIXED;
            byte[] source = Arrays.copyOfRange(header, at, at + size);
            byte[] destination = Arrays.copyOfRange(header, at + size, at + 2 * size);
            int ports = at + 2 * size;
            int sourcePort = (header[ports] & 0xff) << 8 | header[ports + 1] & 0xff;
            int destinationPort = (header[ports + 2] & 0xff) << 8 | header[ports + 3] & 0xff;
            return new Proxied(2, socketAddress(source, sourcePort), socketAddress(destination, destinationPort), tlvs,
                    taken);
        }

        /**
         * The TLVs of {@code b[from..to)} into {@code out}; null, or what is wrong. Within an SSL TLV
         * ({@code inSsl}) the same layout holds its sub-TLVs, which hold none of their own.
         */
        private String tlvs(byte[] b, int from, int to, List<Tlv> out, boolean inSsl) {
            int at = from;
            while (at < to) {
                if (to - at < 3) {
                    return (inSsl ? "v2 SSL sub-TLV" : "v2 TLV") + " truncated";
                }
                int type = b[at] & 0xff;
                int length = (b[at + 1] & 0xff) << 8 | b[at + 2] & 0xff;
                if (length > to - at - 3) {
                    return (inSsl ? "v2 SSL sub-TLV " : "v2 TLV ") + hex((byte) type) + " truncated";
                }
                if (type == PP2_TYPE_CRC32C && !inSsl) {
                    if (crcAt >= 0) {
                        return "v2 CRC32C TLV twice";
                    }
                    crcAt = at + 3;
                }
                byte[] value = Arrays.copyOfRange(b, at + 3, at + 3 + length);
                List<Tlv> sub = new ArrayList<>();
                if (type == PP2_TYPE_SSL && !inSsl) {
                    // client (1 byte), verify (4 bytes), then sub-TLVs
                    if (length < 5) {
                        return "v2 SSL TLV of " + length + " bytes, under 5";
                    }
                    String problem = tlvs(b, at + 3 + 5, at + 3 + length, sub, true);
                    if (problem != null) {
                        return problem;
                    }
                }
                out.add(new Tlv(type, value, sub));
                at += 3 + length;
            }
            return null;
        }

        /** CRC32C of the whole header with the checksum's own 4 bytes (at {@code at}) as zeros, as the sender computed it. */
        private static boolean crcMatches(byte[] header, int at) {
            byte[] copy = header.clone();
            Arrays.fill(copy, at, at + 4, (byte) 0);
            CRC32C crc = new CRC32C();
            crc.update(copy);
            long sent = (header[at] & 0xffL) << 24 | (header[at + 1] & 0xffL) << 16 | (header[at + 2] & 0xffL) << 8
                    | header[at + 3] & 0xffL;
            return crc.getValue() == sent;
        }

        private static String hex(byte b) {
            return String.format("0x%02x", b & 0xff);
        }

        private static InetSocketAddress socketAddress(byte[] ip, int port) {
            try {
                return new InetSocketAddress(InetAddress.getByAddress(ip), port);
            } catch (UnknownHostException e) {
                throw new AssertionError(e); // 4 or 16 bytes: never
            }
        }
    }
}
