package org.ucspi4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.rules.tools.Migrator;
import org.ucspi4j.runtime.posix.ArgumentBytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tcprules migrate --from=djb|fefe --to=tcp6 [--cidr] [-o FILE] rules.txt}: the ruleset
 * rewritten to mean the same under ucspi-tcp6, on stdout (or FILE); what changed on stderr.
 * Refuses (exit 2, nothing written) where the meaning cannot be kept.
 */
@Command(name = "migrate", description = "Rewrite djb or fefe rules so that ucspi-tcp6 reads them the same.")
final class TcpRulesMigrateCommand implements PlainOptions.Subcommand, Program {
    @ParentCommand
    TcpRulesCommand parent;

    @Option(names = "--from", description = "the dialect the rules were written for", required = true, paramLabel = "djb|fefe",
            completionCandidates = CompletionCandidates.Dialects.class)
    Dialect from;

    @Option(names = "--to", description = "the dialect to rewrite them for (tcp6)", required = true, paramLabel = "tcp6",
            completionCandidates = CompletionCandidates.Dialects.class)
    Dialect to;

    @Option(names = "--cidr", description = "turn dotted prefixes and ranges into minimal CIDR sets")
    boolean cidr;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here (atomically) instead of stdout")
    String output;

    @Parameters(index = "0", paramLabel = "rules.txt",
            description = "the rules file to rewrite")
    String rules;

    /** {@code --from=D --to=D [--cidr] [--output=FILE] rules.txt} without picocli ({@link PlainOptions}). */
    @Override
    public boolean bindClassic(TcpRulesCommand parent, String[] args, int from) {
        PlainOptions o = PlainOptions.read(args, from, java.util.Set.of("--from", "--to", "--output"), java.util.Set.of("--cidr"));
        if (o == null || o.positionals().size() != 1) {
            return false;
        }
        try {
            this.from = o.dialect("--from");
            to = o.dialect("--to");
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (this.from == null || to == null) {
            return false; // required: picocli says so
        }
        this.parent = parent;
        cidr = o.flag("--cidr");
        output = o.value("--output");
        rules = o.positionals().get(0);
        return true;
    }

    @Override
    public String usage() {
        return "tcprules: usage: tcprules migrate --from=djb|fefe --to=tcp6 [--cidr] [-o FILE] rules.txt";
    }

    @Override
    public Integer call() throws IOException {
        Io io = parent.io();
        if (to != Dialect.TCP6 || from == Dialect.TCP6) {
            io.err().println(usage());
            return 100;
        }
        byte[] input;
        try {
            if (RuleFiles.hasCdbHeader(rules)) {
                io.err().println(RuleFiles.notText(rules, "migrate"));
                return 2;
            }
            input = RuleFiles.readAll(io, rules);
        } catch (IOException e) {
            io.err().println("tcprules: fatal: unable to read " + rules + ": " + RuleFiles.why(e));
            return 111;
        }
        Migrator.Result result = new Migrator(from, cidr).migrate(input);
        if (!result.ok()) {
            for (Migrator.Refusal r : result.refusals()) {
                io.err().println(rules + ":" + r.line() + ": cannot migrate: " + r.why());
                io.err().println("    " + r.text());
            }
            io.err().println("tcprules migrate: " + result.refusals().size() + " lines cannot keep their meaning under tcp6; nothing written");
            return 2;
        }
        for (Migrator.Change c : result.changes()) {
            io.err().println(rules + ":" + c.line() + ": " + c.why());
            io.err().println("    - " + c.before());
            for (String a : c.after()) {
                io.err().println("    + " + a);
            }
        }
        io.err().println("tcprules migrate: " + result.changes().size() + (result.changes().size() == 1 ? " line" : " lines")
                + " changed, the rest kept as it was");
        if (output == null) {
            io.out().write(result.text());
            return 0;
        }
        Path target = ArgumentBytes.path(output);
        Path tmp = target.resolveSibling(target.getFileName() + ".migrate.tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(result.text());
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            io.err().println("tcprules: fatal: unable to write " + output + ": " + RuleFiles.why(e));
            return 111;
        }
        return 0;
    }
}
