package org.ucspi4j.lookup;

import java.util.Locale;

/**
 * The three tcprules dialects. They share the line rules (comments, blank lines, trailing blanks,
 * instruction syntax, cdb values) and differ in which ':' ends the address, how an address becomes
 * keys, how a connection is looked up, and how errors are reported.
 */
public enum Dialect {
    /** fehcom ucspi-tcp6 1.11.4: IPv4/IPv6 CIDR, normalised IPv6; what sslserver reads. */
    TCP6,
    /** DJB ucspi-tcp 0.88. */
    DJB,
    /** ucspi-tcp 0.88 with fefe's IPv6 patch (Debian's ucspi-tcp-ipv6). */
    FEFE;

    /** Parses {@code tcp6}, {@code djb}, {@code fefe} (any case). */
    public static Dialect of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Exit code of a syntax error in the rules: tcp6 exits 101, the 0.88 tools 100. */
    public int syntaxExit() {
        return this == TCP6 ? 101 : 100;
    }

    /** Result of {@link #separator}: where the address ends, or that the line holds no rule. */
    public static final int IGNORED = -1;

    /** fefe: no ':' is followed by allow/deny (the C tool loops forever here; we report an error). */
    public static final int NO_DECISION = -3;

    /**
     * The index of the ':' that ends the address in {@code line[0..length)} (already stripped), or
     * {@link #IGNORED}, {@link #NO_DECISION}. In ucspi-tcp6 it is the last ':' before the first ',';
     * with no ':' there, the ',' itself ends the address ({@code 192.0.2.9,allow} is a rule).
     */
    public int separator(byte[] line, int length) {
        return separator(line, 0, length);
    }

    /** As {@link #separator(byte[], int)} for the line {@code line[offset..offset+length)}; the index counts from offset. */
    public int separator(byte[] line, int offset, int length) {
        int end = offset + length;
        return switch (this) {
            case DJB -> {
                for (int i = offset; i < end; i++) {
                    if (line[i] == ':') {
                        yield i - offset;
                    }
                }
                yield IGNORED;
            }
            case FEFE -> {
                for (int i = offset; i < end; i++) {
                    if (line[i] == ':' && (startsWith(line, i + 1, end, "deny") || startsWith(line, i + 1, end, "allow"))) {
                        yield i - offset;
                    }
                }
                yield NO_DECISION;
            }
            case TCP6 -> {
                int comma = end;
                for (int i = offset; i < end; i++) {
                    if (line[i] == ',') {
                        comma = i;
                        break;
                    }
                }
                for (int i = comma - 1; i >= offset; i--) {
                    if (line[i] == ':') {
                        yield i - offset;
                    }
                }
                yield comma < end ? comma - offset : IGNORED;
            }
        };
    }

    private static boolean startsWith(byte[] line, int at, int end, String word) {
        if (at + word.length() > end) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (line[at + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
