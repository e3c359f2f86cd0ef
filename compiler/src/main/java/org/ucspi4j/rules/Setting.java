package org.ucspi4j.rules;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One {@code ,NAME=QvalueQ} setting: raw bytes, as written. {@code column} is the 1-based column of
 * its comma in the line, for diagnostics.
 */
public record Setting(byte[] name, byte[] value, byte quote, int column) {
    public String nameText() {
        return new String(name, StandardCharsets.ISO_8859_1);
    }

    public String valueText() {
        return new String(value, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Setting s && Arrays.equals(name, s.name) && Arrays.equals(value, s.value)
                && quote == s.quote && column == s.column;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(name) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return nameText() + "=" + (char) (quote & 0xff) + valueText() + (char) (quote & 0xff);
    }
}
