package org.ucspi4j.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.ucspi4j.cdb.CdbTooLargeException;
import org.ucspi4j.cdb.CdbWriter;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.rules.RuleCompiler;
import org.ucspi4j.rules.RuleSyntaxException;
import org.ucspi4j.runtime.posix.ArgumentBytes;
import org.ucspi4j.runtime.posix.ErrorText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tcprules [--dialect=tcp6|djb|fefe] rules.cdb rules.tmp < rules.txt}: the C-compatible
 * compiler. Same cdb bytes, messages and exit codes as the dialect's C tool; unlike it, a failed or
 * killed run removes rules.tmp (rules.cdb is never touched), and rules.tmp is created afresh: a
 * symbolic link, device, fifo or directory there is refused (see {@link org.ucspi4j.cdb.TempFile}).
 */
@Command(name = "tcprules", description = "Compile tcprules text on stdin into a cdb.")
final class TcpRulesCommand implements Callable<Integer>, Program {
    private final Io io;

    @Option(names = "--dialect", paramLabel = "tcp6|djb|fefe", defaultValue = "tcp6",
            completionCandidates = CompletionCandidates.Dialects.class,
            description = "whose tcprules to be: ucspi-tcp6 (default), DJB's 0.88, or fefe's IPv6 patch")
    Dialect dialect;

    // Optional for picocli, so that a subcommand (tcprules lint ...) does not need them; call() checks.
    @Parameters(index = "0", arity = "0..1", paramLabel = "rules.cdb",
            description = "the cdb to write from the rules on stdin, replaced only when complete (an error leaves it as it was)")
    String cdb;

    @Parameters(index = "1", arity = "0..1", paramLabel = "rules.tmp",
            description = "the file it is written to first, in the same file system, then renamed to rules.cdb")
    String tmp;

    @Parameters(index = "2..*", hidden = true)
    List<String> ignored;

    TcpRulesCommand(Io io) {
        this.io = io;
    }

    /** The streams, for the subcommands ({@link TcpRulesSubcommand}). */
    Io io() {
        return io;
    }

    @Override
    public String usage() {
        return "tcprules: usage: tcprules rules.cdb rules.tmp";
    }

    /** A subcommand bound without picocli (see {@link #bindClassic}), which {@link #call} runs. */
    private Callable<Integer> bound;

    Callable<Integer> bound() {
        return bound;
    }

    @Override
    public boolean bindClassic(String[] args) {
        int name = args.length > 0 && args[0].startsWith("--dialect=") ? 1 : 0;
        TcpRulesSubcommand subcommand = name < args.length ? TcpRulesSubcommand.named(args[name]) : null;
        if (subcommand != null) {
            PlainOptions.Subcommand command = subcommand.command();
            try {
                dialect = name == 0 ? Dialect.TCP6 : Dialect.of(args[0].substring("--dialect=".length()));
            } catch (IllegalArgumentException e) {
                return false;
            }
            if (!command.bindClassic(this, args, name + 1)) {
                return false;
            }
            bound = command;
            return true;
        }
        int[] first = new int[1];
        Dialect d = DialectArgument.split(args, Dialect.TCP6, first);
        if (d == null || args.length - first[0] < 2 || TcpRulesSubcommand.named(args[first[0]]) != null) {
            return false;
        }
        dialect = d;
        cdb = args[first[0]];
        tmp = args[first[0] + 1];
        ignored = args.length - first[0] > 2 ? List.of(args).subList(first[0] + 2, args.length) : null;
        return true;
    }

    /** Its subcommands, for picocli: a command line starting with one that {@link #bindClassic} does not take. */
    @Override
    public List<Object> subcommands() {
        List<Object> commands = new java.util.ArrayList<>();
        for (TcpRulesSubcommand s : TcpRulesSubcommand.values()) {
            commands.add(s.command());
        }
        return commands;
    }

    @Override
    public Integer call() throws Exception {
        if (bound != null) {
            return bound.call();
        }
        if (cdb == null || tmp == null) {
            return say(usage(), 100);
        }
        CdbWriter writer;
        try {
            writer = CdbWriter.create(ArgumentBytes.path(cdb), ArgumentBytes.path(tmp));
        } catch (IOException e) {
            return dialect == Dialect.TCP6
                    ? say("tcprules: error: (111) unable to create: " + tmp + ourReason(e), 111)
                    : say("tcprules: fatal: unable to create " + tmp + ": " + ErrorText.of(e), 111);
        }
        try (writer) {
            new RuleCompiler(dialect).compile(InputException.marking(io.in()), new RuleCompiler.RecordSink() {
                @Override
                public void add(byte[] key, byte[] data) throws IOException {
                    writer.add(key, data);
                }

                @Override
                public void add(byte[] key, int offset, int length, byte[] data) throws IOException {
                    writer.add(key, offset, length, data, 0, data.length);
                }
            });
            writer.commit();
            return 0;
        } catch (RuleSyntaxException e) {
            return say(e.cMessage(dialect), dialect.syntaxExit());
        } catch (CdbWriter.RenameException e) {
            return dialect == Dialect.TCP6
                    ? say("tcprules: error: (111) unable to move " + tmp + " to: " + cdb + ourReason(e.getCause()), 111)
                    : say("tcprules: fatal: unable to move " + tmp + " to " + cdb + ": " + ErrorText.of(e.getCause()), 111);
        } catch (CdbTooLargeException e) {
            return writeError("out of memory");
        } catch (InputException e) {
            return dialect == Dialect.TCP6
                    ? say("tcprules: fatal: (111) unable to read input" + ourReason(e.getCause()), 111)
                    : say("tcprules: fatal: unable to read input: " + ErrorText.of(e.getCause()), 111);
        } catch (IOException e) {
            return writeError(ErrorText.of(e));
        }
    }

    /**
     * The reason after ucspi-tcp6's message. Its logmsg() clears errno before printing, so the C tool
     * says "unable to read: FILE" and never why; ours say why (README, Compatibility).
     */
    private static String ourReason(Throwable e) {
        return ": " + ErrorText.of(e);
    }

    private int writeError(String why) {
        return dialect == Dialect.TCP6
                ? say("tcprules: fatal: (111) unable to write to: " + tmp + ": " + why, 111)
                : say("tcprules: fatal: unable to write to " + tmp + ": " + why, 111);
    }

    private int say(String line, int code) {
        io.err().println(line);
        return code;
    }
}
