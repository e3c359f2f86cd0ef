package org.ucspi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * The manual pages in {@code docs/man} (mdoc): each lints clean with mandoc and renders, every
 * program of the launcher has one (under its own name: a page or a link to the page that names it),
 * and each page describes every option its picocli command accepts, subcommands included, as an
 * {@code .It Fl ...} entry. Needs mandoc ({@code bin/lib/test-deps.sh} installs it).
 */
class ManPagesTest {
    /**
     * The launcher's programs by name, each as a fresh command object. The one place this test reads
     * the launcher's table: if its shape changes, only this method does.
     */
    static Map<String, Object> programs() {
        Io io = quietIo();
        Map<String, Object> programs = new TreeMap<>();
        for (Programs p : Programs.values()) {
            programs.put(p.programName(), p.command(io));
        }
        return programs;
    }

    private static Io quietIo() {
        return new Io(InputStream.nullInputStream(), new ByteArrayOutputStream(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.ISO_8859_1), Map.of());
    }

    /** docs/man of the checkout: found upwards from the working directory (cli/ under Maven). */
    static Path manDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("docs/man");
            if (Files.isDirectory(candidate.resolve("man1"))) {
                return candidate;
            }
        }
        return fail("docs/man/man1 not found above " + Path.of("").toAbsolutePath());
    }

    /** Every page file, links included, as paths relative to docs/man (man1/sslserver.1, ...). */
    static List<Path> pages() throws IOException {
        Path dir = manDir();
        List<Path> pages = new ArrayList<>();
        for (String section : List.of("man1", "man7")) {
            try (Stream<Path> files = Files.list(dir.resolve(section))) {
                files.sorted().forEach(f -> pages.add(dir.relativize(f)));
            }
        }
        return pages;
    }

    static Path page(String program) {
        return manDir().resolve("man1").resolve(program + ".1");
    }

    @Test
    void everyProgramHasAPageThatNamesIt() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String program : programs().keySet()) {
            Path page = page(program);
            if (!Files.isRegularFile(page)) { // follows a link to the shared page
                problems.add(program + ": no " + manDir().relativize(page));
                continue;
            }
            if (!namesInNameSection(Files.readAllLines(page, StandardCharsets.UTF_8)).contains(program)) {
                problems.add(program + ": " + page.toRealPath().getFileName() + " has no '.Nm " + program
                        + "' in its NAME section");
            }
        }
        assertThat(problems).as("programs of the Programs table without a page").isEmpty();
    }

    @Test
    void everyPageIsOfAProgramOrTheProtocol() throws IOException {
        Set<String> expected = new TreeSet<>();
        programs().keySet().forEach(p -> expected.add("man1/" + p + ".1"));
        expected.add("man7/ucspi-tls.7");
        Set<String> found = new TreeSet<>();
        pages().forEach(p -> found.add(p.toString()));
        assertThat(found).as("the pages in docs/man").isEqualTo(expected);
    }

    @Test
    void mandocLintFindsNothing() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Path page : pages()) {
            Result r = mandoc("-T", "lint", "-W", "warning", page.toString());
            if (r.exit() != 0 || !r.output().isEmpty()) {
                problems.add(page + " (exit " + r.exit() + "):\n" + r.output());
            }
        }
        assertThat(problems).as("mandoc -T lint -W warning").isEmpty();
    }

    @Test
    void everyPageRenders() throws Exception {
        for (Path page : pages()) {
            Result r = mandoc("-T", "utf8", page.toString());
            assertThat(r.exit()).as("mandoc -T utf8 %s: %s", page, r.output()).isZero();
            String name = page.getFileName().toString().replaceFirst("\\.[17]$", "");
            String text = r.output().replaceAll(".\b", ""); // bold and underline are overstruck
            assertThat(text).as("%s rendered", page)
                    .contains("NAME").contains("DESCRIPTION").contains(name);
        }
    }

    @Test
    void everyOptionOfEveryCommandIsDescribed() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> program : programs().entrySet()) {
            String name = program.getKey();
            Object command = program.getValue();
            if (!Files.isRegularFile(page(name))) {
                continue; // everyProgramHasAPageThatNamesIt says so
            }
            List<String> lines = Files.readAllLines(page(name), StandardCharsets.UTF_8);
            if (!command.getClass().isAnnotationPresent(CommandLine.Command.class)) {
                // sslcat, sslconnect, https@: no options of their own, sslclient's after host and port
                if (!lines.contains(".Xr sslclient 1 ,") && !lines.contains(".Xr sslclient 1")) {
                    problems.add(name + ": takes sslclient's options, but its page does not refer to sslclient(1)");
                }
                continue;
            }
            CommandSpec spec = Main.commandLine(command, quietIo()).getCommandSpec();
            check(name, spec, section(lines, ".Sh OPTIONS", ".Sh "), problems);
            for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
                List<String> block = section(lines, ".Ss " + name + " " + sub.getKey(), ".Sh ", ".Ss ");
                if (block.isEmpty()) {
                    problems.add(name + " " + sub.getKey() + ": no '.Ss " + name + " " + sub.getKey() + "' in "
                            + name + ".1");
                    continue;
                }
                check(name + " " + sub.getKey(), sub.getValue().getCommandSpec(), block, problems);
            }
        }
        assertThat(problems).as("options the pages do not describe").isEmpty();
    }

    /** Each name of each option of {@code spec} must start an entry ({@code .It Fl x ...}) in {@code block}. */
    private static void check(String who, CommandSpec spec, List<String> block, List<String> problems) {
        Set<String> described = describedOptions(block);
        for (OptionSpec option : spec.options()) {
            for (String optionName : option.names()) {
                if (!described.contains(optionName)) {
                    problems.add(who + ": " + optionName + " has no '.It Fl " + optionName.substring(1)
                            + "' entry");
                }
            }
        }
    }

    /** The lines from {@code start} (exactly) to the next line starting with one of {@code ends}; empty when absent. */
    static List<String> section(List<String> lines, String start, String... ends) {
        int from = lines.indexOf(start);
        if (from < 0) {
            return List.of();
        }
        int to = from + 1;
        while (to < lines.size() && Stream.of(ends).noneMatch(lines.get(to)::startsWith)) {
            to++;
        }
        return lines.subList(from, to);
    }

    /** The options named by {@code Fl} in list entries: {@code .It Fl a , Fl -class-path Ns = Ns Ar jars}. */
    static Set<String> describedOptions(List<String> block) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : block) {
            if (!line.startsWith(".It ")) {
                continue;
            }
            String[] words = line.replace("\\-", "-").trim().split("\\s+");
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].equals("Fl")) {
                    out.add("-" + words[i + 1]);
                }
            }
        }
        return out;
    }

    /** The names a page's NAME section gives with {@code .Nm}. */
    static Set<String> namesInNameSection(List<String> lines) {
        Set<String> names = new TreeSet<>();
        for (String line : section(lines, ".Sh NAME", ".Sh ")) {
            if (line.startsWith(".Nm ")) {
                names.add(line.substring(4).trim().split("\\s+")[0]);
            }
        }
        return names;
    }

    record Result(int exit, String output) {}

    /** Runs mandoc in docs/man; its stdout and stderr together. */
    static Result mandoc(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(mandocPath().toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(manDir().toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("mandoc " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static Path mandocPath() {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "mandoc");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("mandoc is missing: the manual page tests need Debian's mandoc package. Run bin/test or "
                + ".ci/run as root once (bin/lib/test-deps.sh installs it), or apt-get install mandoc.");
    }
}
