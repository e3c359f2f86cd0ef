package org.ucspi4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.rules.lint.LintReport;
import org.ucspi4j.rules.lint.Linter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tcprules lint [--dialect=...] [--format=text|json|sarif] [--strict] [--portable-to=...] FILE...}:
 * every problem in every file. Exit 0 when clean (or only warnings without --strict), 1 when
 * warnings remain and --strict is given, 2 on errors, 100 on usage errors, 111 when a file cannot
 * be read.
 */
@Command(name = "lint", description = "Report every problem in rules files, for editors and CI.")
final class TcpRulesLintCommand implements PlainOptions.Subcommand, Program {
    @ParentCommand
    TcpRulesCommand parent;

    @Mixin
    InheritedDialect dialectOption;

    @Option(names = "--format", description = "text (default; file:line:column), json, or sarif (for code scanning)", paramLabel = "text|json|sarif", defaultValue = "text",
            completionCandidates = CompletionCandidates.LintFormats.class)
    LintReport.Format format;

    @Option(names = "--strict", description = "exit 1 when warnings remain")
    boolean strict;

    @Option(names = "--portable-to", split = ",", paramLabel = "DIALECT,...|none", completionCandidates = CompletionCandidates.Dialects.class,
            description = "also warn where these dialects read a line differently (default: tcp6, unless linting tcp6)")
    List<String> portableTo;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "the rules files to check")
    List<String> files;

    /**
     * The usual command lines, {@code [--dialect=D] [--format=F] [--strict] [--portable-to=L] FILE...},
     * without picocli ({@link PlainOptions}), whose set-up is most of a small file's lint (131 -> 43
     * ms on two lines).
     */
    @Override
    public boolean bindClassic(TcpRulesCommand parent, String[] args, int from) {
        PlainOptions o = PlainOptions.read(args, from, Set.of("--dialect", "--format", "--portable-to"), Set.of("--strict"));
        if (o == null || o.positionals().isEmpty() || (dialectOption = o.inheritedDialect()) == null) {
            return false;
        }
        try {
            format = o.value("--format") == null ? LintReport.Format.TEXT
                    : LintReport.Format.valueOf(o.value("--format").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (o.value("--portable-to") != null) {
            portableTo = List.of(o.value("--portable-to").split(",", -1));
            if (portableTo.contains("")) {
                return false;
            }
        }
        this.parent = parent;
        strict = o.flag("--strict");
        files = o.positionals();
        return true;
    }

    @Override
    public String usage() {
        return "tcprules: usage: tcprules lint [--dialect=tcp6|djb|fefe] [--format=text|json|sarif] [--strict]"
                + " [--portable-to=DIALECT,...|none] FILE...";
    }

    @Override
    public Integer call() throws IOException {
        Io io = parent.io();
        Dialect dialect = dialectOption.of(parent);
        Set<Dialect> targets;
        if (portableTo == null) {
            targets = Linter.defaultPortableTo(dialect);
        } else {
            List<Dialect> named = RuleFiles.dialects(portableTo);
            if (named == null) {
                io.err().println(usage());
                return 100;
            }
            targets = named.isEmpty() ? Set.of() : EnumSet.copyOf(named);
        }
        Linter linter = new Linter(dialect, targets);
        List<LintReport.FileResult> results = new ArrayList<>();
        boolean unreadable = false;
        boolean compiled = false;
        for (String file : files) {
            // linting a cdb's bytes as text would report its binary as a pile of syntax errors
            try {
                if (RuleFiles.hasCdbHeader(file)) {
                    io.err().println(RuleFiles.notText(file, "lint"));
                    compiled = true;
                    continue;
                }
            } catch (IOException e) {
                // not readable: reading it below says so
            }
            try (InputStream in = InputException.marking(RuleFiles.open(io, file))) {
                results.add(new LintReport.FileResult(file, linter.lint(file, new java.io.BufferedInputStream(in, 1 << 16))));
            } catch (IOException e) {
                io.err().println("tcprules: fatal: unable to read " + file + ": " + RuleFiles.why(e instanceof InputException ? e.getCause() : e));
                unreadable = true;
            }
        }
        LintReport.write(format, dialect, results, io.out());
        LintReport.Summary s = LintReport.Summary.of(results);
        io.err().println("tcprules lint: " + s.text() + " in " + results.size() + (results.size() == 1 ? " file" : " files"));
        if (unreadable) {
            return 111;
        }
        if (s.errors() > 0 || compiled) {
            return 2;
        }
        return strict && s.warnings() > 0 ? 1 : 0;
    }
}
