package org.ucspi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * {@code ucspi4j completion}: the script loads in bash and in zsh (through its bashcompinit), and
 * asking either to complete a command line gives what the program's options are: every option of
 * every program after "-", tcprules' subcommands, the values of --dialect and lint's --format.
 */
class CompletionTest {
    @TempDir
    static Path dir;

    static Path script;

    @BeforeAll
    static void write() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(InputStream.nullInputStream(), out, new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        assertThat(Main.run(io, "completion")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        script = dir.resolve("completion");
        Files.write(script, out.toByteArray());
    }

    @ParameterizedTest
    @EnumSource(Programs.class)
    void bashOffersEveryOptionOfEveryProgram(Programs p) throws Exception {
        List<String> offered = bash(p.programName() + " -");
        Program command = p.command(quietIo());
        Object options = command instanceof ClientScript ? Programs.SSLCLIENT.command(quietIo()) : command;
        for (CommandLine.Model.OptionSpec o : Main.commandLine(options, quietIo()).getCommandSpec().options()) {
            assertThat(offered).as("%s -<TAB>", p.programName()).contains(o.names());
        }
    }

    @Test
    void bashCompletesSubcommandsAndOptionValues() throws Exception {
        assertThat(bash("tcprules l")).containsExactly("lint");
        assertThat(bash("tcprules ")).contains("lint", "explain", "decompile", "migrate", "test");
        assertThat(bash("tcprules --dialect ")).containsExactly("tcp6", "djb", "fefe");
        assertThat(bash("tcprules lint --format ")).containsExactly("text", "json", "sarif");
        assertThat(bash("tcprules migrate --from f")).containsExactly("fefe");
    }

    @Test
    void zshLoadsItAndCompletesWithIt() throws Exception {
        String out = shell("zsh", "-f", "-c", """
                source "$1" >/dev/null 2>&1 || exit 1
                print -r -- "${_comps[sslserver]}"
                emulate -L sh; setopt kshglob noshglob braceexpand ksharrays
                COMP_WORDS=(tcprules l); COMP_CWORD=1; COMP_LINE="tcprules l"; COMP_POINT=10; COMPREPLY=()
                _complete_tcprules 2>/dev/null; echo "${COMPREPLY[*]}"
                """, "zsh", script.toString());
        String[] lines = out.split("\n");
        assertThat(lines[0]).as(out).contains("_complete_sslserver");
        assertThat(lines[1].split(" ")).as(out).contains("lint"); // zsh narrows the list to the prefix itself
    }

    /** The words bash's completion function for the line's command puts in COMPREPLY. */
    private static List<String> bash(String line) throws Exception {
        String out = shell("bash", "-c", """
                . "$1" 2>/dev/null || exit 1
                read -ra COMP_WORDS <<< "$2"; case $2 in *" ") COMP_WORDS+=("") ;; esac
                COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE=$2; COMP_POINT=${#2}; COMPREPLY=()
                "_complete_${COMP_WORDS[0]}" 2>/dev/null; printf '%s\\n' "${COMPREPLY[@]}"
                """, "bash", script.toString(), line);
        return Arrays.stream(out.split("\n")).filter(w -> !w.isEmpty()).toList();
    }

    private static String shell(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static Io quietIo() {
        return new Io(InputStream.nullInputStream(), new ByteArrayOutputStream(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.ISO_8859_1), Map.of());
    }
}
