package org.ucspi4j.cli;

import java.io.IOException;
import java.util.List;
import org.ucspi4j.cdb.CdbFormatException;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.text.Texts;
import org.ucspi4j.rules.tools.Decompiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tcprules decompile [--dialect=...] RULES.cdb > rules.txt}: rules text that compiles back to
 * the same cdb bytes. Records no rule can reproduce become comments, are listed on stderr, and make
 * the exit status 2.
 */
@Command(name = "decompile", description = "Recover rules text from a compiled cdb.")
final class TcpRulesDecompileCommand implements PlainOptions.Subcommand, Program {
    @ParentCommand
    TcpRulesCommand parent;

    @Mixin
    InheritedDialect dialectOption;

    @Option(names = "--no-header", description = "do not start the output with a comment line")
    boolean noHeader;

    @Parameters(index = "0", paramLabel = "RULES.cdb",
            description = "the compiled rules to turn back into rules text")
    String cdb;

    /** {@code [--dialect=D] [--no-header] RULES.cdb} without picocli ({@link PlainOptions}). */
    @Override
    public boolean bindClassic(TcpRulesCommand parent, String[] args, int from) {
        PlainOptions o = PlainOptions.read(args, from, java.util.Set.of("--dialect"), java.util.Set.of("--no-header"));
        if (o == null || o.positionals().size() != 1 || (dialectOption = o.inheritedDialect()) == null) {
            return false;
        }
        this.parent = parent;
        noHeader = o.flag("--no-header");
        cdb = o.positionals().get(0);
        return true;
    }

    @Override
    public String usage() {
        return "tcprules: usage: tcprules decompile [--dialect=tcp6|djb|fefe] [--no-header] RULES.cdb";
    }

    @Override
    public Integer call() throws IOException {
        Io io = parent.io();
        Dialect dialect = dialectOption.of(parent);
        List<byte[][]> records;
        try {
            records = RuleFiles.records(cdb);
        } catch (CdbFormatException e) {
            io.err().println("tcprules: fatal: unable to read " + cdb + ": not a cdb (" + e.getMessage() + ")");
            return 111;
        } catch (IOException e) {
            io.err().println("tcprules: fatal: unable to read " + cdb + ": " + RuleFiles.why(e));
            return 111;
        }
        String header = noHeader ? null : "decompiled from " + cdb + " (" + records.size() + " records) by 'tcprules decompile --dialect="
                + dialect.id() + "'";
        Decompiler.Result result = new Decompiler(dialect).decompile(records, header);
        io.out().write(result.text());
        for (Decompiler.Problem p : result.problems()) {
            io.err().println("tcprules decompile: record " + p.record() + " (key " + Texts.quoted(p.key()) + "): " + p.why());
        }
        if (!result.problems().isEmpty()) {
            io.err().println("tcprules decompile: " + result.problems().size() + " records cannot be written as " + dialect.id()
                    + " rules; recompiling the output gives a different cdb");
            return 2;
        }
        return 0;
    }
}
