package org.ucspi4j.rules;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.WritableToken;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.Pair;

/**
 * A token of one line: type and position, its text read back from the line on demand. Lighter than
 * {@code CommonToken} (no line/column bookkeeping: a rule line is one line). Valid while its line
 * is the lexer's input.
 */
final class LineToken implements WritableToken {
    /** Makes LineTokens; the lexer calls it for every token it emits. */
    static final TokenFactory<LineToken> FACTORY = new TokenFactory<>() {
        @Override
        public LineToken create(Pair<TokenSource, CharStream> source, int type, String text, int channel, int start,
                int stop, int line, int charPositionInLine) {
            return new LineToken(source, type, text, channel, start, stop);
        }

        @Override
        public LineToken create(int type, String text) {
            return new LineToken(null, type, text, Token.DEFAULT_CHANNEL, -1, -1);
        }
    };

    private final Pair<TokenSource, CharStream> source;
    private int type;
    private String text;
    private int channel;
    private int start;
    private int stop;
    private int index = -1;

    private LineToken(Pair<TokenSource, CharStream> source, int type, String text, int channel, int start, int stop) {
        this.source = source;
        this.type = type;
        this.text = text;
        this.channel = channel;
        this.start = start;
        this.stop = stop;
    }

    @Override
    public String getText() {
        if (text != null) {
            return text;
        }
        if (type == Token.EOF) {
            return "<EOF>";
        }
        CharStream input = getInputStream();
        return input == null ? null : input.getText(Interval.of(start, stop));
    }

    @Override
    public int getType() {
        return type;
    }

    @Override
    public int getLine() {
        return 1;
    }

    @Override
    public int getCharPositionInLine() {
        return start;
    }

    @Override
    public int getChannel() {
        return channel;
    }

    @Override
    public int getTokenIndex() {
        return index;
    }

    @Override
    public int getStartIndex() {
        return start;
    }

    @Override
    public int getStopIndex() {
        return stop;
    }

    @Override
    public TokenSource getTokenSource() {
        return source == null ? null : source.a;
    }

    @Override
    public CharStream getInputStream() {
        return source == null ? null : source.b;
    }

    @Override
    public void setText(String text) {
        this.text = text;
    }

    @Override
    public void setType(int ttype) {
        this.type = ttype;
    }

    @Override
    public void setLine(int line) {
        // one line
    }

    @Override
    public void setCharPositionInLine(int pos) {
        // the start index says it
    }

    @Override
    public void setChannel(int channel) {
        this.channel = channel;
    }

    @Override
    public void setTokenIndex(int index) {
        this.index = index;
    }

    @Override
    public String toString() {
        return "[@" + index + "," + start + ":" + stop + "=" + type + "]";
    }
}
