package org.ucspi4j.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.rules.generator.RulesGenerator;

/**
 * The compiler parses only what follows the separator, scanning it by hand where it can; the
 * reference parses whole lines with the grammar's {@code line} rule. They must agree.
 */
class ParserEquivalenceTest {
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void generatedFiles(Dialect d) {
        int lines = 0;
        for (long seed = 0; seed < 10; seed++) {
            lines += new ParserEquivalence(d).check(new RulesGenerator(d, seed, 0.05).file(1000));
        }
        assertThat(lines).isEqualTo(10_000);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void wholeCompilesWithListsAheadAndThreads(Dialect d) {
        for (long seed = 0; seed < 2; seed++) {
            // Big enough for a few chunks; one clean, one with an invalid line somewhere.
            new ParserEquivalence(d).compile(new RulesGenerator(d, seed, seed == 0 ? 0 : 0.0003).file(16_000));
        }
        for (long seed = 0; seed < 60; seed++) {
            new ParserEquivalence(d).compile(new RulesGenerator(d, seed, 0.05).file(40));
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void columnsFollowTheLine(Dialect d) {
        // Same instructions after addresses of different lengths and separators; the scan's edge cases.
        String file = "1.2.3.4:allow,X=\"1\",Y='2'\n=h:allow,X=\"1\",Y='2'\n:allow,X=\"1\",Y='2'\n"
                + "1.2.3.4:allow,X=\"1\nx:allow,X=\"1\n:deny x\n1.2.3.4:deny x\n2001:db8::1:allowx\n"
                + "192.0.2.9,allow,X=\"1\",Y='2'\nx,allowx\nx,deny\n"
                + "1:allow,a,b=\"x\"\n2:allow,=x\n3:allow,X==1=\n4:allow,\n5:allow,X=\n6:allow,X=\"\"\n7:deny,=''\n"
                + "8:allowdeny\n9:allow ,X=\"1\"\n10:deny,X=\u0000a\u0000,Y=\u00ffb\u00ff\n11:allow,X=\"1\"junk\n12:deny,,X=\"1\"\n"
                + "13:Allow\n14:den\n15:allow,X=\"1\",\n16:allow,N\u0000=\"v\"\n";
        ParserEquivalence e = new ParserEquivalence(d);
        byte[] bytes = file.getBytes(StandardCharsets.ISO_8859_1);
        e.check(bytes);
        e.check(bytes);
    }

    @Test
    void manyDistinctInstructions() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            s.append(i % 256).append(".1.2.3:allow,N=\"").append(i % 5000).append("\"\n");
        }
        new ParserEquivalence(Dialect.DJB).check(s.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
}
