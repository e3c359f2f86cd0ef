package org.ucspi4j.rules.lint;

/**
 * The lint checks. Codes are stable: a check may change its wording, never its code; new checks
 * get new codes. docs/lint-codes.md lists them.
 */
public enum LintCode {
    // ---- the line does not compile ----
    TR001(Severity.ERROR, "syntax-error", "Syntax error: the dialect's tcprules rejects this line (and so the whole file)."),
    TR002(Severity.ERROR, "invalid-prefix-length", "Invalid CIDR prefix length (IPv4 1..32, IPv6 1..128; /0 is never allowed)."),
    TR003(Severity.ERROR, "invalid-ipv6-address", "ucspi-tcp6 cannot read any IPv6 address from the text."),
    TR004(Severity.ERROR, "invalid-ipv6-cidr", "ucspi-tcp6 cannot read the IPv6 network (bad address before '/', or /0)."),
    TR005(Severity.ERROR, "invalid-ipv4-cidr", "ucspi-tcp6 cannot read the IPv4 network before '/'."),
    TR006(Severity.ERROR, "crlf-line-end", "The line ends with a carriage return: a CRLF (DOS) file, which every tcprules rejects."),
    TR007(Severity.ERROR, "fefe-hang", "No ':' is followed by allow or deny: Debian's fefe tcprules loops forever on such a line."),

    // ---- addresses no server ever produces ----
    TR010(Severity.WARNING, "invalid-ipv4", "Dotted IPv4 that no server writes (octet over 255, empty octet, too many octets, or neither four octets nor a prefix ending in '.'): never matches."),
    TR011(Severity.WARNING, "ipv4-leading-zero", "IPv4 octet with a leading zero: keys are compared as text and servers never write leading zeros, so it never matches."),
    TR012(Severity.WARNING, "invalid-ipv6", "fefe: text with ':' that is not an IPv6 address or prefix; stored as text, it never matches."),
    TR013(Severity.WARNING, "lenient-address", "ucspi-tcp6 reads the address leniently and means something other than what is written (1::2::3, 12345::1, fe80::1%eth0, text after the fourth octet of a CIDR address)."),
    TR014(Severity.WARNING, "ipv6-spelling", "fefe: IPv6 text not spelt the way the server writes addresses (upper case, leading zeros, not compressed), or a prefix no address's text starts with: never matches."),
    TR015(Severity.WARNING, "ipv4-mapped", "IPv4-mapped IPv6 address or network: servers look IPv4 peers up as dotted IPv4, so it never matches."),
    TR016(Severity.WARNING, "blank-around-address", "Blank before or after the address: it is part of the key, so the rule never matches."),
    TR017(Severity.WARNING, "control-in-address", "Control character (\\r, NUL, ...) in the address: the rule never matches."),
    TR018(Severity.WARNING, "dead-key", "Key no server looks up: not an IP address, dotted prefix, =host, =.suffix or info@ form (for instance a host name without '=', a wildcard, or CIDR under djb/fefe)."),

    // ---- networks and ranges ----
    TR020(Severity.WARNING, "cidr-host-bits", "CIDR address with host bits set: they are dropped, the rule is for the whole network."),
    TR021(Severity.WARNING, "cidr-slash-one", "A /1 network: the C servers (ucspi-tcp6, ucspi-ssl) never look /1 up, only ucspi4j does."),
    TR022(Severity.WARNING, "empty-range", "Range that expands to nothing: tcprules adds no record for the line."),
    TR023(Severity.WARNING, "clamped-range", "Range end over 255: tcprules silently stops at 255."),

    // ---- the rule set ----
    TR030(Severity.WARNING, "duplicate-address", "Duplicate address: an earlier rule has the same key and always wins; this one is dead."),
    TR031(Severity.WARNING, "shadowed-rule", "Shadowed: a rule that the lookup tries earlier covers every address of this one (an exact IP or dotted prefix beats any CIDR)."),
    TR032(Severity.INFO, "overlap-opposite-decision", "The rule overlaps a wider one with the opposite decision; says which one wins for which addresses."),
    TR033(Severity.INFO, "no-default-rule", "No default rule (empty address, e.g. ':deny'): connections no rule matches are allowed."),
    TR034(Severity.WARNING, "info-at-prefix", "info@ with a prefix, range or CIDR network: servers only look up info@IP and info@=host, so it never matches."),

    // ---- environment variables ----
    TR040(Severity.WARNING, "empty-variable-name", "Empty environment variable name."),
    TR041(Severity.WARNING, "bad-variable-name", "Environment variable name with blanks or control characters."),
    TR042(Severity.WARNING, "variable-set-twice", "The same variable is set twice in one rule: the last value wins."),
    TR043(Severity.WARNING, "nul-in-value", "Value holding a NUL byte: the server cuts the value there and reads the rest as further entries (a 'D' there denies)."),
    TR044(Severity.INFO, "settings-on-deny", "Variables on a deny rule are never set."),
    TR045(Severity.INFO, "unusual-quote", "Value quoted with a letter, digit or blank: legal, but easy to misread."),
    TR046(Severity.INFO, "variable-name-not-identifier", "Variable name that is not a shell identifier ([A-Za-z_][A-Za-z0-9_]*)."),

    // ---- dialects and lines ----
    TR050(Severity.WARNING, "dialect-portability", "The line means something else to another dialect's tcprules (names both meanings)."),
    TR051(Severity.WARNING, "ignored-line", "A line with no separator is silently ignored (a forgotten ':allow'?).");

    private final Severity severity;
    private final String name;
    private final String description;

    LintCode(Severity severity, String name, String description) {
        this.severity = severity;
        this.name = name;
        this.description = description;
    }

    public Severity severity() {
        return severity;
    }

    /** A short kebab-case name, e.g. {@code duplicate-address}. */
    public String title() {
        return name;
    }

    /** One sentence on what the check finds. */
    public String description() {
        return description;
    }
}
