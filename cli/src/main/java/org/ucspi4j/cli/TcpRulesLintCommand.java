package org.ucspi4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ucspi4j.rules.Dialect;
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
final class TcpRulesLintCommand implements Callable<Integer>, Program {
    @ParentCommand
    TcpRulesCommand parent;

    @Mixin
    InheritedDialect dialectOption;

    @Option(names = "--format", paramLabel = "text|json|sarif", defaultValue = "text")
    LintReport.Format format;

    @Option(names = "--strict", description = "exit 1 when warnings remain")
    boolean strict;

    @Option(names = "--portable-to", split = ",", paramLabel = "DIALECT,...|none",
            description = "also warn where these dialects read a line differently (default: tcp6, unless linting tcp6)")
    List<String> portableTo;

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<String> files;

    /**
     * The usual command lines, {@code [--dialect=D] [--format=F] [--strict] [--portable-to=L] FILE...}
     * (options anywhere, each at most once, values after '='), without picocli, whose set-up is most
     * of a small file's lint (131 -> 46 ms on two lines). Anything else goes to picocli, which reads
     * it the same way or says what is wrong. {@code args[from..]} follow "lint".
     */
    boolean bindClassic(TcpRulesCommand parent, String[] args, int from) {
        InheritedDialect dialect = new InheritedDialect();
        List<String> named = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-")) {
                named.add(a);
                continue;
            }
            int equals = a.indexOf('=');
            String option = equals < 0 ? a : a.substring(0, equals);
            String value = equals < 0 ? null : a.substring(equals + 1);
            if (!seen.add(option)) {
                return false;
            }
            try {
                switch (option) {
                    case "--dialect" -> dialect.dialect = Dialect.of(java.util.Objects.requireNonNull(value));
                    case "--format" -> format = LintReport.Format.valueOf(value.toUpperCase(java.util.Locale.ROOT));
                    case "--portable-to" -> {
                        portableTo = List.of(value.split(",", -1));
                        if (portableTo.contains("")) {
                            return false;
                        }
                    }
                    case "--strict" -> {
                        if (value != null) {
                            return false;
                        }
                        strict = true;
                    }
                    default -> {
                        return false;
                    }
                }
            } catch (RuntimeException e) { // no value, or not one of the names
                return false;
            }
        }
        if (named.isEmpty()) {
            return false;
        }
        this.parent = parent;
        this.dialectOption = dialect;
        this.files = named;
        if (format == null) {
            format = LintReport.Format.TEXT;
        }
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
        for (String file : files) {
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
        if (s.errors() > 0) {
            return 2;
        }
        return strict && s.warnings() > 0 ? 1 : 0;
    }
}
