package org.ucspi4j.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which ':' ends the address, per dialect (reference 1.1, 3.1, 3.2). */
class DialectTest {
    private static int sep(Dialect d, String line) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        return d.separator(b, b.length);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // line                              | djb | fefe | tcp6
        "1.2.3.4:allow                       | 7   | 7    | 7",
        "=a:b:allow                          | 2   | 4    | 4",
        "::1:allow                           | 0   | 3    | 3",
        "2001:db8:::allow                    | 4   | 10   | 10",
        "2001:db8::1:deny,X=`\"a:b\"`        | 4   | 11   | 11",
        "1.2.3.4:allow,X=`\"a:b\"`           | 7   | 7    | 7",
        "x:denyhost:allow                    | 1   | 1    | 10",
        "192.0.2.9,allow                     | -1  | -3   | 9",
        "=a,b:allow                          | 4   | 4    | 2",
        "no colon                            | -1  | -3   | -1",
        "`   `                               | -1  | -3   | -1",
        "x:ALLOW                             | 1   | -3   | 1",
        "x: allow                            | 1   | -3   | 1",
        "x:allo                              | 1   | -3   | 1",
        "x:                                  | 1   | -3   | 1",
        "`x:allow,y:deny`                    | 1   | 1    | 1",
        "`x:permit,X=\":deny\"`              | 1   | 12   | 1",
    })
    void separators(String line, int djb, int fefe, int tcp6) {
        assertThat(sep(Dialect.DJB, line)).as("djb %s", line).isEqualTo(djb);
        assertThat(sep(Dialect.FEFE, line)).as("fefe %s", line).isEqualTo(fefe);
        assertThat(sep(Dialect.TCP6, line)).as("tcp6 %s", line).isEqualTo(tcp6);
    }

    @Test
    void onlyTheGivenLengthCounts() {
        byte[] b = "x:allow".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Dialect.FEFE.separator(b, 6)).isEqualTo(Dialect.NO_DECISION); // "x:allo"
        assertThat(Dialect.FEFE.separator(b, 7)).isEqualTo(1);
        assertThat(Dialect.DJB.separator(b, 1)).isEqualTo(Dialect.IGNORED);
        assertThat(Dialect.TCP6.separator(b, 1)).isEqualTo(Dialect.IGNORED);
    }

    @Test
    void namesAndExitCodes() {
        assertThat(Dialect.of("djb")).isEqualTo(Dialect.DJB);
        assertThat(Dialect.of("FEFE")).isEqualTo(Dialect.FEFE);
        assertThat(Dialect.of("Tcp6")).isEqualTo(Dialect.TCP6);
        assertThat(Dialect.TCP6.id()).isEqualTo("tcp6");
        assertThatThrownBy(() -> Dialect.of("feh")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Dialect.DJB.syntaxExit()).isEqualTo(100);
        assertThat(Dialect.FEFE.syntaxExit()).isEqualTo(100);
        assertThat(Dialect.TCP6.syntaxExit()).isEqualTo(101);
    }
}
