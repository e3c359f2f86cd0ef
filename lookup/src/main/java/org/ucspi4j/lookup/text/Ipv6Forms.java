package org.ucspi4j.lookup.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ucspi4j.lookup.Bytes;

/**
 * IPv6 text beyond what the servers' own codecs ({@link org.ucspi4j.lookup.Ipv6Text}) need: a strict
 * RFC 4291 reader (to tell what ucspi-tcp6 accepts leniently), and fefe's spelling. fefe's patched
 * tcpserver writes an IPv6 peer in lower case without leading zeros and replaces the longest run of
 * zero groups (the first on ties, even a single group) by {@code ::}; tcprules stores the text as
 * written and the lookup compares text, so only that spelling and its prefixes ending in {@code :}
 * can match.
 */
public final class Ipv6Forms {
    private Ipv6Forms() {}

    /** The 16 bytes of strict IPv6 text (hex groups, at most one {@code ::}, an optional dotted tail), or null. */
    public static byte[] strict(byte[] text, int from, int to) {
        int dc = -1;
        for (int i = from; i + 1 < to; i++) {
            if (text[i] == ':' && text[i + 1] == ':') {
                if (dc >= 0) {
                    return null;
                }
                dc = i;
                i++;
            }
        }
        List<int[]> left;
        List<int[]> right;
        if (dc < 0) {
            left = groups(text, from, to, true);
            right = List.of();
        } else {
            left = dc == from ? List.of() : groups(text, from, dc, false);
            right = dc + 2 == to ? List.of() : groups(text, dc + 2, to, true);
        }
        if (left == null || right == null) {
            return null;
        }
        int count = 0;
        for (int[] g : left) {
            count += g.length;
        }
        for (int[] g : right) {
            count += g.length;
        }
        if (dc < 0 ? count != 8 : count > 7) {
            return null;
        }
        int[] all = new int[8];
        int at = 0;
        for (int[] g : left) {
            for (int v : g) {
                all[at++] = v;
            }
        }
        at = 8;
        for (int k = right.size() - 1; k >= 0; k--) {
            int[] g = right.get(k);
            for (int j = g.length - 1; j >= 0; j--) {
                all[--at] = g[j];
            }
        }
        byte[] ip = new byte[16];
        for (int i = 0; i < 8; i++) {
            ip[2 * i] = (byte) (all[i] >> 8);
            ip[2 * i + 1] = (byte) all[i];
        }
        return ip;
    }

    public static byte[] strict(byte[] text) {
        return strict(text, 0, text.length);
    }

    /**
     * Colon-separated groups of {@code text[from..to)}: each one hex group (one value) or, last and
     * only where {@code tailAllowed}, a dotted quad (two values). Null if any part is malformed.
     */
    private static List<int[]> groups(byte[] text, int from, int to, boolean tailAllowed) {
        List<int[]> out = new ArrayList<>();
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i < to && text[i] != ':') {
                continue;
            }
            int len = i - start;
            if (len == 0) {
                return null;
            }
            boolean last = i == to;
            if (last && tailAllowed && Bytes.indexOf(text, '.', start) >= 0 && Bytes.indexOf(text, '.', start) < to) {
                long v4 = quad(text, start, to);
                if (v4 < 0) {
                    return null;
                }
                out.add(new int[] {(int) (v4 >>> 16), (int) (v4 & 0xffff)});
            } else {
                if (len > 4) {
                    return null;
                }
                int v = 0;
                for (int k = start; k < i; k++) {
                    int d = Character.digit(text[k], 16);
                    if (d < 0) {
                        return null;
                    }
                    v = v << 4 | d;
                }
                out.add(new int[] {v});
            }
            start = i + 1;
        }
        return out;
    }

    private static long quad(byte[] text, int from, int to) {
        if (!DottedIpv4.isDotted(text, from, to)) {
            return -1;
        }
        DottedIpv4.Shape s = DottedIpv4.read(text, from, to);
        return s.servable() && !s.prefix() ? s.ip() : -1;
    }

    /** fefe's spelling of an address (see the class comment); IPv4-mapped addresses never reach it. */
    public static String fefeCompact(byte[] ip) {
        int[] g = groups(ip);
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
        StringBuilder s = new StringBuilder(39);
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

    private static int[] groups(byte[] ip) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (ip[2 * i] & 0xff) << 8 | (ip[2 * i + 1] & 0xff);
        }
        return g;
    }

    // ---- fefe text prefixes ----

    /** Per-group constraint in a {@link Cell}: a value 0..0xffff, or one of these. */
    private static final int ANY = -1;
    private static final int NONZERO = -2;

    /** A set of addresses: the product of one constraint per group. */
    public record Cell(int[] groups) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Cell c && java.util.Arrays.equals(groups, c.groups);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(groups);
        }
    }

    /**
     * The addresses whose fefe spelling starts with {@code prefix} (text ending in ':'), as cells;
     * empty if none can, null if the text is not colon-hex text this analysis handles.
     */
    public static List<Cell> fefePrefixCells(byte[] prefix) {
        int n = prefix.length;
        if (n == 0 || prefix[n - 1] != ':') {
            return null;
        }
        for (byte b : prefix) {
            if (b != ':' && Character.digit(b, 16) < 0) {
                return null;
            }
        }
        int dc = -1;
        for (int i = 0; i + 1 < n; i++) {
            if (prefix[i] == ':' && prefix[i + 1] == ':') {
                if (dc >= 0 || i + 2 < n && prefix[i + 2] == ':') {
                    return List.of(); // ":::" or two "::": no address is spelt so
                }
                dc = i;
                i++;
            }
        }
        List<Integer> left;
        List<Integer> right;
        if (dc < 0) {
            left = tokens(prefix, 0, n - 1);
            right = null;
        } else {
            left = dc == 0 ? List.of() : tokens(prefix, 0, dc);
            right = dc + 2 == n ? List.of() : tokens(prefix, dc + 2, n - 1);
        }
        if (left == null || dc >= 0 && right == null) {
            return List.of(); // a group fefe never prints (upper case, leading zeros, too long, empty)
        }
        if (dc < 0 && left.size() <= 7 && !left.contains(0)) {
            // non-zero groups only: no zero run can start among them, so every address with them matches
            int[] cell = new int[8];
            java.util.Arrays.fill(cell, ANY);
            for (int i = 0; i < left.size(); i++) {
                cell[i] = left.get(i);
            }
            return List.of(new Cell(cell));
        }
        Set<Cell> cells = new HashSet<>();
        for (int z = 0; z < 256; z++) {
            int[] run = longestZeroRun(z);
            int s = run[0];
            int r = run[1];
            int[] cell = new int[8];
            for (int i = 0; i < 8; i++) {
                cell[i] = (z >> i & 1) != 0 ? NONZERO : 0;
            }
            int j = left.size();
            if (!fits(left, z, 0)) {
                continue;
            }
            if (dc < 0) {
                if (j > 7 || s >= 0 && s < j) {
                    continue;
                }
            } else {
                if (s != j) {
                    continue;
                }
                int m = right.size();
                if (m > 0 && j + r + m > 7) {
                    continue;
                }
                if (!fits(right, z, j + r)) {
                    continue;
                }
                for (int t = 0; t < m; t++) {
                    cell[j + r + t] = right.get(t);
                }
            }
            for (int i = 0; i < j; i++) {
                cell[i] = left.get(i);
            }
            cells.add(new Cell(cell));
        }
        return merge(cells);
    }

    /** Whether the tokens' zero-ness matches pattern {@code z} at groups {@code at..}. */
    private static boolean fits(List<Integer> tokens, int z, int at) {
        for (int t = 0; t < tokens.size(); t++) {
            if (at + t > 7 || (tokens.get(t) != 0) != ((z >> (at + t) & 1) != 0)) {
                return false;
            }
        }
        return true;
    }

    /** {start, length} of the first longest run of zero groups in pattern z (bit i set = group i nonzero); start -1 if none. */
    private static int[] longestZeroRun(int z) {
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8;) {
            if ((z >> i & 1) != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && (z >> j & 1) == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        return new int[] {bestStart, bestLength};
    }

    /** Canonical groups (lower-case hex, no leading zeros) separated by ':'; null if any is not. */
    private static List<Integer> tokens(byte[] text, int from, int to) {
        List<Integer> out = new ArrayList<>();
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i < to && text[i] != ':') {
                continue;
            }
            int len = i - start;
            if (len == 0 || len > 4 || len > 1 && text[start] == '0') {
                return null;
            }
            int v = 0;
            for (int k = start; k < i; k++) {
                byte b = text[k];
                if (b >= 'A' && b <= 'F') {
                    return null;
                }
                v = v << 4 | Character.digit(b, 16);
            }
            out.add(v);
            start = i + 1;
        }
        return out;
    }

    /** Merges cells that differ only in one group, zero in one and non-zero in the other, until none do. */
    private static List<Cell> merge(Set<Cell> input) {
        Set<Cell> cells = new HashSet<>(input);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int p = 7; p >= 0; p--) {
                Set<Cell> next = new HashSet<>();
                Set<Cell> used = new HashSet<>();
                for (Cell c : cells) {
                    if (c.groups()[p] != 0) {
                        continue;
                    }
                    int[] other = c.groups().clone();
                    other[p] = NONZERO;
                    Cell partner = new Cell(other);
                    if (cells.contains(partner)) {
                        int[] merged = c.groups().clone();
                        merged[p] = ANY;
                        next.add(new Cell(merged));
                        used.add(c);
                        used.add(partner);
                    }
                }
                if (!used.isEmpty()) {
                    for (Cell c : cells) {
                        if (!used.contains(c)) {
                            next.add(c);
                        }
                    }
                    cells = next;
                    changed = true;
                }
            }
        }
        List<Cell> out = new ArrayList<>(cells);
        out.sort((a, b) -> java.util.Arrays.compare(a.groups(), b.groups()));
        return out;
    }

    /** An IPv6 network: address (host bits zero) and prefix length 1..128. */
    public record Network(byte[] ip, int prefix) {}

    /**
     * The networks that make up {@code cells}, or null when a cell is not a run of fixed groups,
     * at most one non-zero group, then free groups (anything else needs thousands of networks).
     * A cell without a fixed group yields the whole space as {@code ::/0} (prefix 0).
     */
    public static List<Network> networks(List<Cell> cells) {
        List<Network> out = new ArrayList<>();
        for (Cell c : cells) {
            int[] g = c.groups();
            int last = 7;
            while (last >= 0 && g[last] == ANY) {
                last--;
            }
            byte[] ip = new byte[16];
            for (int i = 0; i < last; i++) {
                if (g[i] < 0) {
                    return null;
                }
                ip[2 * i] = (byte) (g[i] >> 8);
                ip[2 * i + 1] = (byte) g[i];
            }
            if (last < 0) {
                out.add(new Network(ip, 0));
            } else if (g[last] >= 0) {
                ip[2 * last] = (byte) (g[last] >> 8);
                ip[2 * last + 1] = (byte) g[last];
                out.add(new Network(ip, 16 * (last + 1)));
            } else {
                // non-zero: the group's first 1 bit at each of the 16 positions
                for (int b = 0; b < 16; b++) {
                    byte[] n = ip.clone();
                    int v = 0x8000 >>> b;
                    n[2 * last] = (byte) (v >> 8);
                    n[2 * last + 1] = (byte) v;
                    out.add(new Network(n, 16 * last + b + 1));
                }
            }
        }
        return out;
    }
}
