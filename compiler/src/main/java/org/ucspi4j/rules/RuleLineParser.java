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
import org.ucspi4j.lookup.Decision;
import org.ucspi4j.lookup.Dialect;

/**
 * Reads one line of a rules file: the byte-level line rules all dialects share, the dialect's
 * choice of separator, then the ANTLR grammar for the rest. The parse tree stays in this class.
 * One instance per thread (it reuses its lexer and parser between lines).
 *
 * <p>Every address lexes and parses (TcpRulesParser: {@code addressPart} takes every token of the
 * lexer's default mode), so a line parses exactly when what follows its separator parses as
 * {@code instructions}. Those are scanned by hand ({@link #scanInstructions}) when they have the
 * form nearly every rule has; the grammar parses the rest, to say what is wrong and where. The
 * scan is a third of the cost of ANTLR's parse (tcprules on 1M lines: 1.47 -> 1.07 s CPU).
 * {@link #reference} makes a parser that parses whole lines with {@code line}, without the scan;
 * tests check that both agree.
 */
public final class RuleLineParser {
    private final Dialect dialect;
    private final boolean wholeLines;
    private final ByteCharStream chars = new ByteCharStream();
    private final TcpRulesLexer lexer = new TcpRulesLexer(chars);
    private final CommonTokenStream tokens = new CommonTokenStream(lexer);
    private final LineTokenStream lineTokens = new LineTokenStream(lexer);
    private final TcpRulesParser parser = new TcpRulesParser(tokens);

    /** What {@link #locate} found out about its line. */
    int located;
    int locatedSeparator;
    int locatedEnd;

    static final int SKIPPED = 0;
    static final int COMMENT = 1;
    static final int RULE = 2;
    static final int NO_DECISION = 3;

    public RuleLineParser(Dialect dialect) {
        this(dialect, false);
    }

    private RuleLineParser(Dialect dialect, boolean wholeLines) {
        this.dialect = dialect;
        this.wholeLines = wholeLines;
        lexer.removeErrorListeners();
        if (!wholeLines) {
            lexer.setTokenFactory(LineToken.FACTORY);
        }
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        // The rules' labels hold all this class reads; the reference keeps the whole tree.
        parser.setBuildParseTree(wholeLines);
    }

    /** A parser that gives every line, whole, to the grammar's {@code line} rule, without the scan. */
    static RuleLineParser reference(Dialect dialect) {
        return new RuleLineParser(dialect, true);
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * The line rules all dialects share: sets {@link #located} to what {@code line[offset..+length)}
     * is, and for a rule (or a fefe line without a decision) the separator and the length after
     * trailing blanks are stripped ({@link #locatedSeparator}, {@link #locatedEnd}; both from offset).
     */
    void locate(byte[] line, int offset, int length) {
        if (length == 0 || line[offset] == '\n') {
            located = SKIPPED;
            return;
        }
        if (line[offset] == '#') {
            located = COMMENT;
            return;
        }
        int end = length;
        while (end > 0) {
            byte b = line[offset + end - 1];
            if (b != ' ' && b != '\t' && b != '\n') {
                break;
            }
            end--;
        }
        int separator = dialect.separator(line, offset, end);
        locatedEnd = end;
        locatedSeparator = separator;
        located = separator == Dialect.IGNORED ? SKIPPED : separator == Dialect.NO_DECISION ? NO_DECISION : RULE;
    }

    /**
     * Classifies {@code line[offset..offset+length)} (a line including its '\n', if any).
     *
     * @throws RuleSyntaxException when the line is a rule the dialect cannot parse
     */
    public RuleLine parse(long number, byte[] line, int offset, int length) throws RuleSyntaxException {
        locate(line, offset, length);
        switch (located) {
            case SKIPPED:
                return new RuleLine.Skipped(number);
            case COMMENT:
                return new RuleLine.Comment(number);
            default:
                break;
        }
        byte[] text = Arrays.copyOfRange(line, offset, offset + locatedEnd);
        if (located == NO_DECISION) {
            throw error(RuleSyntaxException.Kind.PARSE, number, 1, text,
                    "no ':' is followed by allow or deny (fefe's tcprules would loop forever here)");
        }
        int separator = locatedSeparator;
        return wholeLines ? parseWholeLine(number, text, separator) : parseRule(number, text, separator);
    }

    private RuleLine.Rule parseRule(long number, byte[] text, int separator) throws RuleSyntaxException {
        int from = separator + 1;
        Parsed p = instructions(text, from, text.length - from);
        if (p.instructions == null) {
            int bad = p.badStart < 0 ? -1 : from + p.badStart;
            int column = bad < 0 ? separator + 2 : Math.min(bad, text.length) + 1;
            throw error(RuleSyntaxException.Kind.PARSE, number, column, text, describe(p.badType, bad, text));
        }
        Instructions instructions = p.instructions;
        if (!instructions.settings().isEmpty()) {
            // Instructions count columns from the separator; a setting's column is in the line.
            List<Setting> settings = new ArrayList<>(instructions.settings().size());
            for (Setting s : instructions.settings()) {
                settings.add(new Setting(s.name(), s.value(), s.quote(), s.column() + from));
            }
            instructions = new Instructions(instructions.decision(), settings, instructions.sharedData());
        }
        return new RuleLine.Rule(number, Arrays.copyOf(text, separator), instructions, text);
    }

    /**
     * The cdb value of the instructions {@code line[from..from+length)} (no '\n' in them), or null if
     * they do not parse: the compiler's way to a rule's data without a {@link RuleLine.Rule}.
     */
    byte[] dataOf(byte[] line, int from, int length) {
        Instructions i = instructions(line, from, length).instructions;
        return i == null ? null : i.sharedData();
    }

    /** The instructions in {@code text[from..from+length)}: scanned, or parsed by the grammar. */
    private Parsed instructions(byte[] text, int from, int length) {
        Instructions scanned = scanInstructions(text, from, length);
        return scanned != null ? new Parsed(scanned, -1, 0) : parseInstructions(text, from, length);
    }

    /**
     * An instructions parse: the instructions with each setting's column counted from the separator
     * (the comma of ",X=..." right after "allow" is at 6), or where it failed: the offending token's
     * start, 0-based from the byte after the separator (-1 if none), and its type.
     */
    private record Parsed(Instructions instructions, int badStart, int badType) {}

    private Parsed parseInstructions(byte[] text, int from, int length) {
        chars.reset(text, from, length);
        lexer.setInputStream(chars);
        lexer.mode(TcpRulesLexer.INSTRUCTIONS);
        lineTokens.reset();
        parser.setTokenStream(lineTokens);
        TcpRulesParser.InstructionsContext ins;
        try {
            ins = parser.instructions();
        } catch (ParseCancellationException e) {
            Token bad = offending(e);
            return new Parsed(null, bad == null ? -1 : bad.getStartIndex(), bad == null ? 0 : bad.getType());
        }
        return new Parsed(instructions(ins, text, from, 1), -1, 0);
    }

    /**
     * The instructions {@code text[from..from+length)} as the grammar reads them, without it, for
     * what nearly every rule is: {@code allow} or {@code deny}, then settings {@code ,NAME=QvalueQ},
     * where NAME runs to the first '=' and Q is any byte, which ends the value too. Null for
     * anything else, which {@code instructions} then parses to say what is wrong and where. Each
     * setting's column is its comma's, 1-based from the byte after the separator, as the grammar's
     * path counts it. (ParserEquivalenceTest and the fuzz target hold it to the grammar.)
     */
    static Instructions scanInstructions(byte[] text, int from, int length) {
        int end = from + length;
        Decision decision;
        int at;
        if (length >= 5 && text[from] == 'a' && text[from + 1] == 'l' && text[from + 2] == 'l' && text[from + 3] == 'o'
                && text[from + 4] == 'w') {
            decision = Decision.ALLOW;
            at = from + 5;
        } else if (length >= 4 && text[from] == 'd' && text[from + 1] == 'e' && text[from + 2] == 'n' && text[from + 3] == 'y') {
            decision = Decision.DENY;
            at = from + 4;
        } else {
            return null;
        }
        if (at == end) {
            return decision == Decision.ALLOW ? ALLOW : DENY;
        }
        List<Setting> settings = new ArrayList<>(2);
        while (at < end) {
            if (text[at] != ',') {
                return null;
            }
            int equals = at + 1;
            while (equals < end && text[equals] != '=') {
                equals++;
            }
            if (equals + 1 >= end) {
                return null; // no '=', or no quote after it
            }
            byte quote = text[equals + 1];
            int close = equals + 2;
            while (close < end && text[close] != quote) {
                close++;
            }
            if (close == end) {
                return null; // no closing quote
            }
            settings.add(new Setting(Arrays.copyOfRange(text, at + 1, equals), Arrays.copyOfRange(text, equals + 2, close), quote,
                    at - from + 1));
            at = close + 1;
        }
        return new Instructions(decision, settings);
    }

    private static final Instructions ALLOW = new Instructions(Decision.ALLOW, List.of());
    private static final Instructions DENY = new Instructions(Decision.DENY, List.of());

    /** The instructions from their parse; {@code columnBase} is added to each comma's 0-based index. */
    private static Instructions instructions(TcpRulesParser.InstructionsContext ins, byte[] text, int from,
            int columnBase) {
        Decision decision = ins.verdict.word.getType() == TcpRulesLexer.DENY ? Decision.DENY : Decision.ALLOW;
        List<Setting> settings = new ArrayList<>(ins.settings.size());
        for (TcpRulesParser.SettingContext s : ins.settings) {
            settings.add(setting(text, from, s, columnBase));
        }
        return new Instructions(decision, settings);
    }

    /** A setting from its parse; {@code columnBase} is added to the 0-based index of its comma. */
    private static Setting setting(byte[] text, int from, TcpRulesParser.SettingContext s, int columnBase) {
        byte[] name;
        if (s.head != null) { // ",NAME=": the name lies between the comma and the '='
            name = Arrays.copyOfRange(text, from + s.head.getStartIndex() + 1, from + s.head.getStopIndex());
        } else {
            name = s.name == null ? new byte[0] : Arrays.copyOfRange(text, from + s.name.getStartIndex(),
                    from + s.name.getStopIndex() + 1);
        }
        int quotedStart = from + s.value.getStartIndex();
        int quotedStop = from + s.value.getStopIndex();
        byte[] value = Arrays.copyOfRange(text, quotedStart + 1, quotedStop);
        return new Setting(name, value, text[quotedStart], s.start.getStartIndex() + columnBase);
    }

    /** The whole line through the grammar's {@code line} rule: the reference the scan is checked against. */
    private RuleLine.Rule parseWholeLine(long number, byte[] text, int separator) throws RuleSyntaxException {
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
            throw error(RuleSyntaxException.Kind.PARSE, number, column, text,
                    describe(bad == null ? 0 : bad.getType(), bad == null ? -1 : bad.getStartIndex(), text));
        }
        TcpRulesParser.InstructionsContext ins = line.instructions();
        // Read through the tree here, not the labels: the reference should not share the shortcut.
        Decision decision = ins.decision().DENY() != null ? Decision.DENY : Decision.ALLOW;
        List<Setting> settings = new ArrayList<>(ins.setting().size());
        for (TcpRulesParser.SettingContext s : ins.setting()) {
            settings.add(setting(text, 0, s, 1));
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
        int length = address.length;
        chars.reset(address, 0, length);
        lexer.setInputStream(chars);
        lexer.setSeparator(-1);
        if (wholeLines) {
            tokens.setTokenSource(lexer);
            parser.setTokenStream(tokens);
        } else {
            lineTokens.reset();
            parser.setTokenStream(lineTokens);
        }
        TcpRulesParser.RangeFormContext range;
        try {
            range = parser.rangeForm();
        } catch (ParseCancellationException e) {
            return null;
        }
        if (wholeLines) { // through the tree, as the reference should
            int dash = range.DASH().getSymbol().getStartIndex();
            return new RangeParts(range.rangeHead() == null ? 0 : range.rangeHead().stop.getStopIndex() + 1,
                    range.low == null ? dash : range.low.getStartIndex(),
                    range.low == null ? dash : range.low.getStopIndex() + 1,
                    dash + 1, range.high == null ? dash + 1 : range.high.getStopIndex() + 1,
                    range.rangeTail() == null ? length : range.rangeTail().start.getStartIndex());
        }
        int dash = range.dash.getStartIndex();
        return new RangeParts(range.head == null ? 0 : range.head.stop.getStopIndex() + 1,
                range.low == null ? dash : range.low.getStartIndex(),
                range.low == null ? dash : range.low.getStopIndex() + 1,
                dash + 1, range.high == null ? dash + 1 : range.high.getStopIndex() + 1,
                range.tail == null ? length : range.tail.start.getStartIndex());
    }

    private static Token offending(ParseCancellationException e) {
        return e.getCause() instanceof RecognitionException r ? r.getOffendingToken() : null;
    }

    /** Words for a failed parse: the offending token's type and start in the line (-1: none). */
    private static String describe(int type, int start, byte[] text) {
        if (start < 0) {
            return "unable to parse this line";
        }
        return switch (type) {
            case Token.EOF -> "unexpected end of line";
            case TcpRulesLexer.UNTERMINATED -> "value has no closing quote " + printable(text[start]);
            case TcpRulesLexer.JUNK -> start > 0 && text[start - 1] == ':'
                    ? "expected allow or deny after ':'"
                    : "unexpected " + printable(text[start]) + " (expected ',' or end of line)";
            case TcpRulesLexer.ALLOW -> "unexpected 'allow'";
            case TcpRulesLexer.DENY -> "unexpected 'deny'";
            default -> "unexpected " + printable(text[Math.min(start, text.length - 1)]);
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

    private static RuleSyntaxException error(RuleSyntaxException.Kind kind, long number, int column, byte[] text,
            String detail) {
        return new RuleSyntaxException(kind, number, column, text, detail);
    }
}
