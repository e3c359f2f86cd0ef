package org.ucspi4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.RuleDatabase;
import org.ucspi4j.lookup.text.Texts;
import org.ucspi4j.rules.RuleSyntaxException;
import org.ucspi4j.rules.tools.Expectations;
import org.ucspi4j.rules.tools.Explainer;
import org.ucspi4j.rules.tools.RuleIndex;
import org.ucspi4j.runtime.posix.ArgumentBytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tcprules test RULES EXPECTATIONS}: checks lines like
 * {@code 192.0.2.7 host=mx.example.org info=joe => deny} against the rules (text or cdb) with the
 * servers' lookup; prints ok/FAIL per line and {@code N passed, N failed}. Exit 0 when all pass,
 * 1 when any fails, 2 when the rules do not compile, 100 usage, 111 I/O.
 */
@Command(name = "test", description = "Check rules against expected verdicts.")
final class TcpRulesTestCommand implements PlainOptions.Subcommand, Program {
    @ParentCommand
    TcpRulesCommand parent;

    @Mixin
    InheritedDialect dialectOption;

    @Parameters(index = "0", paramLabel = "RULES",
            description = "a rules file (text) or a compiled cdb")
    String rules;

    @Parameters(index = "1", paramLabel = "EXPECTATIONS",
            description = "the file of expected verdicts to check the rules against")
    String expectations;

    /** {@code [--dialect=D] RULES EXPECTATIONS} without picocli ({@link PlainOptions}). */
    @Override
    public boolean bindClassic(TcpRulesCommand parent, String[] args, int from) {
        PlainOptions o = PlainOptions.read(args, from, java.util.Set.of("--dialect"), java.util.Set.of());
        if (o == null || o.positionals().size() != 2 || (dialectOption = o.inheritedDialect()) == null) {
            return false;
        }
        this.parent = parent;
        rules = o.positionals().get(0);
        expectations = o.positionals().get(1);
        return true;
    }

    @Override
    public String usage() {
        return "tcprules: usage: tcprules test [--dialect=tcp6|djb|fefe] RULES.txt|RULES.cdb EXPECTATIONS";
    }

    @Override
    public Integer call() throws IOException {
        Io io = parent.io();
        Dialect dialect = dialectOption.of(parent);
        byte[] wanted;
        try {
            wanted = RuleFiles.readAll(io, expectations);
        } catch (IOException e) {
            io.err().println("tcprules: fatal: unable to read " + expectations + ": " + RuleFiles.why(e));
            return 111;
        }
        List<Expectations.Outcome> outcomes;
        try {
            if (RuleFiles.isCdb(rules)) {
                try (RuleDatabase db = RuleDatabase.open(ArgumentBytes.path(rules), dialect)) {
                    outcomes = Expectations.check(wanted, q -> {
                        var v = db.lookup(q);
                        return new Expectations.Found(v, v.matched() ? "rule " + Explainer.shown(v.key()) : null);
                    });
                }
            } else {
                RuleIndex index;
                try (InputStream in = RuleFiles.open(io, rules)) {
                    index = RuleIndex.compile(dialect, new java.io.BufferedInputStream(in));
                }
                outcomes = Expectations.check(wanted, q -> {
                    var v = index.lookup(q);
                    RuleIndex.Entry e = v.matched() ? index.find(v.key()) : null;
                    return new Expectations.Found(v, e == null ? null
                            : "rule " + Explainer.shown(v.key()) + " at line " + e.line() + ": " + Texts.show(e.text()));
                });
            }
        } catch (RuleSyntaxException e) {
            io.err().println(RuleFiles.syntax(rules, e, dialect));
            return 2;
        } catch (IOException e) {
            io.err().println("tcprules: fatal: unable to read " + rules + ": " + RuleFiles.why(e));
            return 111;
        }
        io.out().write(Expectations.report(outcomes));
        return outcomes.stream().allMatch(Expectations.Outcome::passed) ? 0 : 1;
    }
}
