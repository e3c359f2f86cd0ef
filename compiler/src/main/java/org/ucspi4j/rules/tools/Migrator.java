package org.ucspi4j.rules.tools;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ucspi4j.lookup.Bytes;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.Ipv6Text;
import org.ucspi4j.lookup.Query;
import org.ucspi4j.lookup.Verdict;
import org.ucspi4j.lookup.text.DottedIpv4;
import org.ucspi4j.lookup.text.Ipv6Forms;
import org.ucspi4j.lookup.text.KeyMeaning;
import org.ucspi4j.lookup.text.Texts;
import org.ucspi4j.rules.Address;
import org.ucspi4j.rules.AddressReader;
import org.ucspi4j.rules.LineSource;
import org.ucspi4j.rules.RuleLine;
import org.ucspi4j.rules.RuleLineParser;
import org.ucspi4j.rules.RuleSyntaxException;

/**
 * Rewrites a djb or fefe ruleset so that ucspi-tcp6 reads it with the same meaning: every
 * connection gets the same decision and variables. Lines that already mean the same are kept byte
 * for byte, comments and order too. What changes: rules that never matched but would under
 * ucspi-tcp6 (CIDR-looking literals, '_' keys) and lines the old tool ignored are commented out;
 * fefe's textual IPv6 prefixes become the CIDR networks of exactly the addresses whose text starts
 * with them; with {@code cidr}, dotted prefixes and ranges become minimal CIDR sets (checked
 * against the old lookups, and kept as they were where a set would change an answer). Where the
 * meaning cannot be kept the result holds refusals and no text.
 */
public final class Migrator {
    /** One rewritten source line. */
    public record Change(long line, String before, List<String> after, String why) {}

    /** A line whose meaning ucspi-tcp6 cannot express. */
    public record Refusal(long line, String text, String why) {}

    public record Result(byte[] text, List<Change> changes, List<Refusal> refusals) {
        public boolean ok() {
            return refusals.isEmpty();
        }
    }

    private final Dialect from;
    private final boolean cidr;
    private final RuleLineParser source;
    private final AddressReader sourceReader;
    private final RuleLineParser target = new RuleLineParser(Dialect.TCP6);
    private final AddressReader targetReader = new AddressReader(target);

    public Migrator(Dialect from, boolean cidr) {
        if (from == Dialect.TCP6) {
            throw new IllegalArgumentException("migrate reads djb or fefe rules");
        }
        this.from = from;
        this.cidr = cidr;
        this.source = new RuleLineParser(from);
        this.sourceReader = new AddressReader(source);
    }

    /** A source line and what replaces it (null: kept as it is). */
    private static final class Line {
        final long number;
        final byte[] raw;
        byte[] text;
        RuleLine.Rule rule;
        Address address;
        List<byte[]> replacement;
        String why;
        /** For --cidr: the fallback if the merged form changes an answer. */
        List<byte[]> fallback;

        Line(long number, byte[] raw) {
            this.number = number;
            this.raw = raw;
        }
    }

    public Result migrate(byte[] input) throws IOException {
        List<Line> lines = new ArrayList<>();
        try {
            LineSource.forEach(new ByteArrayInputStream(input),
                    (n, buf, off, len) -> lines.add(new Line(n, Arrays.copyOfRange(buf, off, off + len))));
        } catch (RuleSyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Refusal> refusals = new ArrayList<>();
        boolean exactHosts = false;
        for (Line l : lines) {
            try {
                RuleLine parsed = source.parse(l.number, l.raw, 0, l.raw.length);
                if (parsed instanceof RuleLine.Rule rule) {
                    l.rule = rule;
                    l.text = rule.text();
                    l.address = sourceReader.read(rule);
                    for (byte[] key : l.address.keys()) {
                        exactHosts |= KeyMeaning.of(from, key).kind() == KeyMeaning.Kind.HOST;
                    }
                } else if (parsed instanceof RuleLine.Skipped) {
                    skipped(l);
                }
            } catch (RuleSyntaxException e) {
                String why = from == Dialect.FEFE && from.separator(e.text(), e.text().length) == Dialect.NO_DECISION
                        ? "fefe's tcprules loops forever on this line" : e.detail();
                refusals.add(new Refusal(l.number, Texts.show(e.text()), "not a valid " + from.id() + " line: " + why));
            }
        }
        if (!refusals.isEmpty()) {
            return new Result(null, List.of(), refusals);
        }
        List<Line> merged = new ArrayList<>();
        for (Line l : lines) {
            if (l.rule != null) {
                rule(l, refusals, exactHosts, merged);
            }
        }
        duplicateNetworks(lines, refusals);
        if (!refusals.isEmpty()) {
            return new Result(null, List.of(), refusals);
        }
        if (!merged.isEmpty()) {
            verifyMerges(input, lines, merged);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(input.length + 64);
        List<Change> changes = new ArrayList<>();
        for (Line l : lines) {
            if (l.replacement == null) {
                out.writeBytes(l.raw);
                continue;
            }
            List<String> after = new ArrayList<>();
            for (byte[] r : l.replacement) {
                out.writeBytes(r);
                out.write('\n');
                after.add(Texts.show(r));
            }
            changes.add(new Change(l.number, Texts.show(strip(l.raw)), after, l.why));
        }
        return new Result(out.toByteArray(), changes, List.of());
    }

    /** A line the old tool ignores: ucspi-tcp6 must ignore it too. */
    private void skipped(Line l) {
        byte[] text = strip(l.raw);
        if (text.length == 0 || Dialect.TCP6.separator(text, text.length) == Dialect.IGNORED) {
            return;
        }
        l.replacement = List.of(Bytes.concat(new byte[] {'#'}, text));
        l.why = from.id() + "'s tcprules ignores this line (no ':'); ucspi-tcp6 would read it, so it is commented out";
    }

    private void rule(Line l, List<Refusal> refusals, boolean exactHosts, List<Line> merged) {
        byte[] instructions = Arrays.copyOfRange(l.text, l.rule.address().length + 1, l.text.length);
        List<byte[]> keys = l.address.keys();
        List<KeyMeaning> meanings = new ArrayList<>();
        for (byte[] key : keys) {
            meanings.add(KeyMeaning.of(from, key));
        }
        List<KeyMeaning> live = meanings.stream().filter(m -> !m.dead()).toList();
        byte[] data = l.rule.instructions().data();
        List<KeyMeaning> asTcp6 = tcp6Meanings(l.text, data);
        boolean alsoPrefix = false;
        for (int k = 0; k < keys.size(); k++) {
            byte[] key = keys.get(k);
            if (meanings.get(k).kind() == KeyMeaning.Kind.IPV6 && key[key.length - 1] == ':') {
                List<byte[]> extra = tcp6Addresses(key, meanings.get(k));
                alsoPrefix |= extra == null || extra.size() > 1;
            }
        }
        if (asTcp6 != null && asTcp6.equals(live) && !alsoPrefix) {
            if (cidr) {
                toCidr(l, instructions, exactHosts, merged);
            }
            return;
        }
        if (live.isEmpty()) {
            l.replacement = List.of(Bytes.concat(new byte[] {'#'}, l.text));
            l.why = "never matched under " + from.id() + " (" + meanings.get(0).describe() + ") but ucspi-tcp6 would "
                    + (asTcp6 == null ? "reject it" : "read " + describe(asTcp6)) + "; commented out";
            return;
        }
        List<byte[]> out = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            KeyMeaning m = meanings.get(k);
            if (m.dead()) {
                continue;
            }
            List<byte[]> addresses = tcp6Addresses(keys.get(k), m);
            if (addresses == null) {
                refusals.add(new Refusal(l.number, Texts.show(l.text), whyNot(keys.get(k), m)));
                return;
            }
            for (byte[] a : addresses) {
                byte[] line = Bytes.concat(a, new byte[] {':'}, instructions);
                List<KeyMeaning> got = tcp6Meanings(line, data);
                boolean network = got != null && got.size() == 1 && got.get(0).kind() == KeyMeaning.Kind.IPV6_NETWORK
                        && Bytes.contains(a, '/');
                if (got == null || !(got.equals(List.of(m)) || network)) {
                    refusals.add(new Refusal(l.number, Texts.show(l.text),
                            "ucspi-tcp6 cannot be made to read " + m.describe() + " from this line"));
                    return;
                }
                out.add(line);
            }
        }
        l.replacement = out;
        l.why = whyChanged(meanings);
    }

    private String whyChanged(List<KeyMeaning> meanings) {
        for (KeyMeaning m : meanings) {
            if (m.kind() == KeyMeaning.Kind.IPV6_TEXT_PREFIX) {
                return "fefe's text prefix " + m.text() + " is exactly these networks for ucspi-tcp6";
            }
            if (m.kind() == KeyMeaning.Kind.IPV6) {
                return "fefe also matches " + m.text() + "'s text as a prefix: the address, then those networks";
            }
        }
        return "ucspi-tcp6 reads the old text differently; written so that it means the same";
    }

    private String whyNot(byte[] key, KeyMeaning m) {
        if (m.kind() == KeyMeaning.Kind.IPV6 && key[key.length - 1] == ':') {
            return "fefe looks " + Texts.show(key) + " up as that address and also as a text prefix, which matches only"
                    + " addresses whose compressed text starts with it; no CIDR set of reasonable size means the same."
                    + " Write " + Texts.show(key) + " (the address) or the intended network yourself";
        }
        if (m.kind() == KeyMeaning.Kind.IPV6_TEXT_PREFIX) {
            return "fefe's prefix " + m.text() + " matches only addresses whose compressed text starts with it"
                    + " (for instance it depends on where '::' falls); no CIDR set of reasonable size means the same."
                    + " Write the intended network (e.g. " + m.text().replaceAll(":+$", "") + "::/NN) yourself";
        }
        if (Bytes.contains(key, ',')) {
            return "ucspi-tcp6 cannot have ',' in an address";
        }
        return "ucspi-tcp6 has no way to write " + m.describe();
    }

    /** The address texts that make ucspi-tcp6 read the meaning {@code m} of a source key; null if none. */
    private List<byte[]> tcp6Addresses(byte[] key, KeyMeaning m) {
        if (Bytes.contains(key, ',')) {
            return null;
        }
        switch (m.kind()) {
            case IPV6 -> {
                if (key[key.length - 1] != ':') {
                    return List.of(key);
                }
                // fefe looks "X::" up both as the address (before =host) and as a text prefix (after it)
                List<byte[]> out = new ArrayList<>(List.of(key));
                List<byte[]> prefix = prefixNetworks(key);
                if (prefix == null) {
                    return null;
                }
                byte[] exact = Ipv6Forms.strict(key);
                for (byte[] p : prefix) {
                    if (!Texts.latin1(p).equals(Ipv6Text.compact(exact) + "/128")) {
                        out.add(p);
                    }
                }
                return out;
            }
            case IPV6_TEXT_PREFIX -> {
                return prefixNetworks(key);
            }
            case INFO_AT_IP -> {
                int at = Bytes.indexOf(key, '@');
                int last = key.length - 1;
                while (key[last] != '@') {
                    last--;
                }
                if (at != last || Bytes.contains(key, '=')) {
                    return null;
                }
                return List.of(key);
            }
            default -> {
                return List.of(key);
            }
        }
    }

    /** The CIDR networks of exactly the addresses whose fefe text starts with {@code key}; null if too many. */
    private static List<byte[]> prefixNetworks(byte[] key) {
        List<Ipv6Forms.Cell> cells = Ipv6Forms.fefePrefixCells(key);
        List<Ipv6Forms.Network> networks = cells == null ? null : Ipv6Forms.networks(cells);
        if (networks == null || networks.size() > 64) {
            return null;
        }
        List<byte[]> out = new ArrayList<>();
        for (Ipv6Forms.Network n : networks) {
            if (n.prefix() == 0) {
                return null;
            }
            if (n.prefix() == 1) { // the C servers never look /1 up: two /2 mean the same
                byte[] second = n.ip().clone();
                second[0] |= 0x40;
                out.add(Texts.latin1(Ipv6Text.compact(n.ip()) + "/2"));
                out.add(Texts.latin1(Ipv6Text.compact(second) + "/2"));
            } else {
                out.add(Texts.latin1(Ipv6Text.compact(n.ip()) + "/" + n.prefix()));
            }
        }
        return out;
    }

    /** What ucspi-tcp6 reads from a line (its live key meanings), or null if it rejects it or the data differ. */
    private List<KeyMeaning> tcp6Meanings(byte[] text, byte[] data) {
        try {
            if (!(target.parse(1, text, 0, text.length) instanceof RuleLine.Rule rule)
                    || !Arrays.equals(rule.instructions().data(), data)) {
                return null;
            }
            List<KeyMeaning> out = new ArrayList<>();
            for (byte[] key : targetReader.read(rule).keys()) {
                KeyMeaning m = KeyMeaning.of(Dialect.TCP6, key);
                if (!m.dead()) {
                    out.add(m);
                }
            }
            return out;
        } catch (RuleSyntaxException e) {
            return null;
        }
    }

    private static String describe(List<KeyMeaning> meanings) {
        return meanings.isEmpty() ? "nothing that matches" : meanings.get(0).describe();
    }

    // ---- --cidr ----

    private void toCidr(Line l, byte[] instructions, boolean exactHosts, List<Line> merged) {
        List<byte[]> keys = l.address.keys();
        if (keys.isEmpty()) {
            return;
        }
        List<DottedIpv4.Shape> shapes = new ArrayList<>();
        for (byte[] key : keys) {
            if (!DottedIpv4.isDotted(key)) {
                return;
            }
            DottedIpv4.Shape s = DottedIpv4.read(key);
            if (!s.servable()) {
                return;
            }
            shapes.add(s);
        }
        boolean prefixes = shapes.get(0).prefix();
        if (!prefixes && (!(l.address instanceof Address.Range) || exactHosts)) {
            return; // an exact address stays one; a range of them only where no =host rule sits between
        }
        List<byte[]> oneToOne = new ArrayList<>();
        for (DottedIpv4.Shape s : shapes) {
            oneToOne.add(line(DottedIpv4.text(s.ip()) + "/" + s.bits(), instructions));
        }
        if (l.address instanceof Address.Verbatim) {
            l.replacement = oneToOne;
            l.why = "dotted prefix as a CIDR network";
            return;
        }
        // a range: the union of its blocks as the fewest networks
        long first = shapes.get(0).ip();
        DottedIpv4.Shape lastShape = shapes.get(shapes.size() - 1);
        long last = lastShape.ip() + (1L << (32 - lastShape.bits())) - 1;
        List<byte[]> set = new ArrayList<>();
        for (Ipv4Blocks.Block b : Ipv4Blocks.cover(first, last)) {
            set.add(b.prefix() == 32 ? line(DottedIpv4.text(b.network()), instructions) : line(b.cidr(), instructions));
        }
        if (prefixes) {
            l.fallback = oneToOne;
        } else {
            l.fallback = List.of(l.text);
        }
        l.replacement = set;
        l.why = "range as the fewest CIDR networks";
        merged.add(l);
    }

    private static byte[] line(String address, byte[] instructions) {
        return Bytes.concat(Texts.latin1(address), new byte[] {':'}, instructions);
    }

    /**
     * Checks the merged ranges against the old lookups at every address where an answer can
     * change (the first address of each rule's block and the one after its last), and puts back
     * the one-to-one form of each merge that changes one, until none does.
     */
    private void verifyMerges(byte[] input, List<Line> lines, List<Line> merged) throws IOException {
        RuleIndex old;
        try {
            old = RuleIndex.compile(from, new ByteArrayInputStream(input));
        } catch (RuleSyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (int round = 0; round < 8 && !merged.isEmpty(); round++) {
            RuleIndex now = compileReplacement(lines);
            TreeSet<Long> points = new TreeSet<>();
            for (RuleIndex index : List.of(old, now)) {
                for (RuleIndex.Entry e : index.records()) {
                    long[] span = span(e.key());
                    if (span != null) {
                        points.add(span[0]);
                        if (span[1] < 0xffffffffL) {
                            points.add(span[1] + 1);
                        }
                    }
                }
            }
            List<Line> broken = new ArrayList<>();
            for (Line l : merged) {
                long lo = Long.MAX_VALUE;
                long hi = -1;
                for (byte[] r : l.replacement) {
                    long[] span = span(Arrays.copyOf(r, Bytes.indexOf(r, ':')));
                    lo = Math.min(lo, span[0]);
                    hi = Math.max(hi, span[1]);
                }
                for (long p : points.subSet(lo, true, hi, true)) {
                    Query q = Query.ipOnly(DottedIpv4.text(p));
                    if (!same(old.lookup(q), now.lookup(q))) {
                        broken.add(l);
                        break;
                    }
                }
            }
            if (broken.isEmpty()) {
                return;
            }
            for (Line l : broken) {
                l.replacement = l.fallback.size() == 1 && Arrays.equals(l.fallback.get(0), l.text) ? null : l.fallback;
                l.why = l.replacement == null ? null : "range prefixes as CIDR networks, one each (merging would change an answer)";
                merged.remove(l);
            }
        }
    }

    private RuleIndex compileReplacement(List<Line> lines) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Line l : lines) {
            if (l.replacement == null) {
                out.writeBytes(l.raw);
                if (l.raw.length > 0 && l.raw[l.raw.length - 1] != '\n') {
                    out.write('\n');
                }
            } else {
                for (byte[] r : l.replacement) {
                    out.writeBytes(r);
                    out.write('\n');
                }
            }
        }
        try {
            return RuleIndex.compile(Dialect.TCP6, new ByteArrayInputStream(out.toByteArray()));
        } catch (RuleSyntaxException e) {
            throw new IllegalStateException("migrate wrote a line ucspi-tcp6 rejects: " + e.getMessage(), e);
        }
    }

    /** The IPv4 addresses a dotted, CIDR-text or '_' key covers, as {first, last}; null if none. */
    private static long[] span(byte[] key) {
        if (DottedIpv4.isDotted(key)) {
            DottedIpv4.Shape s = DottedIpv4.read(key);
            return s.servable() ? new long[] {s.ip(), s.ip() + (1L << (32 - s.bits())) - 1} : null;
        }
        org.ucspi4j.lookup.CidrKeys.Network n = org.ucspi4j.lookup.CidrKeys.decodeIpv4(key);
        if (n != null && key[0] == '_') {
            long ip = DottedIpv4.value(n.ip());
            return new long[] {ip, ip + (1L << (32 - n.prefix())) - 1};
        }
        int slash = Bytes.indexOf(key, '/');
        if (slash > 0 && DottedIpv4.isDotted(key, 0, slash)) {
            DottedIpv4.Shape s = DottedIpv4.read(key, 0, slash);
            int prefix = Integer.parseInt(Texts.latin1(Arrays.copyOfRange(key, slash + 1, key.length)));
            long ip = s.ip() & (0xffffffffL << (32 - prefix)) & 0xffffffffL;
            return new long[] {ip, ip + (1L << (32 - prefix)) - 1};
        }
        return null;
    }

    /** Same decision and the same variables: what a server does with the connection. */
    public static boolean same(Verdict a, Verdict b) {
        if (a.decision() != b.decision() || a.settings().size() != b.settings().size()) {
            return false;
        }
        for (int i = 0; i < a.settings().size(); i++) {
            if (!Arrays.equals(a.settings().get(i), b.settings().get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Two converted rules from different prefixes must not land on the same network: ucspi-tcp6
     * would keep the first, fefe the longer text. (The same prefix twice is fine: both keep the first.)
     */
    private void duplicateNetworks(List<Line> lines, List<Refusal> refusals) {
        Map<String, Line> seen = new HashMap<>();
        for (Line l : lines) {
            if (l.replacement == null || l.why == null || !l.why.startsWith("fefe's text prefix")) {
                continue;
            }
            for (byte[] r : l.replacement) {
                String network = Texts.latin1(Arrays.copyOf(r, lastColonBeforeInstructions(r)));
                Line other = seen.putIfAbsent(network, l);
                if (other != null && other != l && !Arrays.equals(other.rule.address(), l.rule.address())) {
                    refusals.add(new Refusal(l.number, Texts.show(l.text), "its networks overlap line " + other.number
                            + "'s exactly (" + network + "); the two prefixes' order cannot be kept"));
                    return;
                }
            }
        }
    }

    private static int lastColonBeforeInstructions(byte[] line) {
        int comma = Bytes.indexOf(line, ',');
        int end = comma < 0 ? line.length : comma;
        for (int i = end - 1; i >= 0; i--) {
            if (line[i] == ':') {
                return i;
            }
        }
        return line.length;
    }

    private static byte[] strip(byte[] raw) {
        int end = raw.length;
        while (end > 0 && (raw[end - 1] == ' ' || raw[end - 1] == '\t' || raw[end - 1] == '\n')) {
            end--;
        }
        return Arrays.copyOf(raw, end);
    }
}
