package org.ucspi4j.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.ucspi4j.cdb.CdbFormatException;
import org.ucspi4j.lookup.CheckReport;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.Query;
import org.ucspi4j.lookup.RuleDatabase;
import org.ucspi4j.lookup.Verdict;
import org.ucspi4j.runtime.posix.ArgumentBytes;
import org.ucspi4j.runtime.posix.ErrorText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tcprulescheck [--dialect=...] rules.cdb}: looks up the connection described by
 * TCPREMOTEIP, TCPREMOTEHOST and TCPREMOTEINFO, and prints the rule that applies exactly as the
 * dialect's C tool does (tcp6 also prints an info line on stderr and shows CIDR keys decoded).
 */
@Command(name = "tcprulescheck", description = "Show which rule applies to the connection in the environment.")
final class TcpRulesCheckCommand implements Callable<Integer>, Program {
    private final Io io;

    @Option(names = "--dialect", description = "whose tcprulescheck to be: ucspi-tcp6 (default), DJB's 0.88, or fefe's IPv6 patch", paramLabel = "tcp6|djb|fefe", defaultValue = "tcp6",
            completionCandidates = CompletionCandidates.Dialects.class)
    Dialect dialect;

    @Parameters(index = "0", paramLabel = "rules.cdb",
            description = "the compiled rules to check the connection in TCPREMOTEIP, TCPREMOTEHOST and TCPREMOTEINFO against")
    String cdb;

    @Parameters(index = "1..*", hidden = true)
    List<String> ignored;

    TcpRulesCheckCommand(Io io) {
        this.io = io;
    }

    @Override
    public String usage() {
        return dialect == Dialect.TCP6
                ? "tcprulescheck: usage: rules.cdb"
                : "tcprulescheck: usage: tcprulescheck rules.cdb";
    }

    @Override
    public boolean bindClassic(String[] args) {
        int[] first = new int[1];
        Dialect d = DialectArgument.split(args, Dialect.TCP6, first);
        if (d == null || args.length - first[0] < 1) {
            return false;
        }
        dialect = d;
        cdb = args[first[0]];
        ignored = args.length - first[0] > 1 ? List.of(args).subList(first[0] + 1, args.length) : null;
        return true;
    }

    @Override
    public Integer call() throws IOException {
        String ip = io.env().get("TCPREMOTEIP");
        String host = io.env().get("TCPREMOTEHOST");
        String info = io.env().get("TCPREMOTEINFO");
        if (ip == null) {
            ip = CheckReport.defaultIp(dialect);
        }
        if (dialect == Dialect.TCP6) {
            io.err().println(CheckReport.info(ip, host, info));
        }
        Verdict verdict;
        try (RuleDatabase rules = RuleDatabase.open(ArgumentBytes.path(cdb), dialect)) {
            verdict = rules.lookup(Query.of(ip, host, info));
        } catch (IOException e) {
            String why = e instanceof CdbFormatException ? "protocol error" : ErrorText.of(e);
            io.err().println(dialect == Dialect.TCP6
                    ? "tcprulescheck: fatal: (111) unable to read: " + cdb + ": " + why // ucspi-tcp6 says no why
                    : "tcprulescheck: fatal: unable to read " + cdb + ": " + why);
            return 111;
        }
        io.out().write(CheckReport.stdout(dialect, verdict));
        return 0;
    }

}
