package org.ucspi4j.rules.lint;

import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.rules.RuleSyntaxException;

/**
 * Lines tcprules rejects (TR001 to TR007) or silently skips (TR051): the parser's reason, with a
 * hint how to write the line. A CRLF line and fefe's endless loop get codes of their own, as their
 * parse errors would not point at the cause.
 */
final class SyntaxLint {
    private SyntaxLint() {}

    static void rejected(Dialect dialect, RuleSyntaxException e, Emitter out) {
        byte[] text = e.text();
        if (text.length > 0 && text[text.length - 1] == '\r') {
            out.emit(e.line(), text.length, LintCode.TR006,
                    "the line ends with a carriage return (\\r): a CRLF file; tcprules rejects every such rule line",
                    "convert the file to LF line ends (dos2unix)");
            return;
        }
        if (dialect == Dialect.FEFE && Dialect.FEFE.separator(text, text.length) == Dialect.NO_DECISION) {
            out.emit(e.line(), 1, LintCode.TR007,
                    "no ':' is followed by allow or deny: Debian's fefe tcprules loops forever on this line",
                    "write ADDRESS:allow or ADDRESS:deny (lower case), or comment the line out with '#'");
            return;
        }
        String detail = e.detail();
        switch (e.kind()) {
            case PARSE -> out.emit(e.line(), e.column(), LintCode.TR001, detail, parseHint(detail));
            case PREFIX_LENGTH -> out.emit(e.line(), e.column(), LintCode.TR002, detail, prefixHint(detail));
            case IPV6 -> out.emit(e.line(), e.column(), LintCode.TR003, detail,
                    "write an IPv6 address such as 2001:db8::1 (or quote a host name with '=')");
            case IPV6_CIDR -> out.emit(e.line(), e.column(), LintCode.TR004, detail, prefixHint(detail));
            case IPV4_CIDR -> out.emit(e.line(), e.column(), LintCode.TR005, detail,
                    "write the network as one to four decimal octets (0..255), e.g. 192.0.2.0/24");
        }
    }

    private static String parseHint(String detail) {
        if (detail.startsWith("expected allow or deny")) {
            return "write allow or deny, in lower case, right after the ':'";
        }
        if (detail.startsWith("value has no closing quote")) {
            return "end the value with the same character that starts it";
        }
        if (detail.startsWith("a range needs")) {
            return "write a range as FIRST-LAST inside one dotted part, e.g. 192.0.2.10-20";
        }
        return "a rule is ADDRESS:allow or ADDRESS:deny, then optional settings ,NAME=\"value\"";
    }

    private static String prefixHint(String detail) {
        if (detail.contains("prefix length 0")) {
            return "/0 is not allowed: for a rule that matches everything write an empty address (':allow' or ':deny')";
        }
        return "IPv4 prefix lengths are 1..32, IPv6 prefix lengths 1..128";
    }

    /** TR051: a line the parser skipped (no separator) that is not blank. */
    static void skipped(Dialect dialect, long number, byte[] buffer, int offset, int length, Emitter out) {
        for (int i = offset; i < offset + length; i++) {
            byte b = buffer[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x0b) {
                out.emit(number, 1, LintCode.TR051,
                        "line has no " + (dialect == Dialect.TCP6 ? "':' or ','" : "':'")
                                + " and is silently ignored",
                        "add ':allow' or ':deny', or comment the line out with '#'");
                return;
            }
        }
    }
}
