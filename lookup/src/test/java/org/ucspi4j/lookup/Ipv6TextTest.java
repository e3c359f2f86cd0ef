package org.ucspi4j.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IPv6 text as fehQlibs reads (leniently) and writes it; the expected keys are in the tcp6 vectors. */
class Ipv6TextTest {
    private static String expanded(String text) {
        byte[] ip = Ipv6Text.scan(text.getBytes(StandardCharsets.ISO_8859_1));
        return ip == null ? null : new String(Ipv6Text.expanded(ip), StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "::1                  | 0000:0000:0000:0000:0000:0000:0000:0001",
        "::                   | 0000:0000:0000:0000:0000:0000:0000:0000",
        ":::                  | 0000:0000:0000:0000:0000:0000:0000:0000",
        "::g                  | 0000:0000:0000:0000:0000:0000:0000:0000",
        "2001:db8::1          | 2001:0DB8:0000:0000:0000:0000:0000:0001",
        "2001:DB8:0:0:0:0:0:1 | 2001:0DB8:0000:0000:0000:0000:0000:0001",
        "2001:0db8:0000:0000:0000:0000:0000:0002 | 2001:0DB8:0000:0000:0000:0000:0000:0002",
        "1::2::3              | 0001:0000:0000:0000:0000:0000:0000:0002",
        "12345::1             | 2345:0000:0000:0000:0000:0000:0000:0001",
        "fe80::1%eth0         | FE80:0000:0000:0000:0000:0000:0000:0001",
        "1.2.3.4:             | 0000:0000:0000:0000:0000:FFFF:0102:0304",
        "192.0.2.2:           | 0000:0000:0000:0000:0000:FFFF:C000:0202",
        "::ffff:192.0.2.1     | 0000:0000:0000:0000:0000:FFFF:C000:0201",
        "1:2:3:4:5:6:7:8:9    | 0001:0002:0003:0004:0005:0006:0007:0008",
        "1:2:3:4:5:6:1.2.3.4  | 0001:0002:0003:0004:0005:0006:0102:0304",
        "1::1.2.3.4           | 0001:0000:0000:0000:0000:0000:0102:0304",
        "1::300.2.3.4         | 0001:0000:0000:0000:0000:0000:2C02:0304",
    })
    void scanIsLenient(String text, String key) {
        assertThat(expanded(text)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", "xyz::g", "g::1", "zz:zz", "1:", "1:2:3:4:5:6:7:", ":1"})
    void scanFailsWhereNothingParses(String text) {
        assertThat(expanded(text)).as(text).isNull();
    }

    @Test
    void aNulEndsTheText() {
        assertThat(new String(Ipv6Text.expanded(Ipv6Text.scan("fe80::1\0002".getBytes(StandardCharsets.ISO_8859_1))),
                StandardCharsets.US_ASCII)).isEqualTo("FE80:0000:0000:0000:0000:0000:0000:0001");
        assertThat(Ipv6Text.scan("\0::1".getBytes(StandardCharsets.ISO_8859_1))).isNull();
        byte[] text = "xx::1yy".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Ipv6Text.scan(text, 2, 3)).isEqualTo(ip("00000000000000000000000000000001"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "00000000000000000000000000000000 | ::",
        "00000000000000000000000000000001 | ::1",
        "20010db8000000000000000000000001 | 2001:db8::1",
        "20010db8000000010001000100010001 | 2001:db8:0:1:1:1:1:1",
        "00010000000000010000000000000001 | 1::1:0:0:0:1",
        "00010000000000000000000000000000 | 1::",
        "fe800000000000000000000000000001 | fe80::1",
        "00000000000000000000ffffc0000201 | ::ffff:192.0.2.1",
        "00010002000300040005000600070008 | 1:2:3:4:5:6:7:8",
        "00010002000300040005000600070000 | 1:2:3:4:5:6:7::",  // fehQlibs reads a zero past the end
        "0000000100020003000400050006000a | 0:1:2:3:4:5:6:a",
        "ffffffffffffffffffffffffffffffff | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    })
    void compactForm(String hex, String text) {
        assertThat(Ipv6Text.compact(ip(hex))).isEqualTo(text);
    }

    @Test
    void compactScansBackToTheSameAddress() {
        Random rnd = new Random(6);
        for (int i = 0; i < 20_000; i++) {
            byte[] ip = new byte[16];
            for (int j = 0; j < 16; j += 2) {
                if (rnd.nextInt(3) != 0) {
                    ip[j] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : 0);
                    ip[j + 1] = (byte) rnd.nextInt(256);
                }
            }
            if (rnd.nextInt(20) == 0) {
                ip = ip("00000000000000000000ffff" + HexFormat.of().toHexDigits(rnd.nextInt()));
            }
            String text = Ipv6Text.compact(ip);
            assertThat(Ipv6Text.scan(text.getBytes(StandardCharsets.US_ASCII))).as(text).isEqualTo(ip);
            assertThat(Ipv6Text.scan(Ipv6Text.expanded(ip))).as(text).isEqualTo(ip);
        }
    }

    @Test
    void expandedIs39UpperCaseBytes() {
        byte[] key = Ipv6Text.expanded(ip("20010db8abcdef000000000000000001"));
        assertThat(new String(key, StandardCharsets.US_ASCII)).isEqualTo("2001:0DB8:ABCD:EF00:0000:0000:0000:0001");
        assertThat(key).hasSize(39);
    }

    @Test
    void mapped() {
        assertThat(Ipv6Text.isV4Mapped(ip("00000000000000000000ffff01020304"))).isTrue();
        assertThat(Ipv6Text.isV4Mapped(ip("00000000000000000000fffe01020304"))).isFalse();
        assertThat(Ipv6Text.isV4Mapped(ip("00000000000000000001ffff01020304"))).isFalse();
    }

    static byte[] ip(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
