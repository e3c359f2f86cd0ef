package org.ucspi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rule tools end to end, through the real launcher ({@code bin/tcprules}): lint in its three
 * formats (SARIF validated against the vendored 2.1.0 schema) with its exit codes, explain, the
 * decompile round trip, migrate, test. The property checks on many files run in-process in the
 * compiler module; here each subcommand is driven once or twice as a user would.
 */
class TcpRulesToolsIT {
    static final Path HOME = Path.of(System.getProperty("ucspi4j.home", "..")).toAbsolutePath().normalize();
    static final Path TCPRULES = HOME.resolve("bin/tcprules");
    static final Path LINT = HOME.resolve("compiler/src/test/resources/lint");
    static final Path VECTORS = HOME.resolve("compiler/src/test/resources/vectors");

    @TempDir
    Path dir;

    record Run(int exit, byte[] out, String err) {
        String stdout() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    Run run(byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(TCPRULES.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        String jar = System.getProperty("ucspi4j.jar");
        if (jar != null) {
            pb.environment().put("UCSPI4J_JAR", jar);
        }
        Path err = dir.resolve("stderr.txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        byte[] out;
        try (InputStream o = p.getInputStream()) {
            out = o.readAllBytes();
        }
        int exit = p.waitFor();
        return new Run(exit, out, Files.readString(err, StandardCharsets.ISO_8859_1));
    }

    static Set<String> expected(String name) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(LINT.resolve(name))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line.strip());
            }
        }
        return out;
    }

    @Test
    void lintTextReportsEverySeededDefectWhereItIs() throws Exception {
        Run r = run(null, "lint", "--portable-to=none", LINT.resolve("seeded-tcp6.rules").toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        Pattern form = Pattern.compile("^(.*):(\\d+):(\\d+): (error|warning|info): (.+) \\[(TR\\d{3})\\]$");
        Set<String> got = new TreeSet<>();
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith("    hint: ")) {
                continue;
            }
            Matcher m = form.matcher(line);
            assertThat(m.matches()).as("editor form: %s", line).isTrue();
            assertThat(m.group(1)).endsWith("seeded-tcp6.rules");
            got.add(m.group(2) + ":" + m.group(3) + " " + m.group(6));
        }
        assertThat(got).isEqualTo(expected("seeded-tcp6.expected"));
        assertThat(r.err()).contains("tcprules lint: 6 errors, ");
    }

    @Test
    void lintSarifIsValidSarif210() throws Exception {
        Run r = run(null, "lint", "--format=sarif", "--portable-to=none", "seeded.rules");
        assertThat(r.exit()).isEqualTo(111); // no such file yet: I/O trouble
        Files.copy(LINT.resolve("seeded-tcp6.rules"), dir.resolve("seeded.rules"));
        r = run(null, "lint", "--format=sarif", "--portable-to=none", "seeded.rules");
        assertThat(r.exit()).isEqualTo(2);
        Schema schema;
        try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
        assertThat(schema.validate(r.stdout(), InputFormat.JSON)).as("SARIF schema errors").isEmpty();
        JsonNode root = JsonMapper.builder().build().readTree(r.stdout());
        assertThat(root.get("version").asString()).isEqualTo("2.1.0");
        JsonNode run = root.get("runs").get(0);
        JsonNode results = run.get("results");
        assertThat(results.size()).isEqualTo(expected("seeded-tcp6.expected").size());
        Set<String> got = new TreeSet<>();
        for (JsonNode result : results) {
            JsonNode loc = result.get("locations").get(0).get("physicalLocation");
            assertThat(loc.get("artifactLocation").get("uri").asString()).isEqualTo("seeded.rules");
            got.add(loc.get("region").get("startLine").asLong() + ":" + loc.get("region").get("startColumn").asInt() + " "
                    + result.get("ruleId").asString());
            int index = result.get("ruleIndex").asInt();
            assertThat(run.get("tool").get("driver").get("rules").get(index).get("id").asString()).isEqualTo(result.get("ruleId").asString());
        }
        assertThat(got).isEqualTo(expected("seeded-tcp6.expected"));
        // a schema violation is caught: the check is not vacuous
        assertThat(schema.validate("{\"version\":\"2.0.0\",\"runs\":[]}", InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void lintJsonCleanStrictAndUsage() throws Exception {
        Run json = run(null, "lint", "--dialect=fefe", "--portable-to=none", "--format=json", LINT.resolve("seeded-fefe.rules").toString());
        assertThat(json.exit()).isEqualTo(2);
        JsonNode root = JsonMapper.builder().build().readTree(json.stdout());
        assertThat(root.get("summary").get("errors").asInt()).isEqualTo(1);
        assertThat(root.get("diagnostics").size()).isEqualTo(expected("seeded-fefe.expected").size());
        assertThat(root.get("diagnostics").get(0).get("hint").asString()).isEqualTo("write 2001:db8::1");

        Run clean = run(null, "lint", LINT.resolve("clean-tcp6.rules").toString());
        assertThat(clean.exit()).isZero();
        assertThat(clean.out()).isEmpty();

        Run warnings = run(null, "lint", "--dialect=djb", "--strict", LINT.resolve("seeded-djb.rules").toString());
        assertThat(warnings.exit()).isEqualTo(1);
        Run lenient = run(null, "lint", "--dialect=djb", LINT.resolve("seeded-djb.rules").toString());
        assertThat(lenient.exit()).isZero();
        assertThat(lenient.stdout()).contains("[TR050]", "[TR018]");
        // the dialect may also come before the subcommand, as for the compiler; the subcommand's own wins
        Run before = run(null, "--dialect=djb", "lint", LINT.resolve("seeded-djb.rules").toString());
        assertThat(before.stdout()).isEqualTo(lenient.stdout());
        Run overridden = run(null, "--dialect=fefe", "lint", "--dialect=djb", LINT.resolve("seeded-djb.rules").toString());
        assertThat(overridden.stdout()).isEqualTo(lenient.stdout());

        Run usage = run(null, "lint", "--format=xml", "x");
        assertThat(usage.exit()).isEqualTo(100);
        assertThat(usage.err()).startsWith("tcprules lint: Invalid value for option '--format'").contains("'xml'")
                .contains("\ntcprules: usage: tcprules lint ");
    }

    @Test
    void explainTextAndCdb() throws Exception {
        byte[] rules = "10.0.0.0/8:allow,NET=\"ten\"\n10.1.0.0/16:deny\n=mx.example.org:allow,RELAYCLIENT=\"\"\n:deny\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("rules.txt"), rules);
        Run text = run(null, "explain", "rules.txt", "10.2.3.4", "--host=other.example.org");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.stdout()).contains("10.2.3.4: no rule", "=other.example.org: no rule", "10.0.0.0/8: MATCH",
                "matched: 10.0.0.0/8 (line 1: 10.0.0.0/8:allow,NET=\"ten\")", "decision: allow", "set: NET=ten");

        assertThat(run(rules, "rules.cdb", "rules.tmp").exit()).isZero(); // the C-compatible compiler still works
        Run cdb = run(null, "explain", "rules.cdb", "10.1.2.3", "--host=mx.example.org");
        assertThat(cdb.stdout()).contains("=mx.example.org: MATCH", "decision: allow", "set: RELAYCLIENT=\n");
    }

    @Test
    void decompileRoundTripThroughTheLauncher() throws Exception {
        byte[] rules = Files.readAllBytes(VECTORS.resolve("tcp6/big.rules"));
        assertThat(run(rules, "big.cdb", "big.tmp").exit()).isZero();
        Run text = run(null, "decompile", "big.cdb");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.stdout()).startsWith("# decompiled from big.cdb");
        assertThat(run(text.out(), "again.cdb", "again.tmp").exit()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("again.cdb"))).isEqualTo(Files.readAllBytes(dir.resolve("big.cdb")));
    }

    @Test
    void migrateRewritesOrRefuses() throws Exception {
        Files.writeString(dir.resolve("old.rules"), "# fefe rules\n2001:db8::allow,V6=\"yes\"\n10.:deny\n:allow\n");
        Run r = run(null, "migrate", "--from=fefe", "--to=tcp6", "--cidr", "old.rules");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.stdout()).isEqualTo("# fefe rules\n2001:db8::/32:allow,V6=\"yes\"\n10.0.0.0/8:deny\n:allow\n");
        assertThat(r.err()).contains("old.rules:2: fefe's text prefix 2001:db8: is exactly these networks", "2 lines changed");

        Files.writeString(dir.resolve("bad.rules"), "10.:deny\n2001:db8:::allow\n");
        Run refused = run(null, "migrate", "--from=fefe", "--to=tcp6", "-o", "new.rules", "bad.rules");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.out()).isEmpty();
        assertThat(dir.resolve("new.rules")).doesNotExist();
        assertThat(refused.err()).contains("bad.rules:2: cannot migrate:", "nothing written");
    }

    @Test
    void testCommandPassesAndFails() throws Exception {
        Files.writeString(dir.resolve("rules.txt"), "192.0.2.:deny\n192.0.2.25:allow,RELAYCLIENT=\"\"\n=mx.example.org:allow\n:deny\n");
        Files.writeString(dir.resolve("good.txt"), "# all pass\n192.0.2.7 => deny\n192.0.2.25 => allow RELAYCLIENT=\"\"\n"
                + "198.51.100.1 host=mx.example.org info=joe => allow\n");
        Run good = run(null, "test", "rules.txt", "good.txt");
        assertThat(good.exit()).as(good.stdout()).isZero();
        assertThat(good.stdout()).endsWith("3 passed, 0 failed\n");
        Files.writeString(dir.resolve("bad.txt"), "192.0.2.7 => allow\n192.0.2.25 => allow\n");
        Run bad = run(null, "test", "rules.txt", "bad.txt");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.stdout()).contains("FAIL 1: 192.0.2.7 => allow\n     got: deny (rule 192.0.2. at line 1: 192.0.2.:deny)")
                .endsWith("0 passed, 2 failed\n");
        // a wrong variable shows expected and got side by side; a line whose IP is no address fails
        Files.writeString(dir.resolve("vars.txt"), "192.0.2.25 => allow RELAYCLIENT=x\nnot-an-ip => deny\n999.1.1.1 => deny\n");
        Run vars = run(null, "test", "rules.txt", "vars.txt");
        assertThat(vars.exit()).isEqualTo(1);
        assertThat(vars.stdout()).isEqualTo("""
                FAIL 1: 192.0.2.25 => allow RELAYCLIENT=x
                     got: allow RELAYCLIENT="" (rule 192.0.2.25 at line 2: 192.0.2.25:allow,RELAYCLIENT="")
                     variable     expected  got
                     RELAYCLIENT  "x"       ""
                FAIL 2: not-an-ip => deny
                     got: cannot read the expectation: not-an-ip is not an IP address
                FAIL 3: 999.1.1.1 => deny
                     got: cannot read the expectation: 999.1.1.1 is not an IP address
                0 passed, 3 failed
                """);
    }

    @Test
    void explainRefusesWhatIsNoAddress() throws Exception {
        Files.writeString(dir.resolve("rules.txt"), "192.0.2.:deny\n:allow\n");
        for (String ip : List.of("999.1.1.1", "not-an-ip", "1.2.3", "::g")) {
            Run r = run(null, "explain", "rules.txt", ip);
            assertThat(r.exit()).as(ip).isEqualTo(100);
            assertThat(r.stdout()).isEmpty();
            assertThat(r.err()).startsWith("tcprules: explain: " + ip + " is not an IP address");
        }
        assertThat(run(null, "explain", "rules.txt", "2001:db8::1").exit()).isZero();
    }

    /**
     * A compiled cdb given to the text-taking tools is refused with a hint, not read as text (its
     * binary used to come out as a pile of syntax errors), whatever the file is called; explain
     * still takes it.
     */
    @Test
    void lintAndMigrateRefuseACdb() throws Exception {
        byte[] rules = "10.0.0.0/8:allow,RELAYCLIENT=\"\"\n192.0.2.:deny\n:allow\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(run(rules, "rules.cdb", "rules.tmp").exit()).isZero();
        Files.copy(dir.resolve("rules.cdb"), dir.resolve("rules.txt"));
        Files.write(dir.resolve("source.rules"), rules);
        for (String name : List.of("rules.cdb", "rules.txt")) {
            Run lint = run(null, "lint", name);
            assertThat(lint.exit()).as(lint.err()).isEqualTo(2);
            assertThat(lint.stdout()).isEmpty();
            assertThat(lint.err()).startsWith(name + ": is a cdb file, not a rules text: lint the rules file it was made"
                    + " from, or 'tcprules decompile " + name + "' first\n");
            assertThat(lint.err()).doesNotContain("TR0");
        }
        Run both = run(null, "lint", "source.rules", "rules.cdb");
        assertThat(both.exit()).as("the source is clean, the cdb is refused").isEqualTo(2);
        assertThat(both.err()).contains("rules.cdb: is a cdb file");
        assertThat(run(null, "lint", "source.rules").exit()).isZero();

        Run migrate = run(null, "migrate", "--from=djb", "--to=tcp6", "rules.cdb");
        assertThat(migrate.exit()).isEqualTo(2);
        assertThat(migrate.out()).isEmpty();
        assertThat(migrate.err()).isEqualTo("rules.cdb: is a cdb file, not a rules text: migrate the rules file it was"
                + " made from, or 'tcprules decompile rules.cdb' first\n");

        assertThat(run(null, "explain", "rules.txt", "10.1.2.3").exit()).as("explain takes a cdb").isZero();
    }

    /**
     * Messages built from a system error say why in every dialect: djb's and fefe's tcprules add DJB's
     * error_str() text; ucspi-tcp6 1.11.4 prints none (fehQlibs-14's logmsg clears errno before it
     * could), which ucspi4j adds in DJB's words as a deliberate difference (README, Compatibility).
     */
    @Test
    void unreadableFilesAreReportedWithTheirReasonInEachDialect() throws Exception {
        Run tcp6 = run(null, "/nonexistent/x.cdb", "/nonexistent/x.tmp");
        assertThat(tcp6.exit()).isEqualTo(111);
        assertThat(tcp6.err()).isEqualTo("tcprules: error: (111) unable to create: /nonexistent/x.tmp: file does not exist\n");
        Run djb = run(null, "--dialect=djb", "/nonexistent/x.cdb", "/nonexistent/x.tmp");
        assertThat(djb.exit()).isEqualTo(111);
        assertThat(djb.err()).isEqualTo("tcprules: fatal: unable to create /nonexistent/x.tmp: file does not exist\n");

        List<String> check = List.of(TCPRULES.resolveSibling("tcprulescheck").toString(), "/nonexistent.cdb");
        ProcessBuilder pb = new ProcessBuilder(check).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("TCPREMOTEIP", "10.0.0.1");
        String jar = System.getProperty("ucspi4j.jar");
        if (jar != null) {
            pb.environment().put("UCSPI4J_JAR", jar);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(p.waitFor()).isEqualTo(111);
        assertThat(out).endsWith("tcprulescheck: fatal: (111) unable to read: /nonexistent.cdb: file does not exist\n");
    }
}
