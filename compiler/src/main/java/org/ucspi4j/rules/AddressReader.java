package org.ucspi4j.rules;

import java.util.Arrays;
import org.ucspi4j.lookup.Bytes;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.Ipv4Text;
import org.ucspi4j.lookup.Ipv6Text;

/**
 * Turns a rule's address bytes into an {@link Address} the way its dialect does. 0.88 and fefe:
 * verbatim, except a range where the address has a '-' and no '=' or '@'. ucspi-tcp6 checks, in
 * order: '=' (verbatim), '@' (user@IPv6 when it has ':' and no '/', else verbatim), no ':' (IPv4
 * CIDR with '/', a range with '-', else verbatim), ':' (IPv6 CIDR with '/', else IPv6).
 */
public final class AddressReader {
    private final Dialect dialect;
    private final RuleLineParser parser;

    public AddressReader(RuleLineParser parser) {
        this.dialect = parser.dialect();
        this.parser = parser;
    }

    public Address read(RuleLine.Rule rule) throws RuleSyntaxException {
        byte[] a = rule.address();
        int has = bytes(a, 0, a.length);
        if (isVerbatim(has)) {
            return new Address.Verbatim(a);
        }
        if (isRange(has)) {
            return range(rule);
        }
        // ucspi-tcp6 only, from here on
        boolean slash = (has & SLASH) != 0;
        if ((has & AT) != 0) { // with a ':' and no '/'
            int i = Bytes.indexOf(a, '@');
            byte[] ip = Ipv6Text.scan(a, i + 1, a.length - i - 1);
            if (ip == null) {
                throw error(rule, RuleSyntaxException.Kind.IPV6, i + 2, "not an IPv6 address after '@'");
            }
            return new Address.Ipv6Exact(Arrays.copyOf(a, i), ip);
        }
        if ((has & COLON) == 0) { // with a '/'
            return ipv4Cidr(rule);
        }
        if (slash) {
            return ipv6Cidr(rule);
        }
        byte[] ip = Ipv6Text.scan(a);
        if (ip == null) {
            throw error(rule, RuleSyntaxException.Kind.IPV6, 1, "not an IPv6 address");
        }
        return new Address.Ipv6Exact(null, ip);
    }

    /**
     * Whether the dialect stores the address {@code a[from..from+length)} as written (one key, the
     * address itself, {@link Address.Verbatim}): what {@link #read} decides first.
     */
    boolean isVerbatim(byte[] a, int from, int length) {
        return isVerbatim(bytes(a, from, length));
    }

    private boolean isVerbatim(int has) {
        if (isRange(has)) {
            return false;
        }
        if (dialect != Dialect.TCP6 || (has & EQUALS) != 0) {
            return true;
        }
        boolean colon = (has & COLON) != 0;
        boolean slash = (has & SLASH) != 0;
        if ((has & AT) != 0) {
            return !colon || slash;
        }
        return !colon && !slash;
    }

    private static final int EQUALS = 1;
    private static final int AT = 2;
    private static final int COLON = 4;
    private static final int SLASH = 8;
    private static final int DASH = 16;

    /** Which of '=', '@', ':', '/', '-' occur in {@code a[from..from+length)}. */
    private static int bytes(byte[] a, int from, int length) {
        int has = 0;
        for (int i = from, end = from + length; i < end; i++) {
            has |= switch (a[i]) {
                case '=' -> EQUALS;
                case '@' -> AT;
                case ':' -> COLON;
                case '/' -> SLASH;
                case '-' -> DASH;
                default -> 0;
            };
        }
        return has;
    }

    /**
     * Whether the dialect reads the address {@code a[from..from+length)} as a 0.88 range: it has a '-'
     * and no '=' or '@' (0.88, fefe); in ucspi-tcp6 also no ':' and no '/'.
     */
    boolean isRange(byte[] a, int from, int length) {
        return isRange(bytes(a, from, length));
    }

    private boolean isRange(int has) {
        if ((has & (DASH | EQUALS | AT)) != DASH) {
            return false;
        }
        return dialect != Dialect.TCP6 || (has & (COLON | SLASH)) == 0;
    }

    private Address range(RuleLine.Rule rule) throws RuleSyntaxException {
        byte[] a = rule.address();
        RuleLineParser.RangeParts p = parser.rangeParts(a);
        if (p == null) {
            throw error(rule, RuleSyntaxException.Kind.PARSE, Bytes.indexOf(a, '-') + 1,
                    "a range needs digits (or nothing) on both sides of its first '-', inside one dotted part");
        }
        return new Address.Range(Arrays.copyOf(a, p.headEnd()),
                number(a, p.lowStart(), p.lowEnd()), number(a, p.highStart(), p.highEnd()),
                Arrays.copyOfRange(a, p.tailStart(), a.length),
                p.lowStart() == p.lowEnd(), p.highStart() == p.highEnd());
    }

    private Address ipv4Cidr(RuleLine.Rule rule) throws RuleSyntaxException {
        byte[] a = rule.address();
        int slash = Bytes.indexOf(a, '/');
        long prefix = prefixLength(rule, slash);
        if (prefix == 0 || Long.compareUnsigned(prefix, 32) > 0) {
            throw error(rule, RuleSyntaxException.Kind.PREFIX_LENGTH, slash + 2,
                    "IPv4 prefix length " + Long.toUnsignedString(prefix) + " is not 1..32");
        }
        Ipv4Text.CidrAddress ip = Ipv4Text.cidrAddress(a, 0, slash);
        if (ip == null) {
            throw error(rule, RuleSyntaxException.Kind.IPV4_CIDR, 1,
                    "not a dotted IPv4 address (1 to 4 decimal octets, each 0..255) before '/'");
        }
        return new Address.Ipv4Cidr(ip.ip(), (int) prefix, ip.octets());
    }

    private Address ipv6Cidr(RuleLine.Rule rule) throws RuleSyntaxException {
        byte[] a = rule.address();
        int slash = Bytes.indexOf(a, '/');
        long prefix = prefixLength(rule, slash);
        if (Long.compareUnsigned(prefix, 128) > 0) {
            throw error(rule, RuleSyntaxException.Kind.PREFIX_LENGTH, slash + 2,
                    "IPv6 prefix length " + Long.toUnsignedString(prefix) + " is over 128");
        }
        byte[] ip = Ipv6Text.scan(a, 0, slash);
        if (ip == null) {
            throw error(rule, RuleSyntaxException.Kind.IPV6_CIDR, 1, "not an IPv6 address before '/'");
        }
        if (prefix == 0) {
            throw error(rule, RuleSyntaxException.Kind.IPV6_CIDR, slash + 2, "IPv6 prefix length 0");
        }
        return new Address.Ipv6Cidr(ip, (int) prefix);
    }

    /** The digits after the '/', read like the C getnum: digits up to the end (or a NUL); none is 0. */
    private long prefixLength(RuleLine.Rule rule, int slash) throws RuleSyntaxException {
        byte[] a = rule.address();
        long value = 0;
        for (int i = slash + 1; i < a.length && a[i] != 0; i++) {
            if (a[i] < '0' || a[i] > '9') {
                throw error(rule, RuleSyntaxException.Kind.PARSE, i + 1,
                        "prefix length must be decimal digits, found " + RuleLineParser.printable(a[i]));
            }
            value = value * 10 + (a[i] - '0');
        }
        return value;
    }

    /** Decimal digits as an unsigned 64-bit value that wraps, like the C scan_ulong; empty is 0. */
    static long number(byte[] a, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (a[i] - '0');
        }
        return v;
    }

    private static RuleSyntaxException error(RuleLine.Rule rule, RuleSyntaxException.Kind kind, int column,
            String detail) {
        return new RuleSyntaxException(kind, rule.number(), column, rule.text(), detail);
    }
}
