package org.ucspi4j.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ucspi-tcp6's CIDR keys (reference 3.2): encoding, decoding, and tcprulescheck's text for them. */
class CidrKeysTest {
    private static byte[] v4(String dotted) {
        String[] p = dotted.split("\\.");
        return new byte[] {(byte) Integer.parseInt(p[0]), (byte) Integer.parseInt(p[1]), (byte) Integer.parseInt(p[2]),
            (byte) Integer.parseInt(p[3])};
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0        | 8  | _0000e0g0",
        "192.168.1.0     | 24 | _ab000000i0k0m0000000000x",
        "1.2.3.4         | 32 | _0000000h000000o0000000wx00000400",
        "255.255.255.255 | 32 | _abcdefghijklmnopqrstuvwxyz123456",
        "128.0.0.0       | 1  | _a",
        "10.1.2.3        | 8  | _0000e0g0",
        "0.0.0.0         | 32 | _00000000000000000000000000000000",
    })
    void ipv4Keys(String ip, int prefix, String key) {
        assertThat(s(CidrKeys.ipv4(v4(ip), prefix))).isEqualTo(key);
    }

    @Test
    void ipv6Keys() {
        assertThat(s(CidrKeys.ipv6(Ipv6TextTest.ip("20010db8000000000000000000000000"), 32)))
                .isEqualTo("^00`000000000000a0000bc0de0fgh000");
        assertThat(s(CidrKeys.ipv6(new byte[16], 128))).isEqualTo("^" + "0".repeat(128));
        assertThat(s(CidrKeys.ipv6(Ipv6TextTest.ip("00000000000000000000000000000001"), 128)))
                .isEqualTo("^" + "0".repeat(127) + "`");
        byte[] ones = CidrKeys.ipv6(Ipv6TextTest.ip("ffffffffffffffffffffffffffffffff"), 128);
        assertThat(ones).hasSize(129);
        for (int k = 0; k < 128; k++) {
            assertThat(ones[1 + k] & 0xff).isEqualTo(96 + k); // the n-th one bit is byte 96+n, past 127 too
        }
    }

    @Test
    void decodeInvertsEncodeWithHostBitsDropped() {
        Random rnd = new Random(4);
        for (int i = 0; i < 5000; i++) {
            byte[] ip4 = new byte[4];
            rnd.nextBytes(ip4);
            int p4 = 1 + rnd.nextInt(32);
            CidrKeys.Network n4 = CidrKeys.decodeIpv4(CidrKeys.ipv4(ip4, p4));
            assertThat(n4.prefix()).isEqualTo(p4);
            assertThat(n4.ip()).isEqualTo(masked(ip4, p4));
            assertThat(CidrKeys.ipv4(n4.ip(), p4)).isEqualTo(CidrKeys.ipv4(ip4, p4));
            assertThat(CidrKeys.isCanonicalIpv4(CidrKeys.ipv4(ip4, p4))).isTrue();

            byte[] ip6 = new byte[16];
            rnd.nextBytes(ip6);
            int p6 = 1 + rnd.nextInt(128);
            CidrKeys.Network n6 = CidrKeys.decodeIpv6(CidrKeys.ipv6(ip6, p6));
            assertThat(n6.prefix()).isEqualTo(p6);
            assertThat(n6.ip()).isEqualTo(masked(ip6, p6));
            assertThat(CidrKeys.isCanonicalIpv6(CidrKeys.ipv6(ip6, p6))).isTrue();
        }
    }

    private static byte[] masked(byte[] ip, int prefix) {
        byte[] out = new byte[ip.length];
        for (int k = 0; k < prefix; k++) {
            out[k >> 3] |= (byte) (ip[k >> 3] & (0x80 >> (k & 7)));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "_", "^", "x0", "_000000000000000000000000000000000", "=0", "0"})
    void notKeys(String key) {
        assertThat(CidrKeys.decodeIpv4(b(key))).isNull();
        assertThat(CidrKeys.isCanonicalIpv4(b(key))).isFalse();
    }

    @Test
    void decodingIsLenientButCanonicalIsNot() {
        // Any char but '0' is a one bit when decoding, as in the C lookup; only tcprules' own spelling is canonical.
        assertThat(CidrKeys.decodeIpv4(b("_b")).ip()).isEqualTo(v4("128.0.0.0"));
        assertThat(CidrKeys.isCanonicalIpv4(b("_b"))).isFalse();
        assertThat(CidrKeys.isCanonicalIpv4(b("_a"))).isTrue();
        assertThat(CidrKeys.decodeIpv4(b("_a\0"))).isNull(); // a C string ends at the NUL
        assertThat(CidrKeys.decodeIpv6(b("^" + "0".repeat(129)))).isNull();
        assertThat(CidrKeys.decodeIpv6(b("^`")).prefix()).isEqualTo(1);
        assertThat(CidrKeys.isCanonicalIpv6(b("^a"))).isFalse(); // the first one bit is '`'
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0     | 8  | 10./8",
        "10.1.0.0     | 16 | 10.1./16",
        "10.1.16.0    | 20 | 10.1.16./20",
        "10.1.17.128  | 25 | 10.1.17.128./25",
        "10.1.17.200  | 32 | 10.1.17.200/32",
        "192.0.0.0    | 2  | 192./2",
        "128.0.0.0    | 1  | 128./1",
        "172.16.0.0   | 12 | 172.16./12",
    })
    void ipv4Text(String ip, int prefix, String text) {
        assertThat(CidrKeys.ipv4Text(CidrKeys.decodeIpv4(CidrKeys.ipv4(v4(ip), prefix)))).isEqualTo(text);
    }

    @Test
    void ipv6Text() {
        assertThat(CidrKeys.ipv6Text(CidrKeys.decodeIpv6(CidrKeys.ipv6(Ipv6TextTest.ip("20010db8ffff00000000000000000001"), 32))))
                .isEqualTo("2001:db8::/32");
        assertThat(CidrKeys.ipv6Text(CidrKeys.decodeIpv6(CidrKeys.ipv6(Ipv6TextTest.ip("20010db8000100000000000000000000"), 48))))
                .isEqualTo("2001:db8:1::/48");
        assertThat(CidrKeys.ipv6Text(CidrKeys.decodeIpv6(b("^" + "0".repeat(128))))).isEqualTo("::/128");
    }
}
