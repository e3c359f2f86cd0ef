package org.ucspi4j.rules;

import java.util.Arrays;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.WritableToken;
import org.antlr.v4.runtime.misc.Interval;

/**
 * The lexer's tokens for one short input, as the parser reads them: fetched on demand into an array
 * that is reused from input to input. What {@code CommonTokenStream} does, minus what this grammar
 * never needs (hidden channels, a growing list, a new buffer per input). {@link #reset} before each
 * input, after the lexer has its new input.
 */
final class LineTokenStream implements TokenStream {
    private final TokenSource source;
    private Token[] tokens = new Token[16];
    private int fetched;
    private int p;
    private boolean eof;

    LineTokenStream(TokenSource source) {
        this.source = source;
    }

    void reset() {
        Arrays.fill(tokens, 0, fetched, null);
        fetched = 0;
        p = 0;
        eof = false;
    }

    /** Makes token {@code i} available, unless the input ends (in EOF) before it. */
    private void fetchTo(int i) {
        while (fetched <= i && !eof) {
            Token t = source.nextToken();
            if (t instanceof WritableToken w) {
                w.setTokenIndex(fetched);
            }
            if (fetched == tokens.length) {
                tokens = Arrays.copyOf(tokens, 2 * fetched);
            }
            tokens[fetched++] = t;
            eof = t.getType() == Token.EOF;
        }
    }

    @Override
    public Token LT(int k) {
        if (k == 0) {
            return null;
        }
        if (k < 0) {
            return p + k < 0 ? null : tokens[p + k];
        }
        int i = p + k - 1;
        fetchTo(i);
        return tokens[Math.min(i, fetched - 1)]; // past the end: the EOF token, as BufferedTokenStream does
    }

    @Override
    public int LA(int i) {
        Token t = LT(i);
        return t == null ? Token.INVALID_TYPE : t.getType();
    }

    @Override
    public void consume() {
        if (LA(1) == Token.EOF) {
            throw new IllegalStateException("cannot consume EOF");
        }
        p++;
    }

    @Override
    public Token get(int i) {
        if (i < 0 || i >= fetched) {
            throw new IndexOutOfBoundsException("token index " + i + " out of range 0.." + (fetched - 1));
        }
        return tokens[i];
    }

    @Override
    public TokenSource getTokenSource() {
        return source;
    }

    @Override
    public String getText(Interval interval) {
        int start = interval.a;
        int stop = interval.b;
        if (start < 0 || stop < 0) {
            return "";
        }
        fetchTo(stop);
        StringBuilder s = new StringBuilder();
        for (int i = start; i <= stop && i < fetched; i++) {
            Token t = tokens[i];
            if (t.getType() == Token.EOF) {
                break;
            }
            s.append(t.getText());
        }
        return s.toString();
    }

    @Override
    public String getText() {
        fetchTo(Integer.MAX_VALUE - 1);
        return getText(Interval.of(0, fetched - 1));
    }

    @Override
    public String getText(RuleContext ctx) {
        return getText(ctx.getSourceInterval());
    }

    @Override
    public String getText(Token start, Token stop) {
        return start == null || stop == null ? "" : getText(Interval.of(start.getTokenIndex(), stop.getTokenIndex()));
    }

    @Override
    public int mark() {
        return -1;
    }

    @Override
    public void release(int marker) {
        // every token of the input stays until reset
    }

    @Override
    public int index() {
        return p;
    }

    @Override
    public void seek(int index) {
        p = index;
    }

    @Override
    public int size() {
        return fetched;
    }

    @Override
    public String getSourceName() {
        return source.getSourceName();
    }
}
