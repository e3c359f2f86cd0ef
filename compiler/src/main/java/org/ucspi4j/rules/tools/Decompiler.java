package org.ucspi4j.rules.tools;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ucspi4j.lookup.Bytes;
import org.ucspi4j.lookup.CidrKeys;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.Ipv6Text;
import org.ucspi4j.lookup.text.DottedIpv4;
import org.ucspi4j.lookup.text.KeyMeaning;
import org.ucspi4j.lookup.text.Texts;
import org.ucspi4j.rules.Address;
import org.ucspi4j.rules.AddressReader;
import org.ucspi4j.rules.RuleLine;
import org.ucspi4j.rules.RuleLineParser;
import org.ucspi4j.rules.RuleSyntaxException;

/**
 * Turns cdb records back into rules text that compiles, with the dialect's tcprules, to the same
 * records in the same order, so the same cdb bytes: CIDR keys back to {@code a.b.c.d/n}, expanded
 * IPv6 back to compressed text, runs of consecutive addresses back to ranges, values quoted with a
 * character they do not hold. Every line written is parsed back with the compiler's parser and
 * compared before it is used; a record no line can reproduce becomes a comment and a problem.
 */
public final class Decompiler {
    /** A record that cannot be written as a rule of the dialect. {@code record} counts from 1. */
    public record Problem(long record, byte[] key, String why) {}

    /** The text, and the records it could not reproduce (empty when the round trip is exact). */
    public record Result(byte[] text, List<Problem> problems) {}

    private final Dialect dialect;
    private final RuleLineParser parser;
    private final AddressReader reader;

    public Decompiler(Dialect dialect) {
        this.dialect = dialect;
        this.parser = new RuleLineParser(dialect);
        this.reader = new AddressReader(parser);
    }

    /** {@code records}: key and data pairs in file order. */
    public Result decompile(List<byte[][]> records, String header) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Problem> problems = new ArrayList<>();
        if (header != null) {
            out.writeBytes(Texts.latin1("# " + header + "\n"));
        }
        int n = records.size();
        for (int i = 0; i < n;) {
            int run = range(records, i, out);
            if (run > 0) {
                i += run;
                continue;
            }
            byte[] key = records.get(i)[0];
            byte[] data = records.get(i)[1];
            String why = single(key, data, out);
            if (why != null) {
                problems.add(new Problem(i + 1, key, why));
                out.writeBytes(Texts.latin1("# decompile: record " + (i + 1) + " (key " + Texts.quoted(key)
                        + ") cannot be written as a " + dialect.id() + " rule: " + why + "\n"));
            }
            i++;
        }
        return new Result(out.toByteArray(), problems);
    }

    /** Writes one record as one line; null, or why it cannot be done. */
    private String single(byte[] key, byte[] data, ByteArrayOutputStream out) {
        byte[] instructions = instructions(data);
        if (instructions == null) {
            return "its data " + Texts.quoted(data) + " is not what tcprules writes";
        }
        List<byte[]> candidates = addresses(key);
        for (byte[] address : candidates) {
            byte[] line = Bytes.concat(address, new byte[] {':'}, instructions);
            if (reproduces(line, List.of(key), data)) {
                out.writeBytes(line);
                out.write('\n');
                return null;
            }
        }
        if (key.length > 0 && key[0] == '#') {
            return "a line starting with '#' is a comment";
        }
        if (Bytes.contains(key, '\n')) {
            return "it holds a newline";
        }
        return "no address text makes " + dialect.id() + "'s tcprules write this key";
    }

    /** Address texts to try for a key, best first. */
    private List<byte[]> addresses(byte[] key) {
        List<byte[]> out = new ArrayList<>();
        if (dialect == Dialect.TCP6) {
            CidrKeys.Network v4 = CidrKeys.decodeIpv4(key);
            if (v4 != null && CidrKeys.isCanonicalIpv4(key)) {
                out.add(Texts.latin1(DottedIpv4.text(DottedIpv4.value(v4.ip())) + "/" + v4.prefix()));
            }
            CidrKeys.Network v6 = CidrKeys.decodeIpv6(key);
            if (v6 != null && CidrKeys.isCanonicalIpv6(key)) {
                out.add(Texts.latin1(CidrKeys.ipv6Text(v6)));
            }
            byte[] ip = KeyMeaning.expandedKey(key);
            if (ip != null) {
                out.add(Texts.latin1(Ipv6Text.compact(ip)));
            }
            int at = Bytes.indexOf(key, '@');
            if (at >= 0) {
                byte[] user = Arrays.copyOf(key, at);
                byte[] tail = KeyMeaning.expandedKey(Arrays.copyOfRange(key, at + 1, key.length));
                if (tail != null) {
                    out.add(Bytes.concat(user, new byte[] {'@'}, Texts.latin1(Ipv6Text.compact(tail))));
                }
            }
        }
        out.add(key);
        out.addAll(earlierOneValueRanges(key));
        return out;
    }

    /**
     * tcprules expands only the first {@code a-b} range of an address and leaves any later dash as it
     * is, so {@code 1.2-3.4-5.6} writes the keys {@code 1.2.4-5.6} and {@code 1.3.4-5.6}. Such a key
     * comes back from a one-value range on a part before its dash: {@code 1.2-2.4-5.6} writes exactly
     * {@code 1.2.4-5.6}. The candidates, nearest part first; {@link #reproduces} picks the one the
     * dialect's tcprules agrees with.
     */
    private static List<byte[]> earlierOneValueRanges(byte[] key) {
        String text = Texts.latin1(key);
        int dash = text.indexOf('-');
        if (dash < 0) {
            return List.of();
        }
        String[] parts = text.split("\\.", -1);
        int partWithDash = text.substring(0, dash).split("\\.", -1).length - 1;
        List<byte[]> out = new ArrayList<>();
        for (int j = partWithDash - 1; j >= 0; j--) {
            if (!parts[j].isEmpty() && parts[j].chars().allMatch(c -> c >= '0' && c <= '9')) {
                String[] ranged = parts.clone();
                ranged[j] = parts[j] + "-" + parts[j];
                out.add(Texts.latin1(String.join(".", ranged)));
            }
        }
        return out;
    }

    /**
     * Writes records {@code i..} that form a run of consecutive addresses (one dotted part
     * counting up by one, the rest equal, the same data) as one range; returns how many, or 0.
     */
    private int range(List<byte[][]> records, int i, ByteArrayOutputStream out) {
        byte[] first = records.get(i)[0];
        byte[] data = records.get(i)[1];
        if (i + 1 >= records.size() || !DottedIpv4.isDotted(first)) {
            return 0;
        }
        String[] base = Texts.latin1(first).split("\\.", -1);
        String[] next = Texts.latin1(records.get(i + 1)[0]).split("\\.", -1);
        if (!DottedIpv4.isDotted(records.get(i + 1)[0]) || next.length != base.length
                || !Arrays.equals(records.get(i + 1)[1], data)) {
            return 0;
        }
        int p = -1;
        for (int k = 0; k < base.length; k++) {
            if (!base[k].equals(next[k])) {
                if (p >= 0) {
                    return 0;
                }
                p = k;
            }
        }
        if (p < 0 || !canonical(base[p])) {
            return 0;
        }
        int low = Integer.parseInt(base[p]);
        int high = low;
        int j = i + 1;
        while (j < records.size() && Arrays.equals(records.get(j)[1], data) && high < 255) {
            String[] t = Texts.latin1(records.get(j)[0]).split("\\.", -1);
            if (!DottedIpv4.isDotted(records.get(j)[0]) || t.length != base.length || !canonical(t[p])
                    || Integer.parseInt(t[p]) != high + 1 || !sameExcept(base, t, p)) {
                break;
            }
            high++;
            j++;
        }
        if (j - i < 2) {
            return 0;
        }
        String[] parts = base.clone();
        parts[p] = low + "-" + high;
        byte[] instructions = instructions(data);
        if (instructions == null) {
            return 0;
        }
        byte[] line = Bytes.concat(Texts.latin1(String.join(".", parts)), new byte[] {':'}, instructions);
        List<byte[]> keys = new ArrayList<>();
        for (int k = i; k < j; k++) {
            keys.add(records.get(k)[0]);
        }
        if (!reproduces(line, keys, data)) {
            return 0;
        }
        out.writeBytes(line);
        out.write('\n');
        return j - i;
    }

    private static boolean canonical(String number) {
        return !number.isEmpty() && number.length() <= 3 && (number.length() == 1 || number.charAt(0) != '0')
                && Integer.parseInt(number) <= 255;
    }

    private static boolean sameExcept(String[] a, String[] b, int p) {
        for (int k = 0; k < a.length; k++) {
            if (k != p && !a[k].equals(b[k])) {
                return false;
            }
        }
        return true;
    }

    /** Whether tcprules turns {@code line} into exactly these keys, each with {@code data}. */
    private boolean reproduces(byte[] line, List<byte[]> keys, byte[] data) {
        if (Bytes.contains(line, '\n')) {
            return false;
        }
        try {
            if (!(parser.parse(1, line, 0, line.length) instanceof RuleLine.Rule rule)
                    || !Arrays.equals(rule.instructions().data(), data)) {
                return false;
            }
            Address address = reader.read(rule);
            List<byte[]> got = address.keys();
            if (got.size() != keys.size()) {
                return false;
            }
            for (int k = 0; k < got.size(); k++) {
                if (!Arrays.equals(got.get(k), keys.get(k))) {
                    return false;
                }
            }
            return true;
        } catch (RuleSyntaxException e) {
            return false;
        }
    }

    /**
     * The instructions ({@code allow}/{@code deny} and settings) that give {@code data}, or null.
     * Entries are split at NUL; one not starting with '+' and holding '=' continues the previous
     * value (a value may hold NUL). Each value is quoted with a character it does not hold.
     */
    public static byte[] instructions(byte[] data) {
        int at = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (data.length >= 2 && data[0] == 'D' && data[1] == 0) {
            out.writeBytes(Texts.latin1("deny"));
            at = 2;
        } else {
            out.writeBytes(Texts.latin1("allow"));
        }
        if (at < data.length && data[data.length - 1] != 0) {
            return null; // an unterminated entry: tcprules always ends entries with NUL
        }
        List<byte[][]> settings = new ArrayList<>();
        while (at < data.length) {
            int end = at;
            while (data[end] != 0) {
                end++;
            }
            byte[] entry = Arrays.copyOfRange(data, at, end);
            int eq = Bytes.indexOf(entry, '=');
            if (entry.length > 0 && entry[0] == '+' && eq > 0) {
                settings.add(new byte[][] {Arrays.copyOfRange(entry, 1, eq), Arrays.copyOfRange(entry, eq + 1, entry.length)});
            } else if (!settings.isEmpty()) {
                byte[][] last = settings.get(settings.size() - 1);
                last[1] = Bytes.concat(last[1], new byte[] {0}, entry);
            } else {
                return null;
            }
            at = end + 1;
        }
        for (byte[][] s : settings) {
            int quote = quote(s[1]);
            if (quote < 0 || Bytes.contains(s[0], '\n') || Bytes.contains(s[1], '\n')) {
                return null;
            }
            out.write(',');
            out.writeBytes(s[0]);
            out.write('=');
            out.write(quote);
            out.writeBytes(s[1]);
            out.write(quote);
        }
        return out.toByteArray();
    }

    private static final String QUOTES = "\"'/|%#!~^:;@+*&$`?.-_<>()[]{}";

    /** A quote character that {@code value} does not hold, punctuation first; -1 if there is none. */
    static int quote(byte[] value) {
        boolean[] used = new boolean[256];
        for (byte b : value) {
            used[b & 0xff] = true;
        }
        for (int i = 0; i < QUOTES.length(); i++) {
            if (!used[QUOTES.charAt(i)]) {
                return QUOTES.charAt(i);
            }
        }
        for (int c = 1; c < 256; c++) {
            if (!used[c] && c != '\n') {
                return c;
            }
        }
        return used[0] ? -1 : 0;
    }
}
