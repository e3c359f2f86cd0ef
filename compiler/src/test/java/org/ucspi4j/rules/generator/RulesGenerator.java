package org.ucspi4j.rules.generator;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.Ipv6Text;

/**
 * Random tcprules files for differential tests, fuzz seeds and benchmarks. Seeded: the same seed,
 * dialect and settings give the same bytes. Per dialect flavour it writes every address form the
 * dialect knows (exact IPv4, dotted prefixes, ranges with the edge cases of 0.88's expansion, =host,
 * =.suffix, =, info@ip, info@=host, the empty default, verbatim junk, IPv6 for fefe and tcp6, CIDR
 * for tcp6), odd quoting (any quote byte), names with blanks and colons, comments, blank lines,
 * trailing blanks and tabs, CR, NUL and bytes 0x80-0xFF, and, at {@code invalidRate} per rule,
 * lines the dialect rejects.
 *
 * <p>fefe: no line it writes makes fefe's tcprules loop forever (reference 3.1: every line that is
 * not a comment or empty has a ':' directly followed by {@code allow} or {@code deny});
 * {@link #fefeHangLine} writes such lines on purpose, for tests of ucspi4j alone.
 *
 * <p>{@code main}: {@code RulesGenerator [--dialect djb|fefe|tcp6] [--lines N] [--seed S]
 * [--invalid-rate R] [--plain] [--out FILE]} (defaults: djb, 1000, 1, 0, any bytes, stdout).
 */
public final class RulesGenerator {
    private final Dialect dialect;
    private final Random rnd;
    private final double invalidRate;
    private final boolean plain;

    // Earlier names and addresses come back, so that files hold duplicates and lookups hit.
    private final List<byte[]> hosts = new ArrayList<>();
    private final List<byte[]> infos = new ArrayList<>();
    private final List<byte[]> ips = new ArrayList<>();

    public RulesGenerator(Dialect dialect, long seed, double invalidRate) {
        this(dialect, seed, invalidRate, false);
    }

    /**
     * {@code plain}: printable ASCII only inside addresses, names, values and comments (no NUL, CR,
     * control or high bytes; trailing blanks and tabs stay), like the file the reference timed the
     * C tool on; the default writes any byte.
     */
    public RulesGenerator(Dialect dialect, long seed, double invalidRate, boolean plain) {
        this.dialect = dialect;
        this.rnd = new Random(seed);
        this.invalidRate = invalidRate;
        this.plain = plain;
    }

    /** A valid file (every rule accepted by the dialect's C tcprules): {@code lines} lines. */
    public static byte[] validFile(Dialect dialect, long seed, int lines) {
        return new RulesGenerator(dialect, seed, 0).file(lines);
    }

    public byte[] file(int lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(lines * 40);
        try {
            write(out, lines);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Writes {@code lines} lines; the last one lacks its '\n' now and then. */
    public void write(OutputStream out, int lines) throws IOException {
        for (int i = 0; i < lines; i++) {
            byte[] line = line();
            boolean last = i == lines - 1;
            if (last && rnd.nextInt(4) == 0 && line.length > 1) {
                out.write(line, 0, line.length - 1);
            } else {
                out.write(line);
            }
        }
    }

    /** One line, '\n' included. */
    public byte[] line() {
        Line b = new Line();
        int kind = rnd.nextInt(100);
        if (kind < 4) {
            comment(b);
        } else if (kind < 6) {
            // empty line
        } else if (kind < 7 && dialect != Dialect.FEFE) {
            blanks(b, 1 + rnd.nextInt(4)); // blank-only: ignored by 0.88 and tcp6, hangs fefe
        } else if (kind < 8 && dialect != Dialect.FEFE) {
            colonless(b);
        } else if (rnd.nextDouble() < invalidRate) {
            invalidRule(b);
            if (dialect == Dialect.FEFE && !fefeSafe(b.bytes())) {
                b = new Line();
                rule(b);
            }
        } else {
            rule(b);
        }
        b.add('\n');
        return b.bytes();
    }

    /**
     * A line that makes fefe's C tcprules loop forever: blank-only, colon-less, or a ':' followed by
     * something other than allow/deny. ucspi4j's fefe dialect reports an error instead.
     */
    public byte[] fefeHangLine() {
        Line b = new Line();
        switch (rnd.nextInt(6)) {
            case 0 -> blanks(b, 1 + rnd.nextInt(4));
            case 1 -> b.add("no colon here " + rnd.nextInt(1000));
            case 2 -> b.add(ipv4()).add(pick(":ALLOW", ":Deny", ": allow", ":permit", ":", ":\tdeny"));
            case 3 -> b.add(ipv4()).add(":allo");
            case 4 -> b.add("2001:db8::1").add(pick(":ALLOW", ":", ":allo,X=\"1\""));
            default -> b.add("=").add(label()).add(":den");
        }
        if (rnd.nextBoolean()) {
            blanks(b, rnd.nextInt(3));
        }
        b.add('\n');
        return b.bytes();
    }

    // ---- line kinds ----

    private void comment(Line b) {
        b.add('#');
        int n = rnd.nextInt(30);
        for (int i = 0; i < n; i++) {
            b.add(anyByteBut('\n'));
        }
    }

    /** No ':' at all: ignored by 0.88; tcp6 ignores it too unless it has a ','. */
    private void colonless(Line b) {
        int n = 1 + rnd.nextInt(20);
        boolean first = true;
        for (int i = 0; i < n; i++) {
            int c = anyByteBut('\n', ':', ',');
            if (first && c == '#') {
                c = 'x';
            }
            first = false;
            b.add(c);
        }
    }

    private void rule(Line b) {
        address(b);
        b.add(separator());
        instructions(b, true);
        trailing(b);
    }

    private String separator() {
        return ":";
    }

    private void trailing(Line b) {
        if (rnd.nextInt(8) == 0) {
            int n = 1 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                b.add(rnd.nextBoolean() ? ' ' : '\t');
            }
        }
    }

    // ---- addresses ----

    private void address(Line b) {
        int form = rnd.nextInt(dialect == Dialect.DJB ? 100 : 125);
        if (form < 22) {
            byte[] ip = ipv4().getBytes(StandardCharsets.ISO_8859_1);
            remember(ips, ip);
            b.add(ip);
        } else if (form < 30) {
            b.add(dottedPrefix());
        } else if (form < 44) {
            b.add(range());
        } else if (form < 54) {
            b.add('=').add(host());
        } else if (form < 62) {
            b.add("=.").add(suffix());
        } else if (form < 63) {
            b.add('=');
        } else if (form < 71) {
            b.add(info()).add('@').add(reuse(ips) ? pickFrom(ips) : ipv4().getBytes(StandardCharsets.ISO_8859_1));
        } else if (form < 78) {
            b.add(info()).add("@=").add(host());
        } else if (form < 80) {
            b.add(info()).add('@').add(rnd.nextBoolean() ? dottedPrefix() : range()); // dead / verbatim
        } else if (form < 82) {
            // the empty default rule
        } else if (form < 86) {
            junk(b);
        } else if (form < 88) {
            // a leading blank is kept; a range still expands when its dash comes after a dot
            b.add(rnd.nextBoolean() ? " " : "\t").add(ipv4()).add(rnd.nextBoolean() ? "" : "-" + rnd.nextInt(256));
        } else if (form < 91) {
            b.add('=').add(oddHost());
        } else if (form < 100) {
            b.add(ipv4()); // plenty of IPs: most real files are mostly IPs
        } else if (form < 115) {
            b.add(dialect == Dialect.FEFE ? fefeIpv6() : tcp6Ipv6());
        } else if (dialect == Dialect.FEFE) {
            b.add(info()).add('@').add(ipv6Compact());
        } else {
            b.add(cidr());
        }
    }

    private String ipv4() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                s.append('.');
            }
            s.append(octet());
        }
        return s.toString();
    }

    private String octet() {
        int r = rnd.nextInt(40);
        if (r == 0) {
            return "0" + rnd.nextInt(100); // leading zero: verbatim, never matches
        }
        if (r == 1) {
            return rnd.nextBoolean() ? "0" : "255";
        }
        return Integer.toString(rnd.nextInt(256));
    }

    private String dottedPrefix() {
        StringBuilder s = new StringBuilder();
        int parts = 1 + rnd.nextInt(3);
        for (int i = 0; i < parts; i++) {
            s.append(octet()).append('.');
        }
        return s.toString();
    }

    /** A 0.88 range that the C tool accepts (possibly expanding to nothing). */
    private String range() {
        int r = rnd.nextInt(30);
        if (r < 3) {
            return pick("1.2.3.04-006", "1.2.3.250-300", "1.2.3.300-400", "1.2.3.6-4", "1.2.3.4-", "1.2.3.-",
                    "-", "-5", "10-12", "1.2-3.4.5", "10.2-3.", "0-18446744073709551617",
                    "18446744073709551616-2", "1.2.3.18446744073709551615-3", "007-009.1.", "2-2", "0-0.", "255-255",
                    "1.2.3.99999999999999999999-1", "1.2.3.0-18446744073709551871", "1..2-3", "1.2.3.4-5.6.7");
        }
        int low = rnd.nextInt(256);
        int high = rnd.nextInt(40) == 0 ? rnd.nextInt(300) : low + rnd.nextInt(3);
        String lo = rnd.nextInt(20) == 0 ? "0" + low : Integer.toString(low);
        String hi = Integer.toString(high);
        return switch (rnd.nextInt(4)) {
            case 0 -> octet() + "." + octet() + "." + lo + "-" + hi + ".";
            case 1 -> octet() + "." + lo + "-" + hi + "." + octet() + "." + octet();
            default -> octet() + "." + octet() + "." + octet() + "." + lo + "-" + hi;
        };
    }

    private byte[] host() {
        if (reuse(hosts)) {
            return pickFrom(hosts);
        }
        StringBuilder s = new StringBuilder(label());
        int more = rnd.nextInt(4);
        for (int i = 0; i < more; i++) {
            s.append('.').append(label());
        }
        if (rnd.nextInt(10) == 0) {
            s.append('.').append(pick("com", "org", "example.com", "de"));
        }
        byte[] h = s.toString().getBytes(StandardCharsets.ISO_8859_1);
        remember(hosts, h);
        return h;
    }

    private String suffix() {
        if (!hosts.isEmpty() && rnd.nextInt(3) == 0) {
            String h = new String(pickFrom(hosts), StandardCharsets.ISO_8859_1);
            int dot = h.indexOf('.');
            if (dot >= 0 && dot + 1 < h.length()) {
                return h.substring(dot + 1);
            }
        }
        return rnd.nextBoolean() ? label() + "." + pick("com", "net", "example.com") : label();
    }

    private String label() {
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789-";
        int n = 1 + rnd.nextInt(10);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(chars.charAt(rnd.nextInt(i == 0 ? 36 : chars.length())));
        }
        return s.toString();
    }

    /** Host text with bytes DNS never gives: blanks, high bytes, upper case, '@', '-', '.'. */
    private byte[] oddHost() {
        Line b = new Line();
        int n = 1 + rnd.nextInt(12);
        for (int i = 0; i < n; i++) {
            b.add(addressByte(true));
        }
        return b.bytes();
    }

    private byte[] info() {
        if (reuse(infos)) {
            return pickFrom(infos);
        }
        Line b = new Line();
        int n = 1 + rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            int r = rnd.nextInt(20);
            b.add(r == 0 ? pick(".", "_", "+", " ").charAt(0) : (char) ('a' + rnd.nextInt(26)));
        }
        if (rnd.nextInt(30) == 0 && !plain) {
            b.add(0x80 + rnd.nextInt(128));
        }
        byte[] i = b.bytes();
        remember(infos, i);
        return i;
    }

    /** Bytes an address may hold verbatim: no ':', '\n', '-', ',' '/' (those change the meaning). */
    private void junk(Line b) {
        int n = 1 + rnd.nextInt(15);
        for (int i = 0; i < n; i++) {
            int c = addressByte(false);
            if (i == 0 && c == '#') {
                c = '*';
            }
            b.add(c);
        }
    }

    private int addressByte(boolean hostLike) {
        for (;;) {
            int r = rnd.nextInt(10);
            int c;
            if (r < 5) {
                c = oneOf("abcdefghijklmnopqrstuvwxyz0123456789.*%_ABC");
            } else if (r < 7) {
                c = oneOf(" \t\r\u0000\u007f\u00ff\u0080\u00e9\u000b\u000c\"'#");
            } else {
                c = anyByte();
            }
            if (c == '\n' || c == ':' || c == ',' || c == '/') {
                continue;
            }
            if (!hostLike && (c == '-' || c == '=' || c == '@')) {
                continue;
            }
            return c;
        }
    }

    // ---- IPv6 and CIDR ----

    private String ipv6Compact() {
        byte[] ip = new byte[16];
        int form = rnd.nextInt(6);
        if (form == 0) {
            ip[15] = 1;
        } else if (form == 1) {
            ip[10] = (byte) 0xff;
            ip[11] = (byte) 0xff;
            for (int i = 12; i < 16; i++) {
                ip[i] = (byte) rnd.nextInt(256);
            }
        } else {
            ip[0] = 0x20;
            ip[1] = 0x01;
            ip[2] = 0x0d;
            ip[3] = (byte) 0xb8;
            for (int i = 4; i < 16; i++) {
                ip[i] = rnd.nextInt(3) == 0 ? 0 : (byte) rnd.nextInt(256);
            }
            if (form == 2) {
                for (int i = 4; i < 12; i++) {
                    ip[i] = 0;
                }
            }
        }
        return Ipv6Text.compact(ip);
    }

    /** fefe stores IPv6 text verbatim: compact forms, prefixes ending in ':', odd spellings. */
    private String fefeIpv6() {
        return switch (rnd.nextInt(6)) {
            case 0, 1 -> ipv6Compact();
            case 2 -> pick("2001:db8::", "2001:db8:", "fe80::", "::", ":", "2001:", "::ffff:", "::ffff:10.",
                    "2001:db8:0:", "2001:db8:a:b:c:d:e::");
            case 3 -> ipv6Compact().toUpperCase(java.util.Locale.ROOT);
            case 4 -> "2001:DB8:0:0:0:0:0:" + rnd.nextInt(10);
            default -> {
                String c = ipv6Compact();
                int colon = c.lastIndexOf(':');
                yield c.substring(0, colon + 1); // a textual prefix
            }
        };
    }

    /** tcp6 normalises IPv6 (leniently: the longest parsable prefix counts). */
    private String tcp6Ipv6() {
        return switch (rnd.nextInt(8)) {
            case 0, 1, 2 -> ipv6Compact();
            case 3 -> ipv6Compact().toUpperCase(java.util.Locale.ROOT);
            case 4 -> pick("1::2::3", "12345::1", "fe80::1%eth0", "1.2.3.4:", "::", "::1", "0:0:0:0:0:0:0:1",
                    "::ffff:1.2.3.4", "2001:db8::1.2.3.4");
            case 5 -> new String(info(), StandardCharsets.ISO_8859_1) + "@" + ipv6Compact();
            default -> "fe80::" + Integer.toHexString(rnd.nextInt(65536));
        };
    }

    private String cidr() {
        if (rnd.nextBoolean()) {
            int p = 1 + rnd.nextInt(32);
            int r = rnd.nextInt(10);
            String a = r == 0 ? octet() + "." + octet() + "." : r == 1 ? octet() + "." : ipv4Strict();
            if (r == 0) {
                p = 1 + rnd.nextInt(16);
            } else if (r == 1) {
                p = 1 + rnd.nextInt(8);
            }
            return a + "/" + p;
        }
        return ipv6Compact() + "/" + (1 + rnd.nextInt(128));
    }

    private String ipv4Strict() {
        return rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256);
    }

    // ---- instructions ----

    private void instructions(Line b, boolean valid) {
        b.add(rnd.nextInt(3) == 0 ? "deny" : "allow");
        int n = rnd.nextInt(10) < 5 ? 0 : 1 + rnd.nextInt(rnd.nextInt(8) == 0 ? 6 : 3);
        for (int i = 0; i < n; i++) {
            setting(b, valid && i == n - 1);
        }
    }

    private void setting(Line b, boolean last) {
        b.add(',');
        b.add(name());
        b.add('=');
        int q = quote(last);
        b.add(q);
        int len = rnd.nextInt(12);
        for (int i = 0; i < len; i++) {
            b.add(valueByte(q));
        }
        b.add(q);
    }

    private byte[] name() {
        int r = rnd.nextInt(20);
        if (r < 12) {
            return pick("RELAYCLIENT", "TCPLOCALHOST", "QMAILQUEUE", "SMTPAUTH", "X", "CONCURRENCY", "DATABYTES",
                    "RBLSMTPD", "TLS", "HELOCHECK").getBytes(StandardCharsets.ISO_8859_1);
        }
        if (r < 14) {
            return new byte[0]; // empty name
        }
        Line b = new Line();
        int n = 1 + rnd.nextInt(10);
        for (int i = 0; i < n; i++) {
            int c;
            do {
                c = rnd.nextInt(4) == 0 ? oneOf(" :,\"#\t\u0000\u00e9") : anyByte();
            } while (c == '=' || c == '\n');
            b.add(c);
        }
        return b.bytes();
    }

    /** Any byte but '\n'; the closing quote of the line's last setting may not be a blank (stripped). */
    private int quote(boolean last) {
        for (;;) {
            int r = rnd.nextInt(10);
            int q;
            if (r < 5) {
                q = '"';
            } else if (r < 8) {
                q = oneOf("'/|,=: \tx0@#\u0000\u00ff\u0080");
            } else {
                q = anyByte();
            }
            if (q == '\n' || last && (q == ' ' || q == '\t')) {
                continue;
            }
            return q;
        }
    }

    private int valueByte(int quote) {
        for (;;) {
            int r = rnd.nextInt(10);
            int c = r < 6 ? oneOf("abcdefghijklmnopqrstuvwxyz0123456789 /.@")
                    : r < 8 ? oneOf(",:=\"'\t\u0000\r#") : anyByte();
            if (c != quote && c != '\n') {
                return c;
            }
        }
    }

    // ---- invalid rules ----

    private void invalidRule(Line b) {
        boolean fefe = dialect == Dialect.FEFE;
        int kind = rnd.nextInt(16);
        switch (kind) {
            case 0 -> { // a bad instruction word (fefe: only ones that start with allow/deny)
                address(b);
                b.add(':').add(fefe ? pick("allowx", "denyy", "allow deny", "deny\u0000")
                        : pick("ALLOW", "Allow", "permit", " allow", "", "allowx", "deny foo", "allow # c", "\tdeny"));
            }
            case 1 -> { // unterminated quote
                address(b);
                b.add(':');
                instructions(b, false);
                b.add(",X=\"abc");
            }
            case 2 -> { // trailing comma
                address(b);
                b.add(':');
                instructions(b, false);
                b.add(',');
            }
            case 3 -> { // a name without '=' / nothing after '='
                address(b);
                b.add(':');
                instructions(b, false);
                b.add(pick(",X", ",X=", ",NAME  ", ",=\t"));
            }
            case 4 -> { // junk after a closing quote
                address(b);
                b.add(':');
                instructions(b, false);
                b.add(pick(",X=\"a\"b", ",X=\"a\" ,Y=\"b\"", ",X='a'\r", ",X=\"a\"\u0000"));
            }
            case 5 -> { // a bad range
                b.add(pick("a-b", "host-name", "1.2.3.4-5-6", "1.2.3.4-5x", "1.2.3.+4-5", "1.2.3. 4-5",
                        "x1.2.3.4-5", "1-2-3", "1.2.3.4--5", "1.2.3.4-\u00e9"));
                b.add(':');
                instructions(b, true);
            }
            case 6 -> { // CRLF
                rule(b);
                b.add('\r');
            }
            case 7 -> { // blank after the colon (fefe: the colon search runs on, so put allow later)
                address(b);
                b.add(fefe ? ": allow:deny" : ": allow");
            }
            case 8 -> { // IPv6 in 0.88, '-' in fefe's IPv6, garbage IPv6 in tcp6
                b.add(switch (dialect) {
                    case DJB -> pick("::1", "2001:db8::1", "fe80:");
                    case FEFE -> pick("2001:db8::1-5", "::1-2", "fe80::-");
                    case TCP6 -> pick("xyz::g", "g::1", "::g", "zz:zz");
                });
                b.add(':');
                instructions(b, true);
            }
            case 9 -> { // tcp6: bad prefix lengths; others: a rule with a NUL in its instruction word
                if (dialect == Dialect.TCP6) {
                    b.add(pick("1.2.3.0/0", "1.2.3.0/33", "1.2.3.0/", "1.2.3.0/x", "::/0", "::/129", "::1/",
                            "2001:db8::/1x", "10./99999999999999999999"));
                    b.add(':');
                    instructions(b, true);
                } else {
                    address(b);
                    b.add(":al\u0000low");
                }
            }
            case 10 -> { // tcp6: a comma in the address; fefe: the first ':deny' is in the address
                if (dialect == Dialect.TCP6) {
                    b.add("=a,b:allow");
                } else if (fefe) {
                    b.add("x:denyhost:allow");
                } else {
                    b.add(ipv4()).add(":allow,");
                }
            }
            case 11 -> { // a value that runs to the end of the line
                address(b);
                b.add(":deny,A=|x,B=\"y\"");
            }
            case 12 -> { // the closing quote of the last value is a blank, which the strip removes
                address(b);
                b.add(":allow,X= a b ");
            }
            default -> { // something valid but mangled at a random byte
                Line r = new Line();
                rule(r);
                byte[] bytes = r.bytes();
                int at = rnd.nextInt(bytes.length + 1);
                Line m = new Line();
                for (int i = 0; i < bytes.length; i++) {
                    if (i == at) {
                        m.add(pick(",", "\"", "=", "-", "\r", "\u0000", "@", "/", ":"));
                    }
                    m.add(bytes[i]);
                }
                byte[] mangled = m.bytes();
                if (fefe && !fefeSafe(mangled)) {
                    rule(b);
                } else {
                    b.add(mangled);
                }
            }
        }
        trailing(b);
    }

    /**
     * Whether fefe's C tcprules terminates on this line (without its '\n'): a comment, empty, or a
     * ':' directly followed by {@code allow}/{@code deny} within the line after trailing blanks are
     * stripped.
     */
    public static boolean fefeSafe(byte[] line) {
        int end = line.length;
        if (end > 0 && line[end - 1] == '\n') {
            end--;
        }
        if (end == 0 || line[0] == '#') {
            return true;
        }
        while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\n')) {
            end--;
        }
        String s = new String(line, 0, end, StandardCharsets.ISO_8859_1);
        return s.contains(":allow") || s.contains(":deny");
    }

    // ---- helpers ----

    private void blanks(Line b, int n) {
        for (int i = 0; i < n; i++) {
            b.add(rnd.nextBoolean() ? ' ' : '\t');
        }
    }

    private int anyByteBut(int... excluded) {
        outer:
        for (;;) {
            int c = rnd.nextInt(4) == 0 ? anyByte() : 0x20 + rnd.nextInt(0x5f);
            for (int e : excluded) {
                if (c == e) {
                    continue outer;
                }
            }
            return c;
        }
    }

    /** One of {@code chars}; in plain mode only a printable ASCII one (every pool has some). */
    private char oneOf(String chars) {
        for (;;) {
            char c = chars.charAt(rnd.nextInt(chars.length()));
            if (!plain || c >= 0x20 && c < 0x7f) {
                return c;
            }
        }
    }

    /** Any byte; in plain mode any printable ASCII byte. */
    private int anyByte() {
        return plain ? 0x20 + rnd.nextInt(0x5f) : rnd.nextInt(256);
    }

    private boolean reuse(List<byte[]> pool) {
        return !pool.isEmpty() && rnd.nextInt(4) == 0;
    }

    private byte[] pickFrom(List<byte[]> pool) {
        return pool.get(rnd.nextInt(pool.size()));
    }

    private void remember(List<byte[]> pool, byte[] value) {
        if (pool.size() < 512) {
            pool.add(value);
        } else {
            pool.set(rnd.nextInt(pool.size()), value);
        }
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[rnd.nextInt(options.length)];
    }

    /** A growable byte line; chars are bytes (0..255). */
    private static final class Line {
        private byte[] b = new byte[64];
        private int n;

        Line add(int c) {
            if (n == b.length) {
                b = java.util.Arrays.copyOf(b, 2 * n);
            }
            b[n++] = (byte) c;
            return this;
        }

        Line add(String s) {
            for (int i = 0; i < s.length(); i++) {
                add(s.charAt(i));
            }
            return this;
        }

        Line add(byte[] bytes) {
            for (byte x : bytes) {
                add(x);
            }
            return this;
        }

        byte[] bytes() {
            return java.util.Arrays.copyOf(b, n);
        }
    }

    public static void main(String[] args) throws IOException {
        Dialect dialect = Dialect.DJB;
        int lines = 1000;
        long seed = 1;
        double invalid = 0;
        Path out = null;
        boolean plain = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--plain")) {
                plain = true;
                continue;
            }
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--dialect" -> dialect = Dialect.of(v);
                case "--lines" -> lines = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--invalid-rate" -> invalid = Double.parseDouble(v);
                case "--out" -> out = Path.of(v);
                default -> throw new IllegalArgumentException("unknown argument " + a
                        + "; usage: RulesGenerator [--dialect djb|fefe|tcp6] [--lines N] [--seed S] [--invalid-rate R]"
                        + " [--plain] [--out FILE]");
            }
            i++;
        }
        RulesGenerator g = new RulesGenerator(dialect, seed, invalid, plain);
        try (OutputStream o = new BufferedOutputStream(out == null ? System.out : Files.newOutputStream(out), 1 << 16)) {
            g.write(o, lines);
        }
    }
}
