package org.ucspi4j.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ucspi4j.lookup.Dialect;

/**
 * 0.88 range expansion (reference section 1.2), the same in every dialect: the first '-', the last
 * '.' before it and the first '.' after it; numbers as unsigned 64-bit values that wrap, the top
 * clamped at 255, the bottom not; empty counts as 0. The NUL cases were run against Debian's C
 * tcprules: it reads each number as a C string, so a NUL ends the number.
 */
class RangeExpansionTest {
    static List<String> keys(Dialect d, String address) throws Exception {
        List<String> keys = new ArrayList<>();
        byte[] line = (address + ":allow\n").getBytes(StandardCharsets.ISO_8859_1);
        new RuleCompiler(d).compile(new ByteArrayInputStream(line),
                (k, v) -> keys.add(new String(k, StandardCharsets.ISO_8859_1)));
        return keys;
    }

    private static List<String> numbered(String head, int from, int to, String tail) {
        List<String> out = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            out.add(head + n + tail);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void referenceExamples(Dialect d) throws Exception {
        assertThat(keys(d, "1.2.3.4-7")).containsExactly("1.2.3.4", "1.2.3.5", "1.2.3.6", "1.2.3.7");
        assertThat(keys(d, "10.2-3.")).containsExactly("10.2.", "10.3.");
        assertThat(keys(d, "1.2.3.04-006")).containsExactly("1.2.3.4", "1.2.3.5", "1.2.3.6");
        assertThat(keys(d, "1.2.3.250-300")).isEqualTo(numbered("1.2.3.", 250, 255, ""));
        assertThat(keys(d, "1.2.3.300-400")).isEmpty();
        assertThat(keys(d, "1.2.3.6-4")).isEmpty();
        assertThat(keys(d, "1.2.3.4-")).isEmpty();
        assertThat(keys(d, "1.2.3.-")).containsExactly("1.2.3.0");
        assertThat(keys(d, "-")).containsExactly("0");
        assertThat(keys(d, "-5")).isEqualTo(numbered("", 0, 5, ""));
        assertThat(keys(d, "10-12")).containsExactly("10", "11", "12");
        assertThat(keys(d, "1.2-3.4.5")).containsExactly("1.2.4.5", "1.3.4.5");
        assertThat(keys(d, " 1.2.3.4-5")).containsExactly(" 1.2.3.4", " 1.2.3.5");
        assertThat(keys(d, "1.2.3.4-5.6.7")).containsExactly("1.2.3.4.6.7", "1.2.3.5.6.7");
        assertThat(keys(d, "1..2-3")).containsExactly("1..2", "1..3");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void numbersWrapAt64Bits(Dialect d) throws Exception {
        assertThat(keys(d, "1.2.3.0-18446744073709551617")).containsExactly("1.2.3.0", "1.2.3.1");
        assertThat(keys(d, "18446744073709551616-2")).containsExactly("0", "1", "2");
        assertThat(keys(d, "1.2.3.0-18446744073709551871")).isEqualTo(numbered("1.2.3.", 0, 255, ""));
        assertThat(keys(d, "1.2.3.18446744073709551615-3")).isEmpty(); // the bottom is not clamped
        assertThat(keys(d, "1.2.3.99999999999999999999-1")).isEmpty(); // wraps to 7766279631452241919
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aNulEndsANumber(Dialect d) throws Exception {
        assertThat(keys(d, "74.12\0002-123.52.57")).isEqualTo(numbered("74.", 12, 123, ".52.57"));
        assertThat(keys(d, "1.2.3\0004-5")).containsExactly("1.2.3", "1.2.4", "1.2.5");
        assertThat(keys(d, "1.2.3.4-5\000x")).containsExactly("1.2.3.4", "1.2.3.5");
        assertThat(keys(d, "1.2.3.4-\0005")).isEmpty();
        assertThat(keys(d, "1.2.3.\0004-5")).isEqualTo(numbered("1.2.3.", 0, 5, ""));
        assertThat(keys(d, "1.2.3.4\000x-5")).containsExactly("1.2.3.4", "1.2.3.5");
        assertThat(keys(d, "1.2.3.4\000-5")).containsExactly("1.2.3.4", "1.2.3.5");
        assertThat(keys(d, "1.2.3.4-5\000x.7")).containsExactly("1.2.3.4.7", "1.2.3.5.7");
        assertThat(keys(d, "1.2.3.4-5\000-6")).containsExactly("1.2.3.4", "1.2.3.5");
        assertThat(keys(d, "\000-3")).containsExactly("0", "1", "2", "3");
        assertThat(keys(d, "1.2.3.-\000")).containsExactly("1.2.3.0");
        assertThat(keys(d, "1.2.3.1\0009-3")).containsExactly("1.2.3.1", "1.2.3.2", "1.2.3.3");
        assertThat(keys(d, "1.2.3.1-2\0009")).containsExactly("1.2.3.1", "1.2.3.2");
        assertThat(keys(d, "1.2.\0003.1-2")).containsExactly("1.2.\0003.1", "1.2.\0003.2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a-b", "host-name", "1.2.3.4-5-6", "1.2.3.4-5x", "1.2.3.+4-5", "1.2.3. 4-5",
        "1.2.3.4--5", "1.2.3.4-5x\000", "1.2.3.x\0004-5", "1-2-3"})
    void badRanges(String address) {
        for (Dialect d : Dialect.values()) {
            assertThatThrownBy(() -> keys(d, address)).as("%s %s", d, address)
                    .isInstanceOfSatisfying(RuleSyntaxException.class, e -> {
                        assertThat(e.kind()).isEqualTo(RuleSyntaxException.Kind.PARSE);
                        assertThat(e.line()).isEqualTo(1);
                        assertThat(e.column()).isEqualTo(address.indexOf('-') + 1);
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void noExpansionWithEqualsOrAt(Dialect d) throws Exception {
        assertThat(keys(d, "=a-b.c")).containsExactly("=a-b.c");
        assertThat(keys(d, "joe@1.2.3.4-5")).containsExactly("joe@1.2.3.4-5");
        assertThat(keys(d, "=a\000-b")).containsExactly("=a\000-b");
    }
}
