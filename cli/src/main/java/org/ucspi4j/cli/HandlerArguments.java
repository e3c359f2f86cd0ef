package org.ucspi4j.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * sslhandle's and sslprint's command line as picocli sees it, made from sslserver's: no -n/-N (as
 * in C: a handler has no fds to start TLS on) and a handler where sslserver has a program. A class of
 * its own: every tool links SslHandleCommand (the table of programs names its constructor), and code
 * there that passes picocli's model types around would make the verifier load them in every run.
 */
final class HandlerArguments {
    private HandlerArguments() {}

    static void shape(CommandSpec spec, String label, String description) {
        spec.remove(spec.findOption("-n"));
        spec.remove(spec.findOption("-N"));
        PositionalParamSpec words = spec.positionalParameters().get(2);
        spec.remove(words);
        spec.addPositional(PositionalParamSpec.builder(words).paramLabel(label).description(description).build());
    }
}
