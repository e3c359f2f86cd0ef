package org.ucspi4j.rules;

import java.io.IOException;
import java.io.InputStream;

/**
 * Compiles a rules file to cdb records as tcprules does: line by line, streaming, stopping at the
 * first line the dialect rejects. The records go to a {@link RecordSink} (a cdb writer, a dump, a
 * test) in the order tcprules writes them.
 */
public final class RuleCompiler {
    /** Receives the compiled records. */
    @FunctionalInterface
    public interface RecordSink {
        void add(byte[] key, byte[] data) throws IOException;
    }

    /** Receives each parsed rule with its address, before its records are added. */
    @FunctionalInterface
    public interface RuleListener {
        void rule(RuleLine.Rule rule, Address address);
    }

    /** What a run compiled. */
    public record Summary(long lines, long rules, long records) {}

    private final Dialect dialect;

    public RuleCompiler(Dialect dialect) {
        this.dialect = dialect;
    }

    public Summary compile(InputStream in, RecordSink sink) throws IOException, RuleSyntaxException {
        return compile(in, sink, (rule, address) -> {});
    }

    public Summary compile(InputStream in, RecordSink sink, RuleListener listener)
            throws IOException, RuleSyntaxException {
        RuleLineParser parser = new RuleLineParser(dialect);
        AddressReader addresses = new AddressReader(parser);
        long[] counts = new long[2];
        long lines = LineSource.forEach(in, (number, buffer, offset, length) -> {
            if (parser.parse(number, buffer, offset, length) instanceof RuleLine.Rule rule) {
                Address address = addresses.read(rule);
                listener.rule(rule, address);
                byte[] data = rule.instructions().data();
                for (byte[] key : address.keys()) {
                    sink.add(key, data);
                    counts[1]++;
                }
                counts[0]++;
            }
        });
        return new Summary(lines, counts[0], counts[1]);
    }
}
