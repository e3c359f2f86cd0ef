package org.ucspi4j.rules.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.rules.Address;
import org.ucspi4j.rules.AddressReader;
import org.ucspi4j.rules.RuleLine;
import org.ucspi4j.rules.RuleLineParser;
import org.ucspi4j.rules.RuleSyntaxException;

/**
 * The checks of one line alone: syntax, address, settings, portability, on what the compiler's own
 * parser makes of the line. One per pool thread: a parser and its address reader are not shared.
 */
final class LineChecks implements Emitter {
    /** What the checks found in one batch: diagnostics in file order, and the rules with their keys. */
    record Found(Diagnostics diagnostics, List<KeyedRule> rules) {}

    private final String file;
    private final Dialect dialect;
    private final RuleLineParser parser;
    private final AddressReader addresses;
    private final Portability portability; // null: no other dialect to compare with
    private Diagnostics.Blocks diagnostics;
    private List<KeyedRule> rules;
    private int lastSize = 64; // diagnostics, and bytes of their text, in the last batch
    private int lastText = 4096;

    LineChecks(String file, Dialect dialect, Set<Dialect> portableTo) {
        this.file = file;
        this.dialect = dialect;
        this.parser = new RuleLineParser(dialect);
        this.addresses = new AddressReader(parser);
        this.portability = portableTo.isEmpty() ? null : new Portability(dialect, portableTo);
    }

    Found check(LineBatch b) {
        diagnostics = new Diagnostics.Blocks(lastSize + lastSize / 8, lastText + lastText / 8); // as the last batch, and some
        rules = new ArrayList<>();
        for (int i = 0; i < b.count; i++) {
            line(b.first + i, b.bytes, b.starts[i], b.starts[i + 1] - b.starts[i]);
        }
        lastSize = diagnostics.size();
        lastText = diagnostics.textSize();
        Found found = new Found(diagnostics.sorted(file), rules); // in line order already; within a line, by column
        diagnostics = null;
        rules = null;
        return found;
    }

    @Override
    public void emit(long line, int column, LintCode code, String message, String hint) {
        diagnostics.emit(line, column, code, message, hint);
    }

    private void line(long number, byte[] buffer, int offset, int length) {
        RuleLine parsed = null;
        RuleSyntaxException error = null;
        try {
            parsed = parser.parse(number, buffer, offset, length);
        } catch (RuleSyntaxException e) {
            error = e;
        }
        Address address = null;
        if (parsed instanceof RuleLine.Rule rule) {
            try {
                address = addresses.read(rule);
            } catch (RuleSyntaxException e) {
                error = e;
            }
        }
        if (error != null) {
            SyntaxLint.rejected(dialect, error, this);
        } else if (parsed instanceof RuleLine.Skipped) {
            SyntaxLint.skipped(dialect, number, buffer, offset, length, this);
        } else if (parsed instanceof RuleLine.Rule rule) {
            List<byte[]> keys = address.keys();
            new AddressLint(dialect, rule, address, keys, this).check();
            SettingLint.check(rule, this);
            rules.add(KeyedRule.of(rule.number(), rule.instructions().decision(), address, keys));
        }
        // comments and blank lines mean the same to every dialect
        if (portability != null && length > 0 && buffer[offset] != '#' && buffer[offset] != '\n') {
            portability.check(number, buffer, offset, length, parsed, address, error, this);
        }
    }
}
