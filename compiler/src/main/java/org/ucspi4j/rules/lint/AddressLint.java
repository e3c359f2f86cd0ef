package org.ucspi4j.rules.lint;

import java.util.Arrays;
import java.util.List;
import org.ucspi4j.lookup.Bytes;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.Ipv6Text;
import org.ucspi4j.lookup.text.DottedIpv4;
import org.ucspi4j.lookup.text.Ipv6Forms;
import org.ucspi4j.lookup.text.Texts;
import org.ucspi4j.rules.Address;
import org.ucspi4j.rules.RuleLine;

/** The checks on one rule's address: does any server ever look its keys up, and does it mean what it says. */
final class AddressLint {
    private final Dialect dialect;
    private final RuleLine.Rule rule;
    private final Address address;
    private final List<byte[]> keys;
    private final Emitter out;
    private final byte[] a;

    AddressLint(Dialect dialect, RuleLine.Rule rule, Address address, List<byte[]> keys, Emitter out) {
        this.dialect = dialect;
        this.rule = rule;
        this.address = address;
        this.keys = keys;
        this.out = out;
        this.a = rule.address();
    }

    private void emit(int column, LintCode code, String message, String hint) {
        out.emit(rule.number(), column, code, message, hint);
    }

    void check() {
        if (a.length == 0) {
            return;
        }
        if (a[0] == ' ' || a[0] == '\t') {
            emit(1, LintCode.TR016, "the address starts with " + Texts.describe(a[0]) + ": the key " + Texts.quoted(keyOrAddress())
                    + " never matches", "remove the blanks before the address");
            return;
        }
        if (a[a.length - 1] == ' ' || a[a.length - 1] == '\t') {
            int first = a.length;
            while (first > 0 && (a[first - 1] == ' ' || a[first - 1] == '\t')) {
                first--;
            }
            emit(first + 1, LintCode.TR016, "the address ends with " + Texts.describe(a[a.length - 1]) + ": the key "
                    + Texts.quoted(keyOrAddress()) + " never matches", "remove the blanks before the ':'");
            return;
        }
        for (int i = 0; i < a.length; i++) {
            int c = a[i] & 0xff;
            if (c < 0x20 || c == 0x7f) {
                emit(i + 1, LintCode.TR017, "the address holds " + Texts.describe(a[i]) + ": the key "
                        + Texts.quoted(keyOrAddress()) + " never matches", "remove it");
                return;
            }
        }
        switch (address) {
            case Address.Verbatim v -> verbatim();
            case Address.Range r -> range(r);
            case Address.Ipv4Cidr c -> ipv4Cidr(c);
            case Address.Ipv6Exact e -> ipv6Exact(e);
            case Address.Ipv6Cidr c -> ipv6Cidr(c);
        }
    }

    private byte[] keyOrAddress() {
        return keys.size() == 1 ? keys.get(0) : a;
    }

    // ---- verbatim keys ----

    private void verbatim() {
        if (a[0] == '=') {
            host();
            return;
        }
        int at = lastIndexOf(a, '@');
        if (at >= 0) {
            info(at);
            return;
        }
        if (DottedIpv4.isDotted(a)) {
            dotted(a, 0, a.length, 0, null);
            return;
        }
        if (dialect == Dialect.FEFE && Bytes.indexOf(a, ':') >= 0) {
            fefeIpv6(0);
            return;
        }
        if (Bytes.indexOf(a, '/') >= 0) {
            emit(Bytes.indexOf(a, '/') + 1, LintCode.TR018, dialect.id() + "'s tcprules knows no CIDR: "
                    + Texts.quoted(a) + " is stored as text and never matches",
                    "use dotted prefixes (10.) or ranges (192.0.2.0-127), or compile with ucspi-tcp6 (--dialect=tcp6)");
            return;
        }
        emit(1, LintCode.TR018, Texts.quoted(a) + " is not an IP address, a prefix ending in '.', =host or info@:"
                + " servers compare it with the remote IP as text, so it never matches",
                Bytes.indexOf(a, '*') >= 0 ? "for every host under a domain write =.domain"
                        : "for a host name write =" + Texts.show(a));
    }

    private void host() {
        for (int i = 1; i < a.length; i++) {
            if (a[i] == '*') {
                emit(i + 1, LintCode.TR018, "'*' is no wildcard: " + Texts.quoted(a) + " only matches a host named so",
                        "for every host under a domain write =.domain");
                return;
            }
        }
    }

    private void info(int at) {
        int from = at + 1;
        int column = from + 1;
        if (from == a.length) {
            emit(column, LintCode.TR034, Texts.quoted(a) + " has nothing after '@': it never matches",
                    "write user@IP or user@=host");
            return;
        }
        if (a[from] == '=') {
            return;
        }
        String rest = Texts.show(a, from, a.length);
        if (rest.indexOf('/') >= 0) {
            emit(column, LintCode.TR034, "info@ with a network (" + rest + "): servers only look up info@IP, so it never matches",
                    "write one user@IP rule per address, or drop the user@ part");
            return;
        }
        if (rest.indexOf('-') >= 0 && DottedIpv4.isDotted(a, from, a.length) == false && rest.matches("[0-9.-]+")) {
            emit(column, LintCode.TR034, "a range after '@' is not expanded: " + Texts.quoted(a) + " is stored as text and never matches",
                    "write one user@IP rule per address");
            return;
        }
        if (DottedIpv4.isDotted(a, from, a.length)) {
            DottedIpv4.Shape s = DottedIpv4.read(a, from, a.length);
            if (s.servable() && s.prefix()) {
                emit(column, LintCode.TR034, "info@ with a prefix (" + rest + "): servers only look up info@IP, so it never matches",
                        "write one user@IP rule per address, or drop the user@ part");
                return;
            }
            dotted(a, from, a.length, from, null);
            return;
        }
        if (dialect == Dialect.FEFE && rest.indexOf(':') >= 0) {
            if (a[a.length - 1] == ':') {
                emit(column, LintCode.TR034, "info@ with a prefix (" + rest + "): servers only look up info@IP, so it never matches",
                        "write one user@IP rule per address, or drop the user@ part");
                return;
            }
            fefeIpv6(from);
            return;
        }
        emit(column, LintCode.TR018, Texts.quoted(a) + ": after '@' comes neither an IP address nor =host, so it never matches",
                "write user@IP or user@=host");
    }

    /**
     * Checks digits-and-dots text {@code b[from..to)}; {@code column0} is the 0-based column of
     * {@code b[from]}... unless {@code map} turns key offsets into columns (ranges).
     */
    private void dotted(byte[] b, int from, int to, int column0, java.util.function.IntUnaryOperator map) {
        DottedIpv4.Shape s = DottedIpv4.read(b, from, to);
        if (s.servable()) {
            return;
        }
        DottedIpv4.Issue issue = s.issue();
        int column = map != null ? map.applyAsInt(issue.offset()) : column0 + issue.offset() + 1;
        String text = Texts.show(b, from, to);
        String part = Texts.show(b, from + issue.offset(), from + issue.offset() + issue.length());
        switch (issue.problem()) {
            case OCTET_OVER_255 -> emit(column, LintCode.TR010, "octet " + part + " in " + text
                    + " is over 255: no address is written so, the rule never matches", "octets are 0..255");
            case EMPTY_OCTET -> emit(column, LintCode.TR010, "empty octet in " + text + ": the rule never matches",
                    "remove the extra '.'");
            case TOO_MANY_OCTETS -> emit(column, LintCode.TR010, text + " has more than four octets"
                    + (s.prefix() && s.octets() == 4 ? " (a prefix ends after at most three)" : "") + ": the rule never matches",
                    s.prefix() && s.octets() == 4 ? "remove the final '.'" : "an IPv4 address has four octets");
            case INCOMPLETE -> emit(column, LintCode.TR010, text + " is neither an address (four octets) nor a prefix (ending in '.'):"
                    + " the rule never matches", "for the prefix write " + text + ".");
            case LEADING_ZERO -> emit(column, LintCode.TR011, "octet " + part + " in " + text
                    + " has a leading zero: servers compare text and never write one, the rule never matches",
                    "write " + canonical(b, from, to));
        }
    }

    private static String canonical(byte[] b, int from, int to) {
        StringBuilder s = new StringBuilder();
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i < to && b[i] != '.') {
                continue;
            }
            if (i > start) {
                String octet = Texts.show(b, start, i).replaceFirst("^0+(?=.)", "");
                s.append(octet);
            }
            if (i < to) {
                s.append('.');
            }
            start = i + 1;
        }
        return s.toString();
    }

    // ---- ranges ----

    private void range(Address.Range r) {
        int dash = Bytes.indexOf(a, '-');
        int tailStart = a.length - r.tail().length;
        if (keys.isEmpty()) {
            String numbers = Texts.show(a, r.head().length, tailStart);
            String why = Long.compareUnsigned(r.low(), 255) > 0 ? "the first number is over 255"
                    : r.highEmpty() ? "an empty last number counts as 0"
                    : "the first number is larger than the last";
            emit(dash + 1, LintCode.TR022, "range " + numbers + " gives no address (" + why + "): tcprules adds no record",
                    "write FIRST-LAST with FIRST <= LAST <= 255");
            return;
        }
        if (Long.compareUnsigned(r.high(), 255) > 0) {
            emit(dash + 2, LintCode.TR023, "range end " + Texts.show(a, dash + 1, tailStart) + " is over 255: tcprules stops at 255",
                    "write " + Texts.show(a, r.head().length, dash) + "-255");
        }
        byte[] key = keys.get(0);
        if (DottedIpv4.isDotted(key)) {
            int head = r.head().length;
            int number = key.length - head - r.tail().length;
            dotted(key, 0, key.length, 0, offset -> offset < head ? offset + 1
                    : offset < head + number ? head + 1
                    : tailStart + (offset - head - number) + 1);
            return;
        }
        emit(1, LintCode.TR018, "the range gives keys like " + Texts.quoted(key)
                + " that are not IP addresses or prefixes: the rule never matches", "ranges only work in dotted IPv4");
    }

    // ---- ucspi-tcp6 networks and IPv6 ----

    private void ipv4Cidr(Address.Ipv4Cidr c) {
        int slash = Bytes.indexOf(a, '/');
        int used = usedByCidrAddress(slash);
        if (used < slash) {
            emit(used + 1, LintCode.TR013, "ucspi-tcp6 ignores " + Texts.quoted(Arrays.copyOfRange(a, used, slash))
                    + " after the fourth octet: this is " + DottedIpv4.text(DottedIpv4.value(c.ip())) + "/" + c.prefix(),
                    "write " + DottedIpv4.text(DottedIpv4.value(c.ip())) + "/" + c.prefix());
        }
        long ip = DottedIpv4.value(c.ip());
        long network = ip & (0xffffffffL << (32 - c.prefix())) & 0xffffffffL;
        if (network != ip) {
            String net = DottedIpv4.text(network) + "/" + c.prefix();
            emit(1, LintCode.TR020, "host bits set: " + Texts.show(a) + " is the network " + net + " (its host bits are dropped)",
                    "write " + net);
        }
        if (c.prefix() == 1) {
            emit(slash + 2, LintCode.TR021, "/1 is never looked up by the C servers (ucspi-tcp6, ucspi-ssl stop at /2); only ucspi4j matches it",
                    "write two /2 networks: " + DottedIpv4.text(network) + "/2 and " + DottedIpv4.text(network | 0x40000000L) + "/2");
        }
    }

    /** How many bytes of the address ucspi-tcp6's CIDR reader uses (it stops after the fourth octet). */
    private int usedByCidrAddress(int slash) {
        int at = 0;
        for (int octet = 0; octet < 4; octet++) {
            while (at < slash && a[at] >= '0' && a[at] <= '9') {
                at++;
            }
            if (octet == 3 || at >= slash || a[at] != '.') {
                return at;
            }
            at++;
        }
        return at;
    }

    private void ipv6Exact(Address.Ipv6Exact e) {
        int from = e.user() == null ? 0 : e.user().length + 1;
        if (Ipv6Forms.strict(a, from, a.length) == null) {
            String read = Ipv6Text.compact(e.ip());
            emit(from + 1, LintCode.TR013, Texts.quoted(Arrays.copyOfRange(a, from, a.length))
                    + " is not an IPv6 address; ucspi-tcp6 reads it leniently as " + read, "write " + read + " if that is meant");
            return;
        }
        if (Ipv6Text.isV4Mapped(e.ip())) {
            String v4 = DottedIpv4.text(DottedIpv4.value(Arrays.copyOfRange(e.ip(), 12, 16)));
            emit(from + 1, LintCode.TR015, "IPv4-mapped address: servers look IPv4 peers up as " + v4 + ", so this never matches",
                    "write " + v4);
        }
    }

    private void ipv6Cidr(Address.Ipv6Cidr c) {
        int slash = Bytes.indexOf(a, '/', 0);
        byte[] network = network(c.ip(), c.prefix()); // what the CIDR key (CidrKeys.ipv6) keeps
        if (Ipv6Forms.strict(a, 0, slash) == null) {
            String net = Ipv6Text.compact(network) + "/" + c.prefix();
            emit(1, LintCode.TR013, Texts.quoted(Arrays.copyOf(a, slash)) + " is not an IPv6 address; ucspi-tcp6 reads the network as " + net,
                    "write " + net + " if that is meant");
        } else if (!Arrays.equals(network, c.ip())) {
            String net = Ipv6Text.compact(network) + "/" + c.prefix();
            emit(1, LintCode.TR020, "host bits set: " + Texts.show(a) + " is the network " + net + " (its host bits are dropped)",
                    "write " + net);
        }
        if (c.prefix() == 1) {
            emit(slash + 2, LintCode.TR021, "/1 is never looked up by the C servers (ucspi-tcp6, ucspi-ssl stop at /2); only ucspi4j matches it",
                    "write two /2 networks");
        }
        if (c.prefix() >= 96 && Ipv6Text.isV4Mapped(c.ip())) {
            long v4 = DottedIpv4.value(Arrays.copyOfRange(network, 12, 16));
            String net4 = DottedIpv4.text(v4) + "/" + (c.prefix() - 96);
            emit(1, LintCode.TR015, "IPv4-mapped network: servers look IPv4 peers up as dotted IPv4, so this never matches",
                    c.prefix() > 96 ? "write " + net4 : "write an IPv4 rule");
        }
    }

    /** {@code ip} with all but its first {@code prefix} bits zero. */
    private static byte[] network(byte[] ip, int prefix) {
        byte[] n = new byte[ip.length];
        System.arraycopy(ip, 0, n, 0, prefix / 8);
        if (prefix % 8 != 0) {
            n[prefix / 8] = (byte) (ip[prefix / 8] & (0xff00 >> (prefix % 8)));
        }
        return n;
    }

    // ---- fefe's IPv6 text ----

    private void fefeIpv6(int from) {
        String text = Texts.show(a, from, a.length);
        int column = from + 1;
        if (text.indexOf('.') >= 0) {
            if (text.toLowerCase(java.util.Locale.ROOT).startsWith("::ffff:")) {
                emit(column, LintCode.TR015, "IPv4-mapped address: fefe's tcpserver looks IPv4 peers up as dotted IPv4, so this never matches",
                        "write the dotted IPv4 address or prefix");
            } else {
                emit(column, LintCode.TR012, Texts.quoted(Arrays.copyOfRange(a, from, a.length))
                        + " mixes ':' and '.': fefe's tcpserver writes no IPv6 peer so, the rule never matches", null);
            }
            return;
        }
        if (a[a.length - 1] == ':') {
            byte[] prefix = Arrays.copyOfRange(a, from, a.length);
            List<Ipv6Forms.Cell> cells = Ipv6Forms.fefePrefixCells(prefix);
            if (cells == null) {
                emit(column, LintCode.TR012, Texts.quoted(prefix) + " is not IPv6 text: the rule never matches", null);
            } else if (cells.isEmpty()) {
                String lower = spelt(text);
                emit(column, LintCode.TR014, "no address is written with the prefix " + Texts.quoted(prefix)
                        + " (fefe writes lower case, no leading zeros, the longest zero run as '::'): the rule never matches",
                        lower.equals(text) ? null : "write " + lower);
            }
            return;
        }
        byte[] ip = Ipv6Forms.strict(a, from, a.length);
        if (ip == null) {
            emit(column, LintCode.TR012, Texts.quoted(Arrays.copyOfRange(a, from, a.length))
                    + " is not an IPv6 address: stored as text, the rule never matches", null);
            return;
        }
        if (Ipv6Text.isV4Mapped(ip)) {
            String v4 = DottedIpv4.text(DottedIpv4.value(Arrays.copyOfRange(ip, 12, 16)));
            emit(column, LintCode.TR015, "IPv4-mapped address: fefe's tcpserver looks such peers up as " + v4 + ", so this never matches",
                    "write " + v4);
            return;
        }
        String canonical = Ipv6Forms.fefeCompact(ip);
        if (!canonical.equals(text)) {
            emit(column, LintCode.TR014, "fefe's tcpserver writes this address as " + canonical + " and compares text: "
                    + Texts.quoted(Arrays.copyOfRange(a, from, a.length)) + " never matches", "write " + canonical);
        }
    }

    /** Lower case, no leading zeros per group. */
    private static String spelt(String text) {
        StringBuilder s = new StringBuilder();
        String[] parts = text.toLowerCase(java.util.Locale.ROOT).split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                s.append(':');
            }
            s.append(parts[i].replaceFirst("^0+(?=.)", ""));
        }
        return s.toString();
    }

    private static int lastIndexOf(byte[] b, char c) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
