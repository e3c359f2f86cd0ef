package org.ucspi4j.rules;

import java.util.Arrays;

/** What one input line is, after the line rules and the instruction syntax. */
public sealed interface RuleLine {
    long number();

    /** A line whose first byte is {@code #}. */
    record Comment(long number) implements RuleLine {}

    /** An empty line, or (where the dialect ignores them) blank-only and colon-less lines. */
    record Skipped(long number) implements RuleLine {}

    /**
     * A rule: the address bytes (verbatim, as written) and the parsed instructions. {@code text} is
     * the line after trailing-blank stripping.
     */
    record Rule(long number, byte[] address, Instructions instructions, byte[] text) implements RuleLine {
        @Override
        public boolean equals(Object o) {
            return o instanceof Rule r && number == r.number && Arrays.equals(address, r.address)
                    && instructions.equals(r.instructions) && Arrays.equals(text, r.text);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(number) * 31 + Arrays.hashCode(text);
        }
    }
}
