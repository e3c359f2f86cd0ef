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
