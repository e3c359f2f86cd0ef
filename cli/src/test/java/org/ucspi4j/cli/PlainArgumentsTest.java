package org.ucspi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands' own reading of a plain command line gives what picocli gives, or declines. */
class PlainArgumentsTest {
    @TempDir
    Path dir;

    private static final List<List<String>> COMMAND_LINES = List.of(
            List.of(), List.of("a"), List.of("a", "b"), List.of("a", "b", "c"), List.of("a", "b", "c", "d"),
            List.of("--dialect=djb", "a", "b"), List.of("--dialect=FEFE", "a", "b", "x"), List.of("--dialect=Tcp6", "a"),
            List.of("--dialect=nope", "a", "b"), List.of("--dialect=", "a", "b"), List.of("--dialect", "djb", "a", "b"),
            List.of("a", "--dialect=djb", "b"), List.of("-", "b"), List.of("a", "-x"), List.of("--", "a", "b"),
            List.of("", ""), List.of("@args", "b"), List.of("a b", "c\td"), List.of("\u00e9.cdb", "\u00ff.tmp"),
            List.of("--dialect=djb", "--dialect=fefe", "a", "b"), List.of("-h"), List.of("--help"),
            List.of("lint", "x.rules"), List.of("--dialect=djb", "test", "r", "e"));

    private static Io io() {
        return new Io(java.io.InputStream.nullInputStream(), new ByteArrayOutputStream(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.ISO_8859_1), Map.of());
    }

    private <T> void check(Function<Io, T> make, Function<T, List<Object>> fields) throws Exception {
        // An @file that exists: picocli must not read arguments from it either.
        Files.writeString(dir.resolve("args"), "x y z\n");
        int taken = 0;
        for (List<String> line : COMMAND_LINES) {
            String[] args = line.stream().map(a -> a.replace("@args", "@" + dir.resolve("args"))).toArray(String[]::new);
            T plain = make.apply(io());
            if (!((Program) plain).bindClassic(args)) {
                continue;
            }
            taken++;
            T picocli = make.apply(io());
            CommandLine cl = Main.commandLine(picocli, io());
            cl.parseArgs(args);
            assertThat(fields.apply(plain)).as("%s", line).isEqualTo(fields.apply(picocli));
        }
        assertThat(taken).isGreaterThan(5);
    }

    @Test
    void tcprules() throws Exception {
        check(TcpRulesCommand::new, c -> java.util.Arrays.asList(c.dialect, c.cdb, c.tmp, c.ignored));
    }

    @Test
    void tcprulescheck() throws Exception {
        check(TcpRulesCheckCommand::new, c -> java.util.Arrays.asList(c.dialect, c.cdb, c.ignored));
    }

    private static final List<List<String>> LINT_LINES = List.of(
            List.of("lint", "a"), List.of("lint", "a", "b", "c"), List.of("lint"), List.of("--dialect=djb", "lint", "a"),
            List.of("lint", "--dialect=fefe", "a"), List.of("--dialect=djb", "lint", "--dialect=TCP6", "a"),
            List.of("lint", "--format=json", "a"), List.of("lint", "--format=SARIF", "a"), List.of("lint", "a", "--format=Text"),
            List.of("lint", "--format=xml", "a"), List.of("lint", "--format", "json", "a"), List.of("lint", "--strict", "a", "b"),
            List.of("lint", "--strict=true", "a"), List.of("lint", "--portable-to=djb,fefe", "a"),
            List.of("lint", "--portable-to=none", "a"), List.of("lint", "--portable-to=", "a"), List.of("lint", "--portable-to=djb,,fefe", "a"),
            List.of("lint", "--format=json", "--format=text", "a"), List.of("lint", "--strict", "--strict", "a"),
            List.of("lint", "-", "a"), List.of("lint", "--", "a"), List.of("lint", "-h"), List.of("lint", "--help", "a"),
            List.of("lint", "--dialect", "djb", "a"), List.of("lint", "--dialect=", "a"), List.of("lint", "--nope", "a"),
            List.of("--dialect=nope", "lint", "a"), List.of("lint", "a b", "\u00e9"), List.of("lint", "--portable-to=djb", "--strict",
                    "--format=json", "--dialect=djb", "x", "y"));

    /** tcprules lint's own reading of the usual command lines gives what picocli gives, or declines. */
    @Test
    void tcprulesLint() {
        int taken = 0;
        for (List<String> line : LINT_LINES) {
            String[] args = line.toArray(String[]::new);
            TcpRulesCommand plain = new TcpRulesCommand(io());
            if (!plain.bindClassic(args)) {
                continue;
            }
            taken++;
            TcpRulesCommand top = new TcpRulesCommand(io());
            CommandLine.ParseResult parsed = Main.commandLine(top, io()).parseArgs(args);
            TcpRulesLintCommand picocli = (TcpRulesLintCommand) parsed.subcommand().commandSpec().userObject();
            TcpRulesLintCommand mine = (TcpRulesLintCommand) plain.bound();
            assertThat(java.util.Arrays.asList(mine.dialectOption.of(plain), mine.format, mine.strict, mine.portableTo, mine.files))
                    .as("%s", line)
                    .isEqualTo(java.util.Arrays.asList(picocli.dialectOption.of(top), picocli.format, picocli.strict,
                            picocli.portableTo, picocli.files));
        }
        assertThat(taken).isGreaterThan(10);
    }

    @Test
    void declinedCommandLinesStillGetPicocliUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(java.io.InputStream.nullInputStream(), new ByteArrayOutputStream(),
                new PrintStream(err, true, StandardCharsets.ISO_8859_1), Map.of());
        assertThat(Main.run(io, "tcprules", "--dialect=nope", "a", "b")).isEqualTo(100);
        assertThat(Main.run(io, "tcprules", "a")).isEqualTo(100);
        assertThat(Main.run(io, "tcprulescheck")).isEqualTo(100);
        assertThat(err.toString(StandardCharsets.ISO_8859_1)).isEqualTo("tcprules: usage: tcprules rules.cdb rules.tmp\n"
                + "tcprules: usage: tcprules rules.cdb rules.tmp\ntcprulescheck: usage: rules.cdb\n");
    }
}
