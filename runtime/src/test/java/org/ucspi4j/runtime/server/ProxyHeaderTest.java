package org.ucspi4j.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ucspi4j.runtime.fixtures.ProxyHeaderBytes.SIG;
import static org.ucspi4j.runtime.fixtures.ProxyHeaderBytes.ascii;
import static org.ucspi4j.runtime.fixtures.ProxyHeaderBytes.bytes;
import static org.ucspi4j.runtime.fixtures.ProxyHeaderBytes.concat;
import static org.ucspi4j.runtime.fixtures.ProxyHeaderBytes.tlv;
import static org.ucspi4j.runtime.fixtures.ProxyHeaderBytes.v2;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The PROXY protocol reader on headers written out byte by byte, as proxy-protocol.txt lays them
 * out: each version's commands, families and TLVs, CRC32C (against a bitwise CRC-32C written here),
 * every truncation, and what is too long; and that it never takes a byte past the header.
 */
class ProxyHeaderTest {
    /** What follows every header here: the start of a TLS record, which the reader must leave alone. */
    private static final byte[] HELLO = {0x16, 0x03, 0x01, 0x00, 0x05, 'h', 'e', 'l', 'l', 'o'};

    /** The header, read from a stream that holds it and {@link #HELLO}: the rest must still be there. */
    private static ProxyHeader readBefore(byte[] header) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(concat(header, HELLO));
        ProxyHeader h = ProxyHeader.read(in);
        if (!(h instanceof ProxyHeader.Malformed)) {
            assertThat(h.length()).isEqualTo(header.length);
            assertThat(in.readAllBytes()).as("the bytes after the header").isEqualTo(HELLO);
        }
        return h;
    }

    private static ProxyHeader read(byte[] data) throws IOException {
        return ProxyHeader.read(new ByteArrayInputStream(data));
    }

    private static InetSocketAddress at(String ip, int port) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    // --- version 1 -------------------------------------------------------------------------------

    @Test
    void v1Tcp4() throws IOException {
        ProxyHeader h = readBefore(ascii("PROXY TCP4 192.0.2.7 198.51.100.1 50000 443\r\n"));
        assertThat(h).isEqualTo(new ProxyHeader.Proxied(1, at("192.0.2.7", 50000), at("198.51.100.1", 443), List.of(),
                45));
    }

    @Test
    void v1Tcp6() throws IOException {
        ProxyHeader h = readBefore(ascii("PROXY TCP6 2001:db8::7 2001:db8:0:0:0:0:0:1 65535 0\r\n"));
        assertThat(h).isInstanceOfSatisfying(ProxyHeader.Proxied.class, p -> {
            assertThat(p.version()).isEqualTo(1);
            assertThat(p.source().getAddress().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:7");
            assertThat(p.source().getPort()).isEqualTo(65535);
            assertThat(p.destination().getAddress().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
            assertThat(p.destination().getPort()).isZero();
        });
    }

    @Test
    void v1UnknownIgnoresTheRestOfItsLine() throws IOException {
        assertThat(readBefore(ascii("PROXY UNKNOWN\r\n"))).isEqualTo(new ProxyHeader.Local(1, "UNKNOWN", List.of(), 15));
        assertThat(readBefore(ascii("PROXY UNKNOWN ffff::1 ffff::2 x y z\r\n")))
                .isInstanceOf(ProxyHeader.Local.class);
    }

    @Test
    void v1LongestLineIs107Bytes() throws IOException {
        String max = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
        byte[] tcp6 = ascii("PROXY TCP6 " + max + " " + max + " 65535 65535\r\n");
        assertThat(readBefore(tcp6)).isInstanceOf(ProxyHeader.Proxied.class);
        byte[] line = ascii("PROXY UNKNOWN " + max + " " + max + " 65535 65535\r\n");
        assertThat(line).hasSize(ProxyHeader.MAX_V1);
        assertThat(readBefore(line)).isInstanceOf(ProxyHeader.Local.class);
        // one byte more before the CRLF, and the reader stops at 107 without the rest
        byte[] longer = ascii("PROXY UNKNOWN " + "x".repeat(92) + "\r\n");
        assertThat(longer).hasSize(108);
        ProxyHeader h = read(concat(longer, HELLO));
        assertThat(h).isEqualTo(new ProxyHeader.Malformed("v1 line over 107 bytes", 107));
    }

    @Test
    void v1RefusesWhatTheSpecificationDoesNotAllow() throws IOException {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("PROXY TCP4 192.0.2.7 198.51.100.1 50000 443\n", "v1 line not ended by CRLF"),
                Map.entry("PROXY TCP4 192.0.2.7 198.51.100.1 50000 443\r\r\n", "v1 port not 0 to 65535"),
                Map.entry("PROXY TCP5 192.0.2.7 198.51.100.1 50000 443\r\n", "v1 protocol not TCP4, TCP6 or UNKNOWN"),
                Map.entry("PROXY tcp4 192.0.2.7 198.51.100.1 50000 443\r\n", "v1 protocol not TCP4, TCP6 or UNKNOWN"),
                Map.entry("PROXY TCP4 192.0.2.7 198.51.100.1 50000\r\n", "v1 line not 6 fields"),
                Map.entry("PROXY TCP4 192.0.2.7 198.51.100.1 50000 443 1\r\n", "v1 line not 6 fields"),
                Map.entry("PROXY TCP4  192.0.2.7 198.51.100.1 50000 443\r\n", "v1 line not 6 fields"),
                Map.entry("PROXY TCP4 192.0.2.7 198.51.100.1  443\r\n", "v1 field empty"),
                Map.entry("PROXY TCP4 192.0.2.07 198.51.100.1 50000 443\r\n", "v1 address not IPv4"),
                Map.entry("PROXY TCP4 192.0.2.256 198.51.100.1 50000 443\r\n", "v1 address not IPv4"),
                Map.entry("PROXY TCP4 2001:db8::7 198.51.100.1 50000 443\r\n", "v1 address not IPv4"),
                Map.entry("PROXY TCP6 192.0.2.7 2001:db8::1 50000 443\r\n", "v1 address not IPv6"),
                Map.entry("PROXY TCP6 2001:db8::7%eth0 2001:db8::1 50000 443\r\n", "v1 address not IPv6"),
                Map.entry("PROXY TCP4 192.0.2.7 198.51.100.1 65536 443\r\n", "v1 port not 0 to 65535"),
                Map.entry("PROXY TCP4 192.0.2.7 198.51.100.1 050000 443\r\n", "v1 port not 0 to 65535"),
                Map.entry("PROXY TCP4 192.0.2.7 198.51.100.1 +5 443\r\n", "v1 port not 0 to 65535"),
                Map.entry("PROXY\tTCP4 192.0.2.7 198.51.100.1 5 443\r\n", "no PROXY header"),
                Map.entry("proxy TCP4 192.0.2.7 198.51.100.1 5 443\r\n", "no PROXY header"));
        for (var c : cases.entrySet()) {
            byte[] line = ascii(c.getKey());
            ProxyHeader h = read(concat(line, HELLO));
            assertThat(h).as(c.getKey()).isInstanceOfSatisfying(ProxyHeader.Malformed.class,
                    m -> assertThat(m.reason()).isEqualTo(c.getValue()));
            // the line is read up to its LF and no further (or up to where it was clearly no header)
            assertThat(h.length()).as(c.getKey()).isLessThanOrEqualTo(line.length);
        }
    }

    // --- version 2 -------------------------------------------------------------------------------

    /** 192.0.2.7:50000 to 198.51.100.1:443, as a version 2 IPv4 address block. */
    private static final byte[] IPV4_BLOCK = bytes(192, 0, 2, 7, 198, 51, 100, 1, 0xC3, 0x50, 0x01, 0xBB);

    /** [2001:db8::7]:50000 to [2001:db8::1]:443. */
    private static final byte[] IPV6_BLOCK = bytes(
            0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x07,
            0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
            0xC3, 0x50, 0x01, 0xBB);

    @Test
    void v2ProxyIpv4() throws IOException {
        byte[] header = v2(0x21, 0x11, IPV4_BLOCK);
        assertThat(header).hasSize(28);
        assertThat(readBefore(header)).isEqualTo(new ProxyHeader.Proxied(2, at("192.0.2.7", 50000),
                at("198.51.100.1", 443), List.of(), 28));
    }

    @Test
    void v2ProxyIpv6WithEveryTlv() throws IOException {
        byte[] ssl = tlv(0x20, concat(bytes(0x07, 0, 0, 0, 0),
                tlv(0x21, ascii("TLSv1.3")), tlv(0x22, ascii("client.example")), tlv(0x23, ascii("TLS_AES_128_GCM_SHA256")),
                tlv(0x24, ascii("SHA256")), tlv(0x25, ascii("RSA2048"))));
        byte[] header = v2(0x21, 0x21, IPV6_BLOCK, tlv(0x01, ascii("h2")), tlv(0x02, ascii("www.example.org")),
                tlv(0x04, bytes(0, 0, 0)), tlv(0x05, ascii("unique-1")), ssl, tlv(0x30, ascii("blue")),
                tlv(0xE0, bytes(1, 2)));
        ProxyHeader h = readBefore(header);
        assertThat(h).isInstanceOfSatisfying(ProxyHeader.Proxied.class, p -> {
            assertThat(p.source().getAddress().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:7");
            assertThat(p.destination().getPort()).isEqualTo(443);
            assertThat(p.tlvs()).extracting(ProxyHeader.Tlv::type).containsExactly(0x01, 0x02, 0x04, 0x05, 0x20, 0x30, 0xE0);
            assertThat(p.tlvs().get(4).sub()).extracting(ProxyHeader.Tlv::bytes)
                    .containsExactly("TLSv1.3", "client.example", "TLS_AES_128_GCM_SHA256", "SHA256", "RSA2048");
        });
        ConnectionEnds ends = new ConnectionEnds(at("2001:db8::7", 50000), at("2001:db8::1", 443),
                new ConnectionEnds.Balancer(at("127.0.0.1", 40000), at("127.0.0.1", 4433), h));
        Map<String, String> vars = ends.variables(false).stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(vars).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("PROXYREMOTEIP", "127.0.0.1"), Map.entry("PROXYREMOTEPORT", "40000"),
                Map.entry("PROXYLOCALIP", "127.0.0.1"), Map.entry("PROXYLOCALPORT", "4433"),
                Map.entry("PROXY_ALPN", "h2"), Map.entry("PROXY_AUTHORITY", "www.example.org"),
                Map.entry("PROXY_UNIQUE_ID", "unique-1"), Map.entry("PROXY_NETNS", "blue"),
                Map.entry("PROXY_SSL_VERSION", "TLSv1.3"), Map.entry("PROXY_SSL_CN", "client.example"),
                Map.entry("PROXY_SSL_CIPHER", "TLS_AES_128_GCM_SHA256"), Map.entry("PROXY_SSL_SIG_ALG", "SHA256"),
                Map.entry("PROXY_SSL_KEY_ALG", "RSA2048"), Map.entry("PROXY_SSL_VERIFY", "0")));
        // a direct connection unsets every one of them
        assertThat(new ConnectionEnds(at("192.0.2.7", 1), at("192.0.2.1", 2), null).variables(false))
                .allMatch(e -> e.getValue() == null).hasSize(ConnectionEnds.NAMES.size());
    }

    @Test
    void v2LocalAndAddresslessCommandsNameNoClient() throws IOException {
        assertThat(readBefore(v2(0x20, 0x00))).isEqualTo(new ProxyHeader.Local(2, "LOCAL", List.of(), 16));
        // LOCAL ignores whatever family and addresses it carries
        assertThat(readBefore(v2(0x20, 0x11, IPV4_BLOCK))).isEqualTo(new ProxyHeader.Local(2, "LOCAL", List.of(), 28));
        assertThat(readBefore(v2(0x20, 0x21, bytes(1, 2)))).isEqualTo(new ProxyHeader.Local(2, "LOCAL", List.of(), 18));
        assertThat(readBefore(v2(0x21, 0x00, tlv(0x02, ascii("x")))))
                .isEqualTo(new ProxyHeader.Local(2, "UNSPEC", List.of(new ProxyHeader.Tlv(2, ascii("x"), List.of())), 20));
        assertThat(readBefore(v2(0x21, 0x10, IPV4_BLOCK))).isInstanceOfSatisfying(ProxyHeader.Local.class,
                l -> assertThat(l.command()).isEqualTo("UNSPEC"));
        assertThat(readBefore(v2(0x21, 0x31, new byte[216]))).isInstanceOfSatisfying(ProxyHeader.Local.class,
                l -> assertThat(l.command()).isEqualTo("UNIX"));
        assertThat(readBefore(v2(0x21, 0x12, IPV4_BLOCK))).isInstanceOfSatisfying(ProxyHeader.Local.class,
                l -> assertThat(l.command()).isEqualTo("DGRAM"));
    }

    @Test
    void v2RefusesUnknownVersionsCommandsFamiliesAndShortBlocks() throws IOException {
        Map<byte[], String> cases = Map.of(
                v2(0x11, 0x11, IPV4_BLOCK), "v2 version 1, not 2",
                v2(0x22, 0x11, IPV4_BLOCK), "v2 command 2 not LOCAL or PROXY",
                v2(0x21, 0x41, IPV4_BLOCK), "v2 family or protocol 0x41 unknown",
                v2(0x21, 0x13, IPV4_BLOCK), "v2 family or protocol 0x13 unknown",
                v2(0x21, 0x11, Arrays.copyOf(IPV4_BLOCK, 11)), "v2 addresses truncated: 11 bytes for IPv4",
                v2(0x21, 0x21, IPV4_BLOCK), "v2 addresses truncated: 12 bytes for IPv6",
                v2(0x21, 0x11, IPV4_BLOCK, bytes(0x02, 0x00)), "v2 TLV truncated",
                v2(0x21, 0x11, IPV4_BLOCK, bytes(0x02, 0x00, 0x05, 'a')), "v2 TLV 0x02 truncated",
                v2(0x21, 0x11, IPV4_BLOCK, tlv(0x20, bytes(1, 0, 0, 0))), "v2 SSL TLV of 4 bytes, under 5",
                v2(0x21, 0x11, IPV4_BLOCK, tlv(0x20, bytes(1, 0, 0, 0, 0, 0x22, 0, 9, 'x'))), "v2 SSL sub-TLV 0x22 truncated");
        for (var c : cases.entrySet()) {
            ProxyHeader h = read(concat(c.getKey(), HELLO));
            assertThat(h).as(c.getValue()).isInstanceOfSatisfying(ProxyHeader.Malformed.class,
                    m -> assertThat(m.reason()).isEqualTo(c.getValue()));
            assertThat(h.length()).as(c.getValue()).isLessThanOrEqualTo(c.getKey().length);
        }
        assertThat(read(concat(v2(0x21, 0x11, IPV4_BLOCK, tlv(0x05, new byte[129])), HELLO)))
                .isEqualTo(new ProxyHeader.Malformed("v2 unique id of 129 bytes over 128", 16 + 12 + 3 + 129));
        assertThat(readBefore(v2(0x21, 0x11, IPV4_BLOCK, tlv(0x05, new byte[128])))).isInstanceOf(ProxyHeader.Proxied.class);
    }

    @Test
    void v2OversizedHeadersAreRefusedUnread() throws IOException {
        byte[] longest = v2(0x21, 0x11, IPV4_BLOCK, tlv(0x04, new byte[ProxyHeader.MAX_V2_LENGTH - 12 - 3]));
        assertThat(readBefore(longest)).isInstanceOf(ProxyHeader.Proxied.class);
        byte[] over = v2(0x21, 0x11, IPV4_BLOCK, tlv(0x04, new byte[ProxyHeader.MAX_V2_LENGTH - 12 - 2]));
        ByteArrayInputStream in = new ByteArrayInputStream(over);
        assertThat(ProxyHeader.read(in)).isEqualTo(new ProxyHeader.Malformed("v2 header of 2065 bytes over 2064", 16));
        assertThat(in.available()).as("nothing read past the fixed part").isEqualTo(over.length - 16);
        assertThat(read(concat(SIG, bytes(0x21, 0x11, 0xff, 0xff)))).isEqualTo(
                new ProxyHeader.Malformed("v2 header of 65551 bytes over 2064", 16));
    }

    // --- CRC32C ----------------------------------------------------------------------------------

    /** CRC-32C, bit by bit (reflected polynomial 0x82F63B78): the reference the reader is checked against. */
    static long crc32c(byte[] data) {
        long crc = 0xffffffffL;
        for (byte b : data) {
            crc ^= b & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? crc >>> 1 ^ 0x82F63B78L : crc >>> 1;
            }
        }
        return crc ^ 0xffffffffL;
    }

    /** A header whose last TLV is a CRC32C over the whole of it, the checksum's field zeroed while computing. */
    static byte[] withCrc(int verCmd, int family, byte[]... body) {
        byte[] h = v2(verCmd, family, concat(concat(body), tlv(0x03, new byte[4])));
        long crc = crc32c(h);
        int at = h.length - 4;
        h[at] = (byte) (crc >>> 24);
        h[at + 1] = (byte) (crc >>> 16);
        h[at + 2] = (byte) (crc >>> 8);
        h[at + 3] = (byte) crc;
        return h;
    }

    @Test
    void crc32cIsVerified() throws IOException {
        assertThat(crc32c(ascii("123456789"))).as("the CRC-32C check value").isEqualTo(0xE3069283L);
        byte[] good = withCrc(0x21, 0x11, IPV4_BLOCK, tlv(0x02, ascii("www.example.org")));
        assertThat(readBefore(good)).isInstanceOf(ProxyHeader.Proxied.class);
        assertThat(readBefore(withCrc(0x20, 0x00))).isInstanceOf(ProxyHeader.Local.class);
        // the checksum covers every byte of the header: change any one and it fails
        for (int i = 12; i < good.length; i++) {
            if (i == 14 || i == 15 || i >= 16 + 12 && i < 16 + 12 + 3 || i >= 16 + 12 + 18 && i < 16 + 12 + 21) {
                continue; // the length and TLV headers: changing those makes another header altogether
            }
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            assertThat(read(bad)).as("byte %d changed", i).isInstanceOf(ProxyHeader.Malformed.class);
        }
        byte[] flipped = good.clone();
        flipped[good.length - 1] ^= 0x40;
        assertThat(read(flipped)).isEqualTo(new ProxyHeader.Malformed("v2 CRC32C mismatch", good.length));
        assertThat(read(v2(0x21, 0x11, IPV4_BLOCK, tlv(0x03, bytes(0, 0, 0)))))
                .isEqualTo(new ProxyHeader.Malformed("v2 CRC32C TLV of 3 bytes, not 4", 16 + 12 + 6));
        byte[] twice = v2(0x21, 0x11, IPV4_BLOCK, tlv(0x03, new byte[4]), tlv(0x03, new byte[4]));
        assertThat(read(twice)).isEqualTo(new ProxyHeader.Malformed("v2 CRC32C TLV twice", twice.length));
    }

    // --- truncation, detection, the stream -------------------------------------------------------

    @Test
    void everyTruncationIsMalformedAndReadsNoMoreThanThereIs() throws IOException {
        List<byte[]> headers = List.of(
                ascii("PROXY TCP4 192.0.2.7 198.51.100.1 50000 443\r\n"),
                ascii("PROXY TCP6 2001:db8::7 2001:db8::1 50000 443\r\n"),
                ascii("PROXY UNKNOWN\r\n"),
                v2(0x21, 0x11, IPV4_BLOCK),
                v2(0x21, 0x21, IPV6_BLOCK, tlv(0x02, ascii("www.example.org"))),
                withCrc(0x21, 0x11, IPV4_BLOCK),
                v2(0x20, 0x00));
        for (byte[] header : headers) {
            for (int k = 0; k < header.length; k++) {
                ProxyHeader h = read(Arrays.copyOf(header, k));
                String what = new String(header, StandardCharsets.ISO_8859_1).strip() + " cut at " + k;
                assertThat(h).as(what).isEqualTo(k == 0
                        ? new ProxyHeader.Malformed("no PROXY header: connection closed", 0)
                        : new ProxyHeader.Malformed("truncated after " + k + " bytes", k));
            }
        }
    }

    @Test
    void anythingElseIsNoHeaderAndIsToldAtItsFirstByte() throws IOException {
        ByteArrayInputStream tls = new ByteArrayInputStream(HELLO);
        assertThat(ProxyHeader.read(tls)).isEqualTo(new ProxyHeader.Malformed("no PROXY header", 1));
        assertThat(tls.available()).isEqualTo(HELLO.length - 1);
        assertThat(read(ascii("GET / HTTP/1.0\r\n\r\n"))).isEqualTo(new ProxyHeader.Malformed("no PROXY header", 1));
        assertThat(read(ascii("PRI * HTTP/2.0\r\n"))).isEqualTo(new ProxyHeader.Malformed("no PROXY header", 6));
        assertThat(read(concat(Arrays.copyOf(SIG, 11), bytes('X'), bytes(0x21, 0x11, 0, 12), IPV4_BLOCK)))
                .isEqualTo(new ProxyHeader.Malformed("no PROXY header", 16));
    }

    @Test
    void aHeaderArrivingAByteAtATimeIsReadTheSame() throws IOException {
        byte[] header = withCrc(0x21, 0x21, IPV6_BLOCK, tlv(0x05, ascii("id")));
        InputStream trickle = new InputStream() {
            private final ByteArrayInputStream in = new ByteArrayInputStream(concat(header, HELLO));

            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, Math.min(len, 1));
            }
        };
        assertThat(ProxyHeader.read(trickle)).isEqualTo(read(header));
        assertThat(trickle.readAllBytes()).isEqualTo(HELLO);
    }

    // --- PROXY_FROM ----------------------------------------------------------------------------

    @Test
    void proxyFromListsAddressesAndNetworks() throws IOException {
        ProxyFrom f = ProxyFrom.parse("127.0.0.1, ::1 ,10.1.0.0/16,2001:db8::/32,::ffff:192.0.2.0/120");
        assertThat(f.text()).isEqualTo("127.0.0.1/32 ::1/128 10.1.0.0/16 2001:db8::/32 192.0.2.0/24");
        assertThat(f.includes(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(f.includes(InetAddress.getByName("127.0.0.2"))).isFalse();
        assertThat(f.includes(InetAddress.getByName("::1"))).isTrue();
        assertThat(f.includes(InetAddress.getByName("10.1.255.3"))).isTrue();
        assertThat(f.includes(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(f.includes(InetAddress.getByName("2001:db8:ffff::9"))).isTrue();
        assertThat(f.includes(InetAddress.getByName("2001:db9::9"))).isFalse();
        assertThat(f.includes(InetAddress.getByName("192.0.2.77"))).isTrue();
        // an IPv4 peer on a dual-stack socket, IPv4-mapped
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[13] = 1;
        assertThat(f.includes(java.net.Inet6Address.getByAddress(null, mapped, -1))).isTrue();
        assertThat(ProxyFrom.parse("0.0.0.0/0").includes(InetAddress.getByName("198.51.100.9"))).isTrue();
        assertThat(ProxyFrom.parse("0.0.0.0/0").includes(InetAddress.getByName("::2"))).isFalse();
        assertThat(ProxyFrom.parse("10.1.2.3/8").text()).isEqualTo("10.1.2.3/8");
        assertThat(ProxyFrom.parse("10.1.2.3/8").includes(InetAddress.getByName("10.200.0.1"))).isTrue();

        for (String bad : List.of("", ",", "127.0.0.1,", "localhost", "127.0.0", "127.0.0.01", "127.0.0.1/33",
                "::1/129", "::1/", "127.0.0.1/-1", "127.0.0.1/x", "fe80::1%eth0", "1:2:3", "127.0.0.1 ::1")) {
            assertThatThrownBy(() -> ProxyFrom.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
