package org.ucspi4j.rules;

import java.nio.charset.StandardCharsets;
import org.ucspi4j.lookup.Dialect;

/**
 * A rule line tcprules rejects. {@link Kind} says which of the C tool's messages applies; line and
 * column (1-based) say where, for diagnostics the C tools never gave.
 */
public final class RuleSyntaxException extends Exception {
    /** The C tools' error classes, each with its tcp6 message text. */
    public enum Kind {
        PARSE("unable to parse this line: "),
        PREFIX_LENGTH("invalid prefix length on line: "),
        IPV6("invalid IPv6 address: on line: "),
        IPV6_CIDR("invalid IPv6 CIDR address on line: "),
        IPV4_CIDR("invalid IPv4 CIDR address on line: ");

        private final String tcp6Text;

        Kind(String tcp6Text) {
            this.tcp6Text = tcp6Text;
        }

        /** The words tcp6 puts before the line. (0.88 only has PARSE.) */
        public String tcp6Text() {
            return tcp6Text;
        }
    }

    private final Kind kind;
    private final long line;
    private final int column;
    private final byte[] text;
    private final String detail;

    public RuleSyntaxException(Kind kind, long line, int column, byte[] text, String detail) {
        super("line " + line + ", column " + column + ": " + detail);
        this.kind = kind;
        this.line = line;
        this.column = column;
        this.text = text;
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    public long line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The line after trailing-blank stripping, as raw bytes. */
    public byte[] text() {
        return text.clone();
    }

    /** What exactly is wrong, in words. */
    public String detail() {
        return detail;
    }

    /** The line as the C tools print it: a C string, so cut at the first NUL byte. */
    public String cText() {
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** The C tool's stderr line for this error under {@code dialect} (without the newline). */
    public String cMessage(Dialect dialect) {
        return dialect == Dialect.TCP6
                ? "tcprules: syntax: " + kind.tcp6Text() + cText()
                : "tcprules: fatal: unable to parse this line: " + cText();
    }
}
