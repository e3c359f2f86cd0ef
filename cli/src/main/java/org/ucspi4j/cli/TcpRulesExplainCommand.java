package org.ucspi4j.cli;

import java.io.IOException;
import java.io.InputStream;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.Query;
import org.ucspi4j.lookup.RuleDatabase;
import org.ucspi4j.rules.RuleSyntaxException;
import org.ucspi4j.rules.tools.Explainer;
import org.ucspi4j.rules.tools.RuleIndex;
import org.ucspi4j.runtime.posix.ArgumentBytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tcprules explain RULES.txt|RULES.cdb IP [--host=H] [--info=I]}: the keys the lookup tries,
 * the one that matched (with its source line for rules text), the decision and the variables.
 */
@Command(name = "explain", description = "Show why a connection gets its verdict.")
final class TcpRulesExplainCommand implements PlainOptions.Subcommand, Program {
    @ParentCommand
    TcpRulesCommand parent;

    @Mixin
    InheritedDialect dialectOption;

    @Option(names = "--host", paramLabel = "H", description = "TCPREMOTEHOST (unset if not given)")
    String host;

    @Option(names = "--info", paramLabel = "I", description = "TCPREMOTEINFO (unset if not given)")
    String info;

    @Option(names = "--all-keys", description = "list every CIDR key tried, not runs of them")
    boolean allKeys;

    @Parameters(index = "0", paramLabel = "RULES",
            description = "a rules file (text) or a compiled cdb")
    String rules;

    @Parameters(index = "1", paramLabel = "IP",
            description = "the client address (TCPREMOTEIP) to explain")
    String ip;

    /** {@code [--dialect=D] [--host=H] [--info=I] [--all-keys] RULES IP} without picocli ({@link PlainOptions}). */
    @Override
    public boolean bindClassic(TcpRulesCommand parent, String[] args, int from) {
        PlainOptions o = PlainOptions.read(args, from, java.util.Set.of("--dialect", "--host", "--info"), java.util.Set.of("--all-keys"));
        if (o == null || o.positionals().size() != 2 || (dialectOption = o.inheritedDialect()) == null) {
            return false;
        }
        this.parent = parent;
        host = o.value("--host");
        info = o.value("--info");
        allKeys = o.flag("--all-keys");
        rules = o.positionals().get(0);
        ip = o.positionals().get(1);
        return true;
    }

    @Override
    public String usage() {
        return "tcprules: usage: tcprules explain [--dialect=tcp6|djb|fefe] [--host=H] [--info=I] [--all-keys] RULES.txt|RULES.cdb IP";
    }

    @Override
    public Integer call() throws IOException {
        Io io = parent.io();
        Dialect dialect = dialectOption.of(parent);
        if (!Query.isAddress(ip)) {
            io.err().println("tcprules: explain: " + ip + " is not an IP address (a.b.c.d or IPv6)");
            io.err().println(usage());
            return 100;
        }
        Query q = Query.of(ip, host, info);
        Explainer.Explanation x;
        try {
            if (RuleFiles.isCdb(rules)) {
                try (RuleDatabase db = RuleDatabase.open(ArgumentBytes.path(rules), dialect)) {
                    x = Explainer.explain(db, q);
                }
            } else {
                try (InputStream in = RuleFiles.open(io, rules)) {
                    x = Explainer.explain(RuleIndex.compile(dialect, new java.io.BufferedInputStream(in)), q);
                }
            }
        } catch (RuleSyntaxException e) {
            io.err().println(RuleFiles.syntax(rules, e, dialect));
            return 2;
        } catch (IOException e) {
            io.err().println("tcprules: fatal: unable to read " + rules + ": " + RuleFiles.why(e));
            return 111;
        }
        io.out().write(Explainer.report(x, allKeys));
        return 0;
    }
}
