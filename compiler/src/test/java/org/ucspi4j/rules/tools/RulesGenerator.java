package org.ucspi4j.rules.tools;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Random, valid rules files for one dialect ({@code djb}, {@code fefe} or {@code tcp6}): every
 * address form the dialect knows (exact IPs, dotted prefixes, ranges, hosts, suffixes, info@,
 * defaults; fefe IPv6 text and prefixes; tcp6 CIDR and IPv6), comments and blank lines, settings
 * with assorted quote characters. Depends on the JDK only, so it also runs as a single-file program:
 *
 * <pre>java compiler/src/test/java/org/ucspi4j/rules/tools/RulesGenerator.java LINES SEED DIALECT &gt; big.rules</pre>
 */
public final class RulesGenerator {
    private final Random random;
    private final String dialect;

    public RulesGenerator(long seed, String dialect) {
        this.random = new Random(seed);
        this.dialect = dialect;
    }

    public static void main(String[] args) throws IOException {
        long lines = Long.parseLong(args[0]);
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        String dialect = args.length > 2 ? args[2] : "tcp6";
        try (OutputStream out = new BufferedOutputStream(System.out, 1 << 16)) {
            new RulesGenerator(seed, dialect).write(out, lines);
        }
    }

    /** A whole file of {@code lines} lines. */
    public static byte[] generate(long seed, String dialect, int lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(lines * 32);
        try {
            new RulesGenerator(seed, dialect).write(out, lines);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    public void write(OutputStream out, long lines) throws IOException {
        StringBuilder line = new StringBuilder(128);
        for (long i = 0; i < lines; i++) {
            line.setLength(0);
            line(line);
            line.append('\n');
            for (int k = 0; k < line.length(); k++) {
                out.write(line.charAt(k));
            }
        }
    }

    private void line(StringBuilder s) {
        int pick = random.nextInt(100);
        if (pick < 3) {
            s.append("# comment ").append(random.nextInt(1000));
            return;
        }
        if (pick < 5) {
            return; // empty line
        }
        address(s);
        s.append(':').append(random.nextInt(3) == 0 ? "deny" : "allow");
        int settings = random.nextInt(10) < 6 ? 0 : 1 + random.nextInt(3);
        for (int k = 0; k < settings; k++) {
            s.append(',').append(NAMES[random.nextInt(NAMES.length)]).append('=');
            char quote = QUOTES.charAt(random.nextInt(QUOTES.length()));
            s.append(quote);
            int len = random.nextInt(8);
            for (int j = 0; j < len; j++) {
                char c;
                do {
                    c = VALUE_CHARS.charAt(random.nextInt(VALUE_CHARS.length()));
                } while (c == quote);
                s.append(c);
            }
            s.append(quote);
        }
    }

    private static final String[] NAMES = {"RELAYCLIENT", "TCPREMOTEHOST", "X", "NET", "GREETING", "LIMIT", "QMAILQUEUE", "K"};
    private static final String QUOTES = "\"\"\"\"'/|%";
    private static final String VALUE_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789 .:,=-/_@\"'";

    private void address(StringBuilder s) {
        int forms = switch (dialect) {
            case "fefe" -> 13;
            case "tcp6" -> 16;
            default -> 11;
        };
        int form = random.nextInt(forms);
        switch (form) {
            case 0, 1, 2 -> ipv4(s, 4);
            case 3 -> ipv4(s, 1 + random.nextInt(3)).append('.');
            case 4 -> { // range in the last octet
                ipv4(s, 3).append('.');
                int low = random.nextInt(250);
                s.append(low).append('-').append(low + random.nextInt(6));
            }
            case 5 -> { // range in an inner octet, a prefix
                ipv4(s, 1).append('.');
                int low = random.nextInt(250);
                s.append(low).append('-').append(low + random.nextInt(4)).append('.');
            }
            case 6 -> s.append('=').append(host());
            case 7 -> s.append("=.").append(domain());
            case 8 -> s.append(random.nextInt(50) == 0 ? "=" : "=" + host());
            case 9 -> {
                s.append(user()).append('@');
                if (random.nextBoolean()) {
                    ipv4(s, 4);
                } else {
                    s.append('=').append(host());
                }
            }
            case 10 -> {
                if (random.nextInt(20) == 0) {
                    return; // the default rule
                }
                ipv4(s, 4);
            }
            case 11 -> s.append(compactIpv6(false)); // fefe: IPv6 exact
            case 12 -> { // fefe: IPv6 prefix ending in ':'; tcp6: an IPv6 network
                if (dialect.equals("tcp6")) {
                    s.append(compactIpv6(false)).append('/').append(16 + random.nextInt(113));
                } else {
                    s.append(compactIpv6(true));
                }
            }
            case 13 -> { // tcp6: IPv4 CIDR
                int prefix = 2 + random.nextInt(31);
                ipv4(s, 4).append('/').append(prefix);
            }
            case 14 -> { // tcp6: IPv6 exact, any spelling
                if (random.nextInt(4) == 0) {
                    s.append(user()).append('@');
                }
                s.append(random.nextBoolean() ? compactIpv6(false) : fullIpv6());
            }
            case 15 -> s.append(compactIpv6(false)).append('/').append(16 + random.nextInt(113));
            default -> throw new IllegalStateException();
        }
    }

    private StringBuilder ipv4(StringBuilder s, int octets) {
        for (int i = 0; i < octets; i++) {
            if (i > 0) {
                s.append('.');
            }
            s.append(random.nextInt(256));
        }
        return s;
    }

    private String host() {
        return LABELS[random.nextInt(LABELS.length)] + random.nextInt(100) + "." + domain();
    }

    private String domain() {
        return LABELS[random.nextInt(LABELS.length)] + "." + TLDS[random.nextInt(TLDS.length)];
    }

    private String user() {
        return USERS[random.nextInt(USERS.length)];
    }

    private static final String[] LABELS = {"mx", "www", "mail", "relay", "example", "corp", "net", "lan"};
    private static final String[] TLDS = {"com", "org", "net", "de", "example"};
    private static final String[] USERS = {"joe", "root", "qmaild", "nobody"};

    /** Eight random groups (some zero), in the form fefe's tcpserver prints (longest zero run as '::'). */
    private String compactIpv6(boolean prefix) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(0xffff);
        }
        g[0] = g[0] == 0 ? 0x2001 : g[0];
        if (prefix) {
            int k = 1 + random.nextInt(4);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < k; i++) {
                s.append(Integer.toHexString(g[i] == 0 ? 1 : g[i])).append(':');
            }
            return s.toString();
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8;) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            s.append(Integer.toHexString(g[i]));
            if (i < 7) {
                s.append(':');
            }
        }
        return s.toString();
    }

    private String fullIpv6() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i > 0) {
                s.append(':');
            }
            s.append(String.format("%04X", random.nextInt(0x10000)));
        }
        return s.toString();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
