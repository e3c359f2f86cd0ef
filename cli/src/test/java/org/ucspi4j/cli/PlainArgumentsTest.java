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

    /**
     * A subcommand's own reading of {@code lines} gives the fields ({@code fields}, given the
     * top command) that picocli's reading gives, or declines; returns how many it read.
     */
    private static int checkSubcommand(List<List<String>> lines,
            java.util.function.BiFunction<Object, TcpRulesCommand, List<Object>> fields) {
        int taken = 0;
        for (List<String> line : lines) {
            String[] args = line.toArray(String[]::new);
            TcpRulesCommand plain = new TcpRulesCommand(io());
            if (!plain.bindClassic(args)) {
                continue;
            }
            taken++;
            TcpRulesCommand top = new TcpRulesCommand(io());
            CommandLine.ParseResult parsed = Main.commandLine(top, io()).parseArgs(args);
            Object picocli = parsed.subcommand().commandSpec().userObject();
            assertThat(plain.bound()).as("%s", line).hasSameClassAs(picocli);
            assertThat(fields.apply(plain.bound(), plain)).as("%s", line).isEqualTo(fields.apply(picocli, top));
        }
        return taken;
    }

    @Test
    void tcprulesLint() {
        assertThat(checkSubcommand(LINT_LINES, (o, top) -> {
            TcpRulesLintCommand c = (TcpRulesLintCommand) o;
            return java.util.Arrays.asList(c.dialectOption.of(top), c.format, c.strict, c.portableTo, c.files);
        })).isGreaterThan(10);
    }

    @Test
    void tcprulesExplain() {
        assertThat(checkSubcommand(List.of(List.of("explain", "r", "1.2.3.4"), List.of("--dialect=djb", "explain", "r", "ip"),
                List.of("explain", "--host=h.example", "--info=joe", "--all-keys", "r", "::1"), List.of("explain", "r"),
                List.of("explain", "r", "ip", "x"), List.of("explain", "--host=", "r", "ip"), List.of("explain", "--host", "h", "r", "ip"),
                List.of("explain", "--dialect=FEFE", "r", "ip", "--all-keys"), List.of("explain", "--all-keys=true", "r", "ip"),
                List.of("explain", "--info=a=b", "r", "ip"), List.of("explain", "-", "ip")), (o, top) -> {
                    TcpRulesExplainCommand c = (TcpRulesExplainCommand) o;
                    return java.util.Arrays.asList(c.dialectOption.of(top), c.host, c.info, c.allKeys, c.rules, c.ip);
                })).isGreaterThan(4);
    }

    @Test
    void tcprulesDecompile() {
        assertThat(checkSubcommand(List.of(List.of("decompile", "r.cdb"), List.of("--dialect=fefe", "decompile", "--no-header", "r.cdb"),
                List.of("decompile"), List.of("decompile", "a", "b"), List.of("decompile", "--no-header", "--no-header", "a"),
                List.of("decompile", "--dialect=djb", "r.cdb")), (o, top) -> {
                    TcpRulesDecompileCommand c = (TcpRulesDecompileCommand) o;
                    return java.util.Arrays.asList(c.dialectOption.of(top), c.noHeader, c.cdb);
                })).isGreaterThan(2);
    }

    @Test
    void tcprulesTest() {
        assertThat(checkSubcommand(List.of(List.of("test", "r", "e"), List.of("--dialect=djb", "test", "r", "e"),
                List.of("test", "--dialect=fefe", "r", "e"), List.of("test", "r"), List.of("test", "r", "e", "x"),
                List.of("test", "--strict", "r", "e")), (o, top) -> {
                    TcpRulesTestCommand c = (TcpRulesTestCommand) o;
                    return java.util.Arrays.asList(c.dialectOption.of(top), c.rules, c.expectations);
                })).isGreaterThan(2);
    }

    @Test
    void tcprulesMigrate() {
        assertThat(checkSubcommand(List.of(List.of("migrate", "--from=djb", "--to=tcp6", "r"),
                List.of("migrate", "--from=FEFE", "--to=tcp6", "--cidr", "--output=out.txt", "r"), List.of("migrate", "--to=tcp6", "r"),
                List.of("migrate", "--from=djb", "r"), List.of("migrate", "--from=nope", "--to=tcp6", "r"),
                List.of("migrate", "-o", "x", "--from=djb", "--to=tcp6", "r"), List.of("--dialect=djb", "migrate", "--from=djb", "--to=tcp6", "r"),
                List.of("migrate", "r", "--to=tcp6", "--from=djb")), (o, top) -> {
                    TcpRulesMigrateCommand c = (TcpRulesMigrateCommand) o;
                    return java.util.Arrays.asList(c.from, c.to, c.cidr, c.output, c.rules);
                })).isGreaterThan(3);
    }

    private static final List<List<String>> SSLCLIENT_LINES = List.of(
            List.of("h", "443", "cat"), List.of("-X", "h", "443", "sh", "-c", "x"), List.of("-XNvs", "h", "p", "cat", "-v"),
            List.of("-T5+7", "-w", "9", "-l0", "-RH", "h", "p", "prog"), List.of("-T", "3", "h", "p", "prog"),
            List.of("-a", "ca.pem", "-A", "", "-c", "c.pem", "-k", "k.pem", "-K", "pass", "-V", "3", "-z", "HIGH", "h", "p", "x"),
            List.of("-i", "127.0.0.1", "-p", "2000", "-I", "eth0", "-t", "3", "-rdDhHxnNmMy", "h", "p", "x"),
            List.of("-3qQeEsS46", "h", "p", "x"), List.of("-v", "--", "-h", "p", "x"), List.of("--", "h", "p", "x"),
            List.of("-", "p", "x"), List.of("h", "p", "x", "-X"), List.of("-X", "h", "p"), List.of("h"), List.of(),
            List.of("-T"), List.of("-X", "-T"), List.of("-j", "h", "p", "x"), List.of("-Xj", "h", "p", "x"),
            List.of("--version"), List.of("-X", "--help"), List.of("-p", "99999", "h", "p", "x"), List.of("-pabc", "h", "p", "x"),
            List.of("-RHl0", "-X", "--", "h", "443", "sslcat"), List.of("-VX", "h", "p", "x"), List.of("-s", "-S", "-v", "-Q", "h", "p", "x"));

    /** Every field an option or operand sets, by name (the command's own and the shared options'). */
    private static Map<String, Object> state(SslClientCommand c) throws ReflectiveOperationException {
        return state(c, c.common);
    }

    private static Map<String, Object> state(SslServerCommand c) throws ReflectiveOperationException {
        return state(c, c.common);
    }

    private static Map<String, Object> state(Object c, CommonOptions common) throws ReflectiveOperationException {
        Map<String, Object> fields = new java.util.TreeMap<>();
        for (Object o : List.of(c, common)) {
            for (java.lang.reflect.Field f : o.getClass().getDeclaredFields()) {
                if (!java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType() != Io.class
                        && f.getType() != CommonOptions.class && f.getType() != CommandLine.Model.CommandSpec.class) {
                    f.setAccessible(true);
                    fields.put(f.getName(), String.valueOf(f.get(o)));
                }
            }
        }
        return fields;
    }

    @Test
    void sslclient() throws Exception {
        assertThat(readsAsPicocliDoes(SSLCLIENT_LINES, () -> new SslClientCommand(io()), PlainArgumentsTest::state))
                .isGreaterThan(12);
    }

    /** A state of a command, by field name. */
    private interface State<T> {
        Map<String, Object> of(T command) throws ReflectiveOperationException;
    }

    /**
     * Each line the command's getopt reading takes gives the state picocli's gives; each it declines
     * leaves the command untouched. Returns how many it took.
     */
    private static <T extends Program> int readsAsPicocliDoes(List<List<String>> lines, java.util.function.Supplier<T> make,
            State<T> state) throws ReflectiveOperationException {
        int taken = 0;
        for (List<String> line : lines) {
            String[] args = line.toArray(String[]::new);
            T plain = make.get();
            if (!plain.bindClassic(args)) {
                assertThat(state.of(plain)).as("%s: declined, untouched", line).isEqualTo(state.of(make.get()));
                continue;
            }
            taken++;
            T picocli = make.get();
            Main.commandLine(picocli, io()).parseArgs(args);
            assertThat(state.of(plain)).as("%s", line).isEqualTo(state.of(picocli));
        }
        return taken;
    }

    @Test
    void sslclientDeclinesWhatTheCToolRefuses() throws Exception {
        for (List<String> line : List.of(List.of("-T"), List.of("-X", "h", "p"), List.of("-j", "h", "p", "x"),
                List.of("--version"), List.of("h"), List.of("-Xj", "h", "p", "x"))) {
            SslClientCommand c = new SslClientCommand(io());
            assertThat(c.bindClassic(line.toArray(String[]::new))).as("%s", line).isFalse();
            assertThat(state(c)).as("%s: untouched", line).isEqualTo(state(new SslClientCommand(io())));
        }
    }

    private static final List<List<String>> SSLSERVER_LINES = List.of(
            List.of("0", "443", "cat"), List.of("-1", "0", "0", "sh", "-c", "x"), List.of("-vRHl0", "127.0.0.1", "p", "cat", "-v"),
            List.of("-c", "100", "-b128", "-x", "r.cdb", "-y", "ip.cdb", "-X", "h", "p", "prog"),
            List.of("-B", "hello", "-g", "1000", "-u1000", "-l", "name", "-t", "3", "-T", "9", "-w", "60", "-I", "eth0", "h", "p", "x"),
            List.of("-1346dDvVhHpPrRoOnNzmZX", "h", "p", "x"), List.of("-3qQsSeE", "h", "p", "x"), List.of("-U", "h", "p", "x"),
            List.of("-v", "--", "-h", "p", "x"), List.of("--", "h", "p", "x"), List.of("-", "-", "x"), List.of("h", "p", "x", "-X"),
            List.of("-Q", "h", "p"), List.of("h"), List.of(), List.of("-c"), List.of("-X", "-c"), List.of("-j", "h", "p", "x"),
            List.of("-Xj", "h", "p", "x"), List.of("--version"), List.of("-X", "--help"), List.of("-c", "0", "h", "p", "x"),
            List.of("-cabc", "h", "p", "x"), List.of("-u", "nobody", "h", "p", "x"), List.of("-T0", "h", "p", "x"),
            List.of("-s", "-S", "-v", "-Q", "h", "p", "x"), List.of("-B", "", "-l", "", "h", "p", "x"));

    @Test
    void sslserver() throws Exception {
        assertThat(readsAsPicocliDoes(SSLSERVER_LINES, () -> new SslServerCommand(io()), PlainArgumentsTest::state))
                .isGreaterThan(12);
    }

    @Test
    void sslserverDeclinesWhatTheCToolRefusesAndLeavesSslhandleToPicocli() throws Exception {
        for (List<String> line : List.of(List.of("-c"), List.of("-X", "h"), List.of("-j", "h", "p", "x"),
                List.of("--version"), List.of("-c", "0", "h", "p", "x"), List.of("-cabc", "h", "p", "x"),
                List.of("-u", "nobody", "h", "p", "x"), List.of("-T0", "h", "p", "x"))) {
            SslServerCommand c = new SslServerCommand(io());
            assertThat(c.bindClassic(line.toArray(String[]::new))).as("%s", line).isFalse();
            assertThat(state(c)).as("%s: untouched", line).isEqualTo(state(new SslServerCommand(io())));
        }
        assertThat(new SslHandleCommand(io()).bindClassic(new String[] {"h", "p", "Handler"})).isFalse();
        assertThat(new SslPrintCommand(io()).bindClassic(new String[] {"h", "p"})).isFalse();
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
