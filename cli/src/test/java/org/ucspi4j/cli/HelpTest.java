package org.ucspi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/** {@code --help} on every program and tcprules subcommand: exit 0, a usage line, every option described. */
class HelpTest {
    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(InputStream.nullInputStream(), out, new PrintStream(err, true, StandardCharsets.ISO_8859_1), Map.of());
        int exit = Main.run(io, args);
        return new Run(exit, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @EnumSource(Programs.class)
    void everyProgramHelps(Programs p) {
        Run r = run(p.programName(), "--help");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        Object command = p.command(quietIo());
        // cdbmake-12 and cdbmake-sv were scripts around cdbmake: theirs are cdbmake's usage and options
        String name = command instanceof ClientScript ? p.programName() : Main.commandLine(command, quietIo()).getCommandName();
        assertThat(r.out()).containsIgnoringCase("usage").contains(name);
        if (!(command instanceof ClientScript)) {
            assertDescribed(Main.commandLine(command, quietIo()), r.out());
            assertThat(r.out().toLowerCase(java.util.Locale.ROOT).split("usage:", -1)).as("one usage line").hasSize(2);
        } else {
            assertThat(r.out()).contains("sslclient --help");
        }
    }

    @ParameterizedTest
    @EnumSource(TcpRulesSubcommand.class)
    void everyTcprulesSubcommandHelps(TcpRulesSubcommand sub) {
        Run r = run("tcprules", sub.commandName(), "--help");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("tcprules: usage: tcprules " + sub.commandName());
        CommandLine cl = Main.commandLine(Programs.TCPRULES.command(quietIo()), quietIo()).getSubcommands()
                .get(sub.commandName());
        assertDescribed(cl, r.out());
    }

    @org.junit.jupiter.api.Test
    void anUnknownLintFormatIsNamed() {
        Run r = run("tcprules", "lint", "--format=xml", "rules.txt");
        assertThat(r.exit()).isEqualTo(100);
        assertThat(r.err()).startsWith("tcprules lint: Invalid value for option '--format'").contains("'xml'")
                .contains("tcprules: usage: tcprules lint");
    }

    /** Each option and each argument appears in the help with a description of its own. */
    private static void assertDescribed(CommandLine cl, String help) {
        for (CommandLine.Model.PositionalParamSpec p : cl.getCommandSpec().positionalParameters()) {
            if (p.hidden()) {
                continue;
            }
            assertThat(help).as("help names " + p.paramLabel()).contains(p.paramLabel());
            assertThat(String.join(" ", p.description()).strip()).as("description of " + p.paramLabel()).isNotEmpty();
        }
        for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
            assertThat(help).as("help names " + o.longestName()).contains(o.longestName());
            assertThat(String.join(" ", o.description()).strip()).as("description of " + o.longestName()).isNotEmpty();
        }
    }

    private static Io quietIo() {
        return new Io(InputStream.nullInputStream(), new ByteArrayOutputStream(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.ISO_8859_1), Map.of());
    }
}
