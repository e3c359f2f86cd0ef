package org.ucspi4j.rules.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucspi4j.cdb.CdbWriter;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.Query;
import org.ucspi4j.lookup.RuleDatabase;
import org.ucspi4j.lookup.Verdict;
import org.ucspi4j.lookup.text.Texts;
import org.ucspi4j.rules.RuleCompiler;

class ExplainAndExpectationsTest {
    @TempDir
    Path dir;

    static final byte[] RULES = Texts.latin1("""
            # mail relay
            127.0.0.1:allow,RELAYCLIENT=""
            10.0.0.0/8:allow,NET="ten"
            10.1.0.0/16:deny
            =mx.example.org:allow,RELAYCLIENT=""
            joe@192.0.2.7:deny
            :deny
            """);

    @Test
    void explainOnTextAndOnCdbAgree() throws Exception {
        RuleIndex index = RuleIndex.compile(Dialect.TCP6, new ByteArrayInputStream(RULES));
        Path cdb = dir.resolve("r.cdb");
        try (CdbWriter w = CdbWriter.create(cdb, dir.resolve("r.tmp"))) {
            new RuleCompiler(Dialect.TCP6).compile(new ByteArrayInputStream(RULES), w::add);
            w.commit();
        }
        try (RuleDatabase db = RuleDatabase.open(cdb, Dialect.TCP6)) {
            for (Query q : List.of(Query.ipOnly("10.1.2.3"), Query.ipOnly("10.2.3.4"), Query.of("10.1.2.3", "mx.example.org", null),
                    Query.of("192.0.2.7", null, "joe"), Query.ipOnly("2001:db8::1"), Query.ipOnly("127.0.0.1"))) {
                Explainer.Explanation text = Explainer.explain(index, q);
                Explainer.Explanation compiled = Explainer.explain(db, q);
                assertThat(text.tried()).containsExactlyElementsOf(compiled.tried());
                assertThat(Migrator.same(text.verdict(), compiled.verdict())).isTrue();
                assertThat(text.verdict().key()).isEqualTo(compiled.verdict().key());
            }
        }
        Explainer.Explanation x = Explainer.explain(index, Query.ipOnly("10.1.2.3"));
        String report = Texts.latin1(Explainer.report(x, false));
        assertThat(report).contains("10.1.0.0/16: MATCH", "matched: 10.1.0.0/16 (line 4: 10.1.0.0/16:deny)", "decision: deny",
                "10.1.2.3/32 .. 10.1.0.0/17: no rule");
        assertThat(Texts.latin1(Explainer.report(x, true)).lines().filter(l -> l.contains("no rule")).count()).isEqualTo(20);
        String host = Texts.latin1(Explainer.report(Explainer.explain(index, Query.of("10.1.2.3", "mx.example.org", null)), false));
        assertThat(host).contains("=mx.example.org: MATCH", "set: RELAYCLIENT=\n", "decision: allow");
    }

    @Test
    void expectationsPassFailAndCount() throws Exception {
        RuleIndex index = RuleIndex.compile(Dialect.TCP6, new ByteArrayInputStream(RULES));
        byte[] wanted = Texts.latin1("""
                # expectations
                10.1.2.3 => deny
                10.2.3.4 => allow NET=ten
                10.2.3.4 => allow
                10.2.3.4 => allow ...
                127.0.0.1 => allow RELAYCLIENT=""
                10.9.9.9 host=mx.example.org => allow RELAYCLIENT=""
                192.0.2.7 info=joe => deny
                192.0.2.7 host="a b" => allow
                192.0.2.8 => permit
                """);
        List<Expectations.Outcome> outcomes = Expectations.check(wanted, q -> {
            Verdict v = index.lookup(q);
            return new Expectations.Found(v, v.matched() ? "line " + index.find(v.key()).line() : null);
        });
        assertThat(outcomes).extracting(Expectations.Outcome::passed).containsExactly(true, true, false, true, true, true, true, false, false);
        assertThat(outcomes.get(2).found()).isEqualTo("allow NET=\"ten\" (line 3)");
        assertThat(outcomes.get(8).found()).contains("neither allow nor deny");
        String report = Texts.latin1(Expectations.report(outcomes));
        assertThat(report).startsWith("ok   2: 10.1.2.3 => deny\n").contains("FAIL 4: 10.2.3.4 => allow\n     got: allow NET=\"ten\"")
                .endsWith("\n6 passed, 3 failed\n");
        assertThat(Expectations.tokens("1.2.3.4 host=\"a \\\"b\\\"\" => allow X=\"\"")).containsExactly("1.2.3.4", "host=a \"b\"", "=>", "allow", "X=");
    }
}
