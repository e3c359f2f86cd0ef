package org.ucspi4j.cli;

import org.ucspi4j.lookup.Dialect;
import picocli.CommandLine.Option;

/**
 * The {@code --dialect} of a tcprules subcommand (a picocli mixin): its own, else the one given
 * before the subcommand ({@code tcprules --dialect=djb lint ...}), else tcp6.
 */
final class InheritedDialect {
    @Option(names = "--dialect", description = "whose tcprules to be: ucspi-tcp6 (default), DJB's 0.88, or fefe's IPv6 patch", paramLabel = "tcp6|djb|fefe",
            completionCandidates = CompletionCandidates.Dialects.class)
    Dialect dialect;

    Dialect of(TcpRulesCommand parent) {
        return dialect != null ? dialect : parent.dialect;
    }
}
