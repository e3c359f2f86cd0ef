package org.ucspi4j.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.ucspi4j.lookup.Decision;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.rules.generator.RulesGenerator;

/** The line rules and the diagnostics: which line, which column, which C message. */
class RuleLineParserTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static RuleLine parse(Dialect d, String line) throws RuleSyntaxException {
        byte[] bytes = b(line);
        return new RuleLineParser(d).parse(1, bytes, 0, bytes.length);
    }

    private static RuleSyntaxException error(Dialect d, String line) {
        try {
            RuleLine parsed = parse(d, line);
            throw new AssertionError(d + " accepted " + line + " as " + parsed);
        } catch (RuleSyntaxException e) {
            return e;
        }
    }

    @Test
    void trailingBlanksAndTabsAreStripped() throws Exception {
        RuleLine.Rule r = (RuleLine.Rule) parse(Dialect.DJB, "1.2.3.4:allow \t \n");
        assertThat(r.address()).isEqualTo(b("1.2.3.4"));
        assertThat(r.text()).isEqualTo(b("1.2.3.4:allow"));
        assertThat(r.instructions().decision()).isEqualTo(Decision.ALLOW);
        assertThat(r.instructions().settings()).isEmpty();
        assertThat(r.instructions().data()).isEmpty();
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                // line, column, detail contains; the hang lines of fefe (': allow', ':ALLOW', ':') are elsewhere
                Arguments.of("1.2.3.4:allow\r", 14, "carriage return", true),
                Arguments.of("1.2.3.4:allow\r\n", 14, "carriage return", true),
                Arguments.of("1.2.3.4: allow", 9, "expected allow or deny", false),
                Arguments.of("1.2.3.4:ALLOW", 9, "expected allow or deny", false),
                Arguments.of("1.2.3.4:", 9, "unexpected end of line", false),
                Arguments.of("1.2.3.4:allowx", 14, "'x'", true),
                Arguments.of("1.2.3.4:deny foo", 13, "blank", true),
                Arguments.of("1.2.3.4:allow,", 15, "unexpected end of line", true),
                Arguments.of("1.2.3.4:allow,X", 16, "unexpected end of line", true),
                Arguments.of("1.2.3.4:allow,X=", 17, "unexpected end of line", true),
                Arguments.of("1.2.3.4:allow,X= \t", 17, "unexpected end of line", true),
                Arguments.of("1.2.3.4:allow,X=\"abc", 17, "no closing quote '\"'", true),
                Arguments.of("1.2.3.4:allow,X=\"a\" ,Y=\"b\"", 20, "blank", true),
                Arguments.of("1.2.3.4:allow\0", 14, "NUL byte", true),
                Arguments.of("1.2.3.4:allow\0junk", 14, "NUL byte", true),
                Arguments.of("1.2.3.4:al\0low", 9, "expected allow or deny", false),
                Arguments.of(":allow,X=\"a\"\u00e9", 13, "byte 0xe9", true));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void errorsSayWhere(String line, int column, String detail, boolean fefeToo) {
        for (Dialect d : Dialect.values()) {
            if (d == Dialect.FEFE && !fefeToo) {
                continue; // fefe's C tool loops forever on these; see linesThatHangFefeAreErrors
            }
            RuleSyntaxException e = error(d, line);
            assertThat(e.kind()).isEqualTo(RuleSyntaxException.Kind.PARSE);
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.column()).as("%s %s: %s", d, line, e.detail()).isEqualTo(column);
            assertThat(e.detail()).as("%s %s", d, line).contains(detail);
        }
    }

    @Test
    void messagesAsTheCToolsPrintThem() {
        RuleSyntaxException e = error(Dialect.DJB, "1.2.3.4:allow,X=\"a\0b \t\n");
        assertThat(e.cText()).isEqualTo("1.2.3.4:allow,X=\"a");
        assertThat(e.text()).isEqualTo(b("1.2.3.4:allow,X=\"a\0b"));
        assertThat(e.cMessage(Dialect.DJB)).isEqualTo("tcprules: fatal: unable to parse this line: 1.2.3.4:allow,X=\"a");
        assertThat(e.cMessage(Dialect.TCP6)).isEqualTo("tcprules: syntax: unable to parse this line: 1.2.3.4:allow,X=\"a");
    }

    @Test
    void commentsEmptyAndIgnoredLines() throws Exception {
        for (Dialect d : Dialect.values()) {
            assertThat(parse(d, "# x:allow\n")).isInstanceOf(RuleLine.Comment.class);
            assertThat(parse(d, "#")).isInstanceOf(RuleLine.Comment.class);
            assertThat(parse(d, "\n")).isInstanceOf(RuleLine.Skipped.class);
            assertThat(parse(d, "")).isInstanceOf(RuleLine.Skipped.class);
            assertThat(parse(d, " # x:allow")).isInstanceOf(RuleLine.Rule.class); // '#' only counts first
        }
        assertThat(parse(Dialect.DJB, " \t \n")).isInstanceOf(RuleLine.Skipped.class);
        assertThat(parse(Dialect.TCP6, " \t \n")).isInstanceOf(RuleLine.Skipped.class);
        assertThat(parse(Dialect.DJB, "no colon\n")).isInstanceOf(RuleLine.Skipped.class);
        assertThat(parse(Dialect.DJB, "a,b\n")).isInstanceOf(RuleLine.Skipped.class);
        assertThat(parse(Dialect.TCP6, "no colon\n")).isInstanceOf(RuleLine.Skipped.class);
        assertThat(parse(Dialect.TCP6, "a,allow\n")).isInstanceOf(RuleLine.Rule.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {"` \t `", "no colon", "x:ALLOW", "x: allow", "x:permit", "x:",
        "x:allo"})
    void linesThatHangFefeAreErrors(String line) {
        RuleSyntaxException e = error(Dialect.FEFE, line + "\n");
        assertThat(e.kind()).isEqualTo(RuleSyntaxException.Kind.PARSE);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.detail()).contains("allow or deny");
        assertThat(e.cMessage(Dialect.FEFE)).isEqualTo("tcprules: fatal: unable to parse this line: " + line.stripTrailing());
    }

    @Test
    void generatedHangLinesAreErrorsAndNothingElse() {
        RulesGenerator g = new RulesGenerator(Dialect.FEFE, 11, 0);
        for (int i = 0; i < 500; i++) {
            byte[] line = g.fefeHangLine();
            assertThat(RulesGenerator.fefeSafe(line)).isFalse();
            assertThatThrownBy(() -> new RuleLineParser(Dialect.FEFE).parse(1, line, 0, line.length))
                    .isInstanceOf(RuleSyntaxException.class);
        }
    }

    @Test
    void settingsKeepTheirBytes() throws Exception {
        RuleLine.Rule r = (RuleLine.Rule) parse(Dialect.DJB, "1.2.3.4:allow,X=abca,Y=,q,,Z==z=\n");
        List<Setting> s = r.instructions().settings();
        assertThat(s).extracting(Setting::nameText).containsExactly("X", "Y", "Z");
        assertThat(s).extracting(Setting::valueText).containsExactly("bc", "q", "z");
        assertThat(s).extracting(Setting::column).containsExactly(14, 21, 27);
        assertThat(s).extracting(Setting::quote).containsExactly((byte) 'a', (byte) ',', (byte) '=');
        assertThat(new String(r.instructions().data(), StandardCharsets.ISO_8859_1)).isEqualTo("+X=bc\0+Y=q\0+Z=z\0");

        RuleLine.Rule odd = (RuleLine.Rule) parse(Dialect.DJB, "1.2.3.4:allow, X ='v',=::");
        assertThat(odd.instructions().settings()).extracting(Setting::column).containsExactly(14, 22);
        assertThat(new String(odd.instructions().data(), StandardCharsets.ISO_8859_1)).isEqualTo("+ X =v\0+=\0");

        RuleLine.Rule deny = (RuleLine.Rule) parse(Dialect.DJB, ":deny,X=\"1\",Y=\"\"");
        assertThat(deny.address()).isEmpty();
        assertThat(new String(deny.instructions().data(), StandardCharsets.ISO_8859_1)).isEqualTo("D\0+X=1\0+Y=\0");

        RuleLine.Rule nul = (RuleLine.Rule) parse(Dialect.DJB, "1.2.3.4:allow,X\0=\"a\",Y=\0b\0");
        assertThat(new String(nul.instructions().data(), StandardCharsets.ISO_8859_1)).isEqualTo("+X\0=a\0+Y=b\0");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theErrorCarriesItsLineNumber(Dialect d) {
        byte[] file = b("# comment\n1.2.3.4:allow\n\n1.2.3.5:allow,X=\"a\n1.2.3.6:deny\n");
        assertThatThrownBy(() -> new RuleCompiler(d).compile(new ByteArrayInputStream(file), (k, v) -> {}))
                .isInstanceOfSatisfying(RuleSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.column()).isEqualTo(17);
                    assertThat(e.getMessage()).startsWith("line 4, column 17: ");
                });
    }

    private static RuleSyntaxException compileError(Dialect d, String line) {
        try {
            new RuleCompiler(d).compile(new ByteArrayInputStream(b(line + "\n")), (k, v) -> {});
            throw new AssertionError(d + " accepted " + line);
        } catch (RuleSyntaxException e) {
            return e;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void tcp6AddressErrors() {
        assertThat(compileError(Dialect.TCP6, "g::1:allow").kind()).isEqualTo(RuleSyntaxException.Kind.IPV6);
        assertThat(compileError(Dialect.TCP6, "1.2.3.0/33:allow").kind()).isEqualTo(RuleSyntaxException.Kind.PREFIX_LENGTH);
        assertThat(compileError(Dialect.TCP6, "1.2.3.0/33:allow").column()).isEqualTo(9);
        assertThat(compileError(Dialect.TCP6, "1.2.3.0/0:allow").kind()).isEqualTo(RuleSyntaxException.Kind.PREFIX_LENGTH);
        assertThat(compileError(Dialect.TCP6, "1.2.3.0/x:allow").kind()).isEqualTo(RuleSyntaxException.Kind.PARSE);
        assertThat(compileError(Dialect.TCP6, "1.2.3.0/x:allow").column()).isEqualTo(9);
        assertThat(compileError(Dialect.TCP6, "::/129:allow").kind()).isEqualTo(RuleSyntaxException.Kind.PREFIX_LENGTH);
        assertThat(compileError(Dialect.TCP6, "::/0:allow").kind()).isEqualTo(RuleSyntaxException.Kind.IPV6_CIDR);
        assertThat(compileError(Dialect.TCP6, "xyz::/0:allow").kind()).isEqualTo(RuleSyntaxException.Kind.IPV6_CIDR);
        assertThat(compileError(Dialect.TCP6, "=a,b:allow").kind()).isEqualTo(RuleSyntaxException.Kind.PARSE);
        assertThat(compileError(Dialect.TCP6, "g::1:allow").cMessage(Dialect.TCP6))
                .isEqualTo("tcprules: syntax: invalid IPv6 address: on line: g::1:allow");
        assertThat(compileError(Dialect.TCP6, "joe@g::1:allow").column()).isEqualTo(5);
        assertThat(compileError(Dialect.DJB, "::1:allow").kind()).isEqualTo(RuleSyntaxException.Kind.PARSE);
        assertThat(compileError(Dialect.FEFE, "2001:db8::1-5:allow").kind()).isEqualTo(RuleSyntaxException.Kind.PARSE);
    }
}
