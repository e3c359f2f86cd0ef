package org.ucspi4j.rules.tools;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ucspi4j.lookup.Decision;
import org.ucspi4j.lookup.Query;
import org.ucspi4j.lookup.Verdict;
import org.ucspi4j.lookup.text.Texts;
import org.ucspi4j.rules.LineSource;
import org.ucspi4j.rules.RuleSyntaxException;

/**
 * Expectations about a ruleset, one per line, checked with the servers' lookup:
 *
 * <pre>
 * # comment
 * 192.0.2.7 host=mx.example.org info=joe =&gt; deny
 * 192.0.2.8 =&gt; allow RELAYCLIENT=""
 * 2001:db8::1 =&gt; allow GREETING="hello world" ...
 * </pre>
 *
 * Before {@code =>}: the remote IP as the server writes it, then optionally {@code host=} and
 * {@code info=} (unset when absent). After: {@code allow} or {@code deny}, then the variables the
 * rule must set, exactly: no more, no other values; a final {@code ...} allows further variables.
 * Values are bare words or double-quoted with {@code \"} and {@code \\} escapes.
 */
public final class Expectations {
    private Expectations() {}

    /**
     * One checked line: its number and text, whether it passed, what was found, and the variables
     * that differ ({@code NAME}, expected, got; null for unset), in the expectation's order.
     */
    public record Outcome(long line, String text, boolean passed, String found, List<String[]> differences) {
        public Outcome {
            differences = List.copyOf(differences);
        }

        Outcome(long line, String text, boolean passed, String found) {
            this(line, text, passed, found, List.of());
        }
    }

    /** Checks every expectation line of {@code expectations} with {@code lookup}. */
    public static List<Outcome> check(byte[] expectations, Function<Query, Found> lookup) throws IOException {
        List<Outcome> out = new ArrayList<>();
        try {
            LineSource.forEach(new ByteArrayInputStream(expectations), (n, buf, off, len) -> {
                String line = Texts.latin1(Arrays.copyOfRange(buf, off, off + len)).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    return;
                }
                out.add(one(n, line, lookup));
            });
        } catch (RuleSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** What a lookup found: the verdict and, when known, the rule's source line. */
    public record Found(Verdict verdict, String rule) {}

    private static Outcome one(long n, String line, Function<Query, Found> lookup) {
        List<String> tokens;
        try {
            tokens = tokens(line);
        } catch (IllegalArgumentException e) {
            return new Outcome(n, line, false, "cannot read the expectation: " + e.getMessage());
        }
        int arrow = tokens.indexOf("=>");
        if (arrow < 1 || arrow + 1 >= tokens.size()) {
            return new Outcome(n, line, false, "cannot read the expectation: write IP [host=H] [info=I] => allow|deny [NAME=VALUE ...]");
        }
        String ip = tokens.get(0);
        if (!Query.isAddress(ip)) {
            return new Outcome(n, line, false, "cannot read the expectation: " + ip + " is not an IP address");
        }
        String host = null;
        String info = null;
        for (String t : tokens.subList(1, arrow)) {
            if (t.startsWith("host=")) {
                host = t.substring(5);
            } else if (t.startsWith("info=")) {
                info = t.substring(5);
            } else {
                return new Outcome(n, line, false, "cannot read the expectation: unknown " + t + " (host= or info=)");
            }
        }
        String word = tokens.get(arrow + 1);
        if (!word.equals("allow") && !word.equals("deny")) {
            return new Outcome(n, line, false, "cannot read the expectation: " + word + " is neither allow nor deny");
        }
        Map<String, String> expected = new LinkedHashMap<>();
        boolean more = false;
        for (String t : tokens.subList(arrow + 2, tokens.size())) {
            if (t.equals("...")) {
                more = true;
                continue;
            }
            int eq = t.indexOf('=');
            if (eq < 0) {
                return new Outcome(n, line, false, "cannot read the expectation: " + t + " is not NAME=VALUE");
            }
            expected.put(t.substring(0, eq), t.substring(eq + 1));
        }
        Found found = lookup.apply(Query.of(ip, host, info));
        Verdict v = found.verdict();
        Map<String, String> actual = new LinkedHashMap<>();
        for (byte[][] var : v.variables()) {
            actual.put(Texts.latin1(var[0]), Texts.latin1(var[1]));
        }
        boolean decision = (v.decision() == Decision.DENY) == word.equals("deny");
        boolean variables = more ? actual.entrySet().containsAll(expected.entrySet()) : actual.equals(expected);
        StringBuilder got = new StringBuilder(v.decision() == Decision.DENY ? "deny" : "allow");
        for (Map.Entry<String, String> e : actual.entrySet()) {
            got.append(' ').append(Texts.show(Texts.latin1(e.getKey()))).append("=\"")
                    .append(Texts.show(Texts.latin1(e.getValue())).replace("\"", "\\\"")).append('"');
        }
        got.append(found.rule() == null ? " (no rule matched)" : " (" + found.rule() + ")");
        return new Outcome(n, line, decision && variables, got.toString(),
                variables ? List.of() : differences(expected, actual, more));
    }

    /** The variables whose values differ: those expected, then (unless {@code ...}) those also set. */
    private static List<String[]> differences(Map<String, String> expected, Map<String, String> actual, boolean more) {
        List<String[]> out = new ArrayList<>();
        expected.forEach((name, value) -> {
            if (!value.equals(actual.get(name))) {
                out.add(new String[] {name, value, actual.get(name)});
            }
        });
        if (!more) {
            actual.forEach((name, value) -> {
                if (!expected.containsKey(name)) {
                    out.add(new String[] {name, null, value});
                }
            });
        }
        return out;
    }

    /** Words separated by blanks; double quotes group (and are removed), backslash escapes inside them. */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder t = new StringBuilder();
        boolean in = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (in) {
                if (c == '\\' && i + 1 < line.length()) {
                    t.append(line.charAt(++i));
                } else if (c == '"') {
                    in = false;
                } else {
                    t.append(c);
                }
            } else if (c == '"') {
                in = true;
                any = true;
            } else if (c == ' ' || c == '\t') {
                if (any) {
                    out.add(t.toString());
                    t.setLength(0);
                    any = false;
                }
            } else {
                t.append(c);
                any = true;
            }
        }
        if (in) {
            throw new IllegalArgumentException("a '\"' is not closed");
        }
        if (any) {
            out.add(t.toString());
        }
        return out;
    }

    /** Expected and got variables side by side, a row each, columns aligned; empty when none differ. */
    private static String table(List<String[]> differences) {
        if (differences.isEmpty()) {
            return "";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"variable", "expected", "got"});
        for (String[] d : differences) {
            rows.add(new String[] {Texts.show(Texts.latin1(d[0])), shown(d[1]), shown(d[2])});
        }
        int[] width = new int[2];
        for (String[] r : rows) {
            width[0] = Math.max(width[0], r[0].length());
            width[1] = Math.max(width[1], r[1].length());
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            out.append("     ").append(pad(r[0], width[0])).append("  ").append(pad(r[1], width[1])).append("  ")
                    .append(r[2]).append('\n');
        }
        return out.toString();
    }

    private static String shown(String value) {
        return value == null ? "(unset)" : "\"" + Texts.show(Texts.latin1(value)).replace("\"", "\\\"") + "\"";
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    /** The report: one {@code ok}/{@code FAIL} line per expectation, then {@code N passed, N failed}. */
    public static byte[] report(List<Outcome> outcomes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long passed = 0;
        for (Outcome o : outcomes) {
            if (o.passed()) {
                passed++;
                out.writeBytes(Texts.latin1("ok   " + o.line() + ": " + o.text() + "\n"));
            } else {
                out.writeBytes(Texts.latin1("FAIL " + o.line() + ": " + o.text() + "\n     got: " + o.found() + "\n"));
                out.writeBytes(Texts.latin1(table(o.differences())));
            }
        }
        out.writeBytes(Texts.latin1(passed + " passed, " + (outcomes.size() - passed) + " failed\n"));
        return out.toByteArray();
    }
}
