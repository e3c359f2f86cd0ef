package org.ucspi4j.lookup;

import java.util.List;

/**
 * The outcome of a lookup: the key that matched (null: no rule matched at all, the connection is
 * allowed unchanged), the decision, and the settings the rule applies, in order.
 */
public record Verdict(byte[] key, Decision decision, List<byte[]> settings) {
    public static final Verdict NO_RULE = new Verdict(null, Decision.ALLOW, List.of());

    public boolean matched() {
        return key != null;
    }

    public boolean denied() {
        return decision == Decision.DENY;
    }

    /** The settings with a '=': (name, value) pairs for the environment. */
    public List<byte[][]> variables() {
        return new RuleData.Applied(settings, decision).variables();
    }
}
