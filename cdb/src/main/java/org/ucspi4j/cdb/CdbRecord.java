package org.ucspi4j.cdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One record: a key and its data, both raw bytes. The arrays are not copied (records stream by the
 * million); treat them as read-only.
 */
public record CdbRecord(byte[] key, byte[] data) {
    @Override
    public boolean equals(Object o) {
        return o instanceof CdbRecord r && Arrays.equals(key, r.key) && Arrays.equals(data, r.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "CdbRecord[" + new String(key, StandardCharsets.ISO_8859_1) + "->"
                + new String(data, StandardCharsets.ISO_8859_1) + "]";
    }
}
