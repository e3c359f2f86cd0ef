package org.ucspi4j.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.ucspi4j.cdb.CdbWriter;
import org.ucspi4j.lookup.CheckReport;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.LookupOrder;
import org.ucspi4j.lookup.Query;
import org.ucspi4j.lookup.RuleDatabase;
import org.ucspi4j.lookup.Verdict;

/**
 * Every vector of every dialect: the cdb bytes (or the error and exit code) of the C tcprules, and
 * every recorded tcprulescheck answer. Rows whose answer changes because ucspi4j also tries /1
 * (the deliberate fix) are checked twice: with the C's lookup they must match the vector, with
 * ours they must land on the /1 rule.
 */
class VectorTest {
    @TempDir
    Path dir;

    @TestFactory
    List<DynamicTest> vectors() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Dialect d : Dialect.values()) {
            for (String name : Vectors.ruleFiles(d)) {
                tests.add(DynamicTest.dynamicTest(d.id() + "/" + name, () -> check(d, name)));
            }
        }
        return tests;
    }

    private void check(Dialect d, String name) throws Exception {
        Path rules = Vectors.dir(d).resolve(name + ".rules");
        Path cdb = dir.resolve(d.id() + "-" + name + ".cdb");
        Path exit = Vectors.dir(d).resolve(name + ".exit");
        RuleSyntaxException error = null;
        try (InputStream in = Files.newInputStream(rules);
                CdbWriter writer = CdbWriter.create(cdb, dir.resolve(name + ".tmp"))) {
            new RuleCompiler(d).compile(in, writer::add);
            writer.commit();
        } catch (RuleSyntaxException e) {
            error = e;
        }
        if (Files.exists(exit)) {
            String expected = Files.readString(exit, StandardCharsets.ISO_8859_1);
            int newline = expected.indexOf('\n');
            assertThat(error).as("C tcprules rejected %s", name).isNotNull();
            assertThat(d.syntaxExit()).isEqualTo(Integer.parseInt(expected.substring(0, newline)));
            assertThat(error.cMessage(d) + "\n").isEqualTo(expected.substring(newline + 1));
            assertThat(Files.exists(cdb)).isFalse();
            return;
        }
        if (error != null) {
            fail("C tcprules accepted %s but we report: %s", name, error.getMessage());
        }
        byte[] ours = Files.readAllBytes(cdb);
        Path expectedCdb = Vectors.dir(d).resolve(name + ".cdb");
        if (Files.exists(expectedCdb)) {
            assertThat(ours).as("cdb bytes of %s/%s", d.id(), name).isEqualTo(Files.readAllBytes(expectedCdb));
        } else {
            String sha = Files.readString(Vectors.dir(d).resolve(name + ".cdb.sha256")).split("\\s+")[0];
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ours)))
                    .as("sha256 of %s/%s", d.id(), name).isEqualTo(sha);
        }
        try (RuleDatabase db = RuleDatabase.open(cdb, d)) {
            for (Vectors.QueryRow row : Vectors.queries(d, name)) {
                String ip = row.ip() != null ? row.ip() : CheckReport.defaultIp(d);
                Query q = Query.of(ip, row.host(), row.info());
                Verdict asC = db.lookup(q, LookupOrder.C_SHORTEST_PREFIX);
                assertThat(new String(CheckReport.stdout(d, asC), StandardCharsets.ISO_8859_1))
                        .as("%s/%s %s", d.id(), name, row)
                        .isEqualTo(new String(row.stdout(), StandardCharsets.ISO_8859_1));
                String err = d == Dialect.TCP6 ? CheckReport.info(ip, row.host(), row.info()) + "\n" : "";
                assertThat(err).isEqualTo(new String(row.stderr(), StandardCharsets.ISO_8859_1));
                Verdict ours2 = db.lookup(q);
                if (!java.util.Arrays.equals(ours2.key(), asC.key())) {
                    assertThat(ours2.key()).as("only a /1 rule may change the answer: %s", row)
                            .satisfies(k -> assertThat(k.length).isEqualTo(2))
                            .satisfies(k -> assertThat((char) k[0]).isIn('_', '^'));
                }
            }
        }
    }
}
