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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The lists of programs and tcprules subcommands outside Java say what {@link Programs} and
 * {@link TcpRulesSubcommand} say: the links in {@code bin/}, and the {@code case} patterns by which
 * the launcher {@code bin/ucspi4j} (shell, to stay fast) picks each program's JVM flags.
 */
class ProgramsTest {
    /** The checkout's bin/: surefire runs in the module's folder. */
    private static final Path BIN = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../bin").normalize();

    /** A top-level pattern of {@code case $prog in}: two blanks in, then the pattern and its marker comment. */
    private static final Pattern CASE_LINE = Pattern.compile("^  ([^ #][^)]*)\\)\\s*(?:# (Programs\\.Kind\\.\\w+))?.*$");

    private static final String KIND_MARKER = "Programs.Kind.";

    private static Set<String> names(Stream<Programs> programs) {
        return programs.map(Programs::programName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> launcher() throws IOException {
        return Files.readAllLines(BIN.resolve("ucspi4j"), StandardCharsets.UTF_8);
    }

    @Test
    void namesAreDistinct() {
        assertThat(names(Arrays.stream(Programs.values()))).hasSize(Programs.values().length);
        assertThat(Arrays.stream(TcpRulesSubcommand.values()).map(TcpRulesSubcommand::commandName).distinct())
                .hasSize(TcpRulesSubcommand.values().length);
    }

    @Test
    void everyProgramHasItsLinkInBinAndNoOtherLinkIsThere() throws IOException {
        Set<String> links = new TreeSet<>();
        try (Stream<Path> entries = Files.list(BIN)) {
            for (Path p : entries.filter(Files::isSymbolicLink).toList()) {
                assertThat(Files.readSymbolicLink(p)).as("bin/%s links to", p.getFileName()).isEqualTo(Path.of("ucspi4j"));
                links.add(p.getFileName().toString());
            }
        }
        assertThat(links).as("the links in bin/").isEqualTo(names(Arrays.stream(Programs.values())));
    }

    /**
     * Each program is in the launcher's {@code case} for its kind (marked {@code # Programs.Kind.K}
     * on its pattern line), and only there.
     */
    @Test
    void theLauncherGivesEachProgramTheFlagsOfItsKind() throws IOException {
        List<String> lines = launcher();
        int start = lines.indexOf("case $prog in");
        assertThat(start).as("bin/ucspi4j's case $prog in").isNotNegative();
        int end = lines.subList(start, lines.size()).indexOf("esac") + start;
        assertThat(end).as("its esac").isGreaterThan(start);
        Map<String, Set<String>> byMarker = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, end)) {
            Matcher m = CASE_LINE.matcher(line);
            if (!m.matches() || m.group(1).equals("*")) {
                continue;
            }
            assertThat(m.group(2)).as("the kind marker of bin/ucspi4j's case %s", m.group(1)).isNotNull();
            Set<String> previous = byMarker.put(m.group(2), new TreeSet<>(List.of(m.group(1).split("\\|"))));
            assertThat(previous).as("a second case for %s", m.group(2)).isNull();
        }
        Map<String, Set<String>> byKind = new LinkedHashMap<>();
        for (Programs.Kind kind : Programs.Kind.values()) {
            byKind.put(KIND_MARKER + kind.name(), names(Arrays.stream(Programs.values()).filter(p -> p.kind() == kind)));
        }
        assertThat(byMarker).as("bin/ucspi4j's cases, by kind").isEqualTo(byKind);
    }

    /** The launcher picks the rule tools' flags and cache for tcprules SUBCOMMAND. */
    @Test
    void theLauncherKnowsEachSubcommand() throws IOException {
        List<String> cases = launcher().stream().map(String::strip).filter(l -> l.startsWith("case $sub in ")).toList();
        assertThat(cases).as("bin/ucspi4j's case $sub in").hasSize(1);
        String patterns = cases.get(0).substring("case $sub in ".length(), cases.get(0).indexOf(')'));
        assertThat(List.of(patterns.split("\\|"))).as("the subcommands bin/ucspi4j knows")
                .isEqualTo(Arrays.stream(TcpRulesSubcommand.values()).map(TcpRulesSubcommand::commandName).toList());
    }

    /**
     * An AOT cache is used only by a JVM started as it was trained, so the servers' and the clients'
     * flags in the launcher are the flags of their training runs, in the build (cli/pom.xml) and in
     * the packages (packaging/lib/stage.sh).
     */
    @Test
    void theAotTrainingsRunWithTheLaunchersFlags() throws IOException {
        List<String> launcher = launcher();
        int exec = launcher.indexOf(launcher.stream().filter(l -> l.startsWith("exec ") && l.contains("--enable-native-access"))
                .findFirst().orElseThrow());
        List<String> grants = flagsOf(launcher.get(exec) + " " + launcher.get(exec + 1), "--enable-native-access", "--add-opens");
        assertThat(grants).as("the manifest's grants, as the launcher passes them")
                .contains("--enable-native-access=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                        "--add-opens=java.base/java.io=ALL-UNNAMED");
        String pom = Files.readString(BIN.resolve("../cli/pom.xml"), StandardCharsets.UTF_8);
        String stage = Files.readString(BIN.resolve("../packaging/lib/stage.sh"), StandardCharsets.UTF_8)
                .replace("$grants", String.join(" ", grants));
        for (String kind : List.of("servers", "clients")) {
            String caseLine = kind.equals("servers") ? "sslserver|" : "sslclient|";
            int at = launcher.indexOf(launcher.stream().filter(l -> l.startsWith("  " + caseLine)).findFirst().orElseThrow());
            List<String> flags = new java.util.ArrayList<>(flagsOf(launcher.get(at + 1), "-X"));
            flags.addAll(grants);
            String execution = pom.substring(pom.indexOf("<id>aot-cache-" + kind + "</id>"));
            execution = execution.substring(0, execution.indexOf("</execution>"));
            List<String> pomArguments = Pattern.compile("<argument>([^<]*)</argument>").matcher(execution).results()
                    .map(m -> m.group(1)).toList();
            assertThat(pomArguments).as("cli/pom.xml's %s training", kind).containsAll(flags);
            String staged = stage.substring(stage.indexOf("ucspi4j-" + kind + ".aot"));
            staged = staged.substring(0, staged.indexOf("--aot-training=" + kind));
            assertThat(flagsOf(staged.replace("\\\n", " "), "-X", "--")).as("stage.sh's %s training", kind).containsAll(flags);
        }
    }

    /** The words of {@code text} that start with one of {@code prefixes}, quotes taken off. */
    private static List<String> flagsOf(String text, String... prefixes) {
        return Arrays.stream(text.replace("\"", " ").split("\\s+"))
                .filter(w -> Arrays.stream(prefixes).anyMatch(w::startsWith)).toList();
    }

    /** picocli reads tcprules SUBCOMMAND with the table's commands, each under the name the table gives it. */
    @Test
    void picocliHasTheSubcommandsOfTheTable() {
        Io io = new Io(InputStream.nullInputStream(), new ByteArrayOutputStream(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.ISO_8859_1), Map.of());
        Map<String, CommandLine> subcommands = Main.commandLine(new TcpRulesCommand(io), io).getSubcommands();
        assertThat(List.copyOf(subcommands.keySet()))
                .isEqualTo(Arrays.stream(TcpRulesSubcommand.values()).map(TcpRulesSubcommand::commandName).toList());
        for (TcpRulesSubcommand s : TcpRulesSubcommand.values()) {
            assertThat((Object) subcommands.get(s.commandName()).getCommand()).hasSameClassAs(s.command());
        }
    }
}
