package org.ucspi4j.lookup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a cdb value the way the servers apply it: NUL-terminated entries, {@code D} denies and stops,
 * {@code +TEXT} sets a variable, anything else is ignored, an unterminated tail is ignored.
 */
final class RuleData {
    private RuleData() {}

    /** The entries that matter, in order: the {@code +} texts met before any {@code D}, and the decision. */
    record Applied(List<byte[]> settings, Decision decision) {
        /** The settings that have a '=', as (name, value) pairs: what a server puts in the environment. */
        List<byte[][]> variables() {
            List<byte[][]> vars = new ArrayList<>(settings.size());
            for (byte[] s : settings) {
                int eq = Bytes.indexOf(s, '=');
                if (eq >= 0) {
                    vars.add(new byte[][] {Arrays.copyOf(s, eq), Arrays.copyOfRange(s, eq + 1, s.length)});
                }
            }
            return vars;
        }
    }

    static Applied apply(byte[] data) {
        List<byte[]> settings = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] != 0) {
                continue;
            }
            byte first = i > start ? data[start] : 0;
            if (first == 'D') {
                return new Applied(settings, Decision.DENY);
            }
            if (first == '+') {
                settings.add(Arrays.copyOfRange(data, start + 1, i));
            }
            start = i + 1;
        }
        return new Applied(settings, Decision.ALLOW);
    }
}
