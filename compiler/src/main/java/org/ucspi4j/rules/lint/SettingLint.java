package org.ucspi4j.rules.lint;

import java.util.Arrays;
import java.util.List;
import org.ucspi4j.lookup.Decision;
import org.ucspi4j.lookup.text.Texts;
import org.ucspi4j.rules.RuleLine;
import org.ucspi4j.rules.Setting;

/**
 * A rule's settings ({@code ,NAME="value"}), TR040 to TR046: variables a server never sets, or
 * sets other than written. tcprules accepts all of these; the surprise comes at connection time.
 */
final class SettingLint {
    private SettingLint() {}

    static void check(RuleLine.Rule rule, Emitter out) {
        List<Setting> settings = rule.instructions().settings();
        if (settings.isEmpty()) {
            return;
        }
        long line = rule.number();
        if (rule.instructions().decision() == Decision.DENY) {
            out.emit(line, settings.get(0).column(), LintCode.TR044,
                    "a deny rule drops the connection: its variables are never set", "remove the settings");
        }
        for (int k = 0; k < settings.size(); k++) {
            Setting s = settings.get(k);
            byte[] name = s.name();
            int nameColumn = s.column() + 1;
            name(line, nameColumn, name, out);
            for (int j = 0; j < k; j++) {
                if (Arrays.equals(settings.get(j).name(), name)) {
                    out.emit(line, s.column(), LintCode.TR042,
                            "variable " + Texts.quoted(name) + " is set twice in this rule (first at column "
                                    + settings.get(j).column() + "); the server keeps the last value",
                            "remove one of the settings");
                    break;
                }
            }
            value(line, nameColumn + name.length + 1, s, out);
        }
    }

    /** TR040, TR041, TR046: a name the environment holds, but not as the program looks it up. */
    private static void name(long line, int column, byte[] name, Emitter out) {
        if (name.length == 0) {
            out.emit(line, column, LintCode.TR040, "empty variable name: the server sets a variable named ''",
                    "write ,NAME=\"value\"");
            return;
        }
        for (int i = 0; i < name.length; i++) {
            int c = name[i] & 0xff;
            if (c <= ' ' || c == 0x7f) {
                out.emit(line, column + i, LintCode.TR041,
                        "variable name " + Texts.quoted(name) + " holds " + Texts.describe(name[i]),
                        "remove blanks around the name: ,NAME=\"value\"");
                return;
            }
        }
        if (!identifier(name)) {
            out.emit(line, column, LintCode.TR046,
                    "variable name " + Texts.quoted(name) + " is not a shell identifier; programs may not see it",
                    "use letters, digits and '_', not starting with a digit");
        }
    }

    /** TR043, TR045: a value cut short by a NUL, or quoted so that the quotes look like part of it. */
    private static void value(long line, int quoteColumn, Setting s, Emitter out) {
        byte[] name = s.name();
        byte[] value = s.value();
        for (int i = 0; i < value.length; i++) {
            if (value[i] == 0) {
                byte next = i + 1 < value.length ? value[i + 1] : 0;
                String rest = next == 'D' ? "; the 'D' after it denies the connection"
                        : next == '+' ? "; the '+' after it sets another variable" : "; the rest is ignored";
                out.emit(line, quoteColumn + 1 + i, LintCode.TR043,
                        "value of " + Texts.quoted(name) + " holds a NUL byte: the server cuts it there" + rest,
                        "remove the NUL byte");
                break;
            }
        }
        int q = s.quote() & 0xff;
        if (Character.isLetterOrDigit(q) && q < 0x80 || q == ' ' || q == '\t') {
            out.emit(line, quoteColumn, LintCode.TR045,
                    "the value of " + Texts.quoted(name) + " is quoted with " + Texts.describe(s.quote())
                            + ": it is " + Texts.quoted(value),
                    "quote values with '\"' (or another punctuation character the value does not hold)");
        }
    }

    private static boolean identifier(byte[] name) {
        for (int i = 0; i < name.length; i++) {
            int c = name[i] & 0xff;
            boolean ok = c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
