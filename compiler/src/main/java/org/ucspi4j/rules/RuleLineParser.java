package org.ucspi4j.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.ucspi4j.grammar.TcpRulesLexer;
import org.ucspi4j.grammar.TcpRulesParser;

/**
 * Reads one line of a rules file: the byte-level line rules all dialects share, the dialect's
 * choice of separator, then the ANTLR grammar for the rest. The parse tree stays in this class.
 * One instance per thread (it reuses its lexer and parser between lines).
 */
public final class RuleLineParser {
    private final Dialect dialect;
    private final ByteCharStream chars = new ByteCharStream();
    private final TcpRulesLexer lexer = new TcpRulesLexer(chars);
    private final CommonTokenStream tokens = new CommonTokenStream(lexer);
    private final TcpRulesParser parser = new TcpRulesParser(tokens);

    public RuleLineParser(Dialect dialect) {
        this.dialect = dialect;
        lexer.removeErrorListeners();
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Classifies {@code line[offset..offset+length)} (a line including its '\n', if any).
     *
     * @throws RuleSyntaxException when the line is a rule the dialect cannot parse
     */
    public RuleLine parse(long number, byte[] line, int offset, int length) throws RuleSyntaxException {
        if (length == 0 || line[offset] == '\n') {
            return new RuleLine.Skipped(number);
        }
        if (line[offset] == '#') {
            return new RuleLine.Comment(number);
        }
        int end = length;
        while (end > 0) {
            byte b = line[offset + end - 1];
            if (b != ' ' && b != '\t' && b != '\n') {
                break;
            }
            end--;
        }
        byte[] text = Arrays.copyOfRange(line, offset, offset + end);
        int separator = dialect.separator(text, end);
        if (separator == Dialect.IGNORED) {
            return new RuleLine.Skipped(number);
        }
        if (separator == Dialect.NO_DECISION) {
            throw error(RuleSyntaxException.Kind.PARSE, number, 1, text,
                    "no ':' is followed by allow or deny (fefe's tcprules would loop forever here)");
        }
        return parseRule(number, text, separator);
    }

    private RuleLine.Rule parseRule(long number, byte[] text, int separator) throws RuleSyntaxException {
        chars.reset(text, 0, text.length);
        lexer.setInputStream(chars);
        lexer.setSeparator(separator);
        tokens.setTokenSource(lexer);
        parser.setTokenStream(tokens);
        TcpRulesParser.LineContext line;
        try {
            line = parser.line();
        } catch (ParseCancellationException e) {
            Token bad = offending(e);
            int column = bad == null ? separator + 2 : Math.min(bad.getStartIndex(), text.length) + 1;
            throw error(RuleSyntaxException.Kind.PARSE, number, column, text, describe(bad, text));
        }
        Decision decision = line.decision().DENY() != null ? Decision.DENY : Decision.ALLOW;
        List<Setting> settings = new ArrayList<>(line.setting().size());
        for (TcpRulesParser.SettingContext s : line.setting()) {
            byte[] name = s.name == null ? new byte[0] : bytes(text, s.name);
            int quotedStart = s.value.getStartIndex();
            int quotedStop = s.value.getStopIndex();
            byte[] value = Arrays.copyOfRange(text, quotedStart + 1, quotedStop);
            settings.add(new Setting(name, value, text[quotedStart], s.start.getStartIndex() + 1));
        }
        return new RuleLine.Rule(number, Arrays.copyOf(text, separator), new Instructions(decision, settings), text);
    }

    /** The head, low, high and tail of a 0.88 range address, or null if it is not one. */
    record RangeParts(int headEnd, int lowStart, int lowEnd, int highStart, int highEnd, int tailStart) {}

    /**
     * Splits an address at its first '-' the 0.88 way (see TcpRulesParser.rangeForm); null when the
     * numbers around the dash are not digits, which tcprules reports as a parse error.
     */
    RangeParts rangeParts(byte[] address) {
        chars.reset(address, 0, address.length);
        lexer.setInputStream(chars);
        lexer.setSeparator(-1);
        tokens.setTokenSource(lexer);
        parser.setTokenStream(tokens);
        TcpRulesParser.RangeFormContext range;
        try {
            range = parser.rangeForm();
        } catch (ParseCancellationException e) {
            return null;
        }
        int dash = range.DASH().getSymbol().getStartIndex();
        int headEnd = range.rangeHead() == null ? 0 : range.rangeHead().stop.getStopIndex() + 1;
        int tailStart = range.rangeTail() == null ? address.length : range.rangeTail().start.getStartIndex();
        return new RangeParts(headEnd,
                range.low == null ? dash : range.low.getStartIndex(),
                range.low == null ? dash : range.low.getStopIndex() + 1,
                dash + 1, range.high == null ? dash + 1 : range.high.getStopIndex() + 1,
                tailStart);
    }

    private static Token offending(ParseCancellationException e) {
        return e.getCause() instanceof RecognitionException r ? r.getOffendingToken() : null;
    }

    private static String describe(Token bad, byte[] text) {
        if (bad == null) {
            return "unable to parse this line";
        }
        return switch (bad.getType()) {
            case Token.EOF -> "unexpected end of line";
            case TcpRulesLexer.UNTERMINATED -> "value has no closing quote "
                    + printable(text[bad.getStartIndex()]);
            case TcpRulesLexer.JUNK -> bad.getStartIndex() > 0 && text[bad.getStartIndex() - 1] == ':'
                    ? "expected allow or deny after ':'"
                    : "unexpected " + printable(text[bad.getStartIndex()]) + " (expected ',' or end of line)";
            case TcpRulesLexer.ALLOW, TcpRulesLexer.DENY -> "unexpected '" + bad.getText() + "'";
            default -> "unexpected " + printable(text[Math.min(bad.getStartIndex(), text.length - 1)]);
        };
    }

    static String printable(byte b) {
        int c = b & 0xff;
        if (c >= 0x21 && c < 0x7f) {
            return "'" + (char) c + "'";
        }
        return switch (c) {
            case ' ' -> "blank";
            case '\t' -> "tab";
            case '\r' -> "carriage return (\\r)";
            case 0 -> "NUL byte";
            default -> String.format("byte 0x%02x", c);
        };
    }

    private static byte[] bytes(byte[] text, Token t) {
        return Arrays.copyOfRange(text, t.getStartIndex(), t.getStopIndex() + 1);
    }

    private static RuleSyntaxException error(RuleSyntaxException.Kind kind, long number, int column, byte[] text,
            String detail) {
        return new RuleSyntaxException(kind, number, column, text, detail);
    }
}
