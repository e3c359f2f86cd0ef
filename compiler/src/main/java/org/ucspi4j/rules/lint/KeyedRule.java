package org.ucspi4j.rules.lint;

import java.util.List;
import org.ucspi4j.lookup.Decision;
import org.ucspi4j.rules.Address;

/**
 * A rule's keys, handed from the per-line checks to the duplicate and overlap checks. The keys and
 * their hashes are worked out with the line, on a pool thread, in plain arrays.
 */
record KeyedRule(long line, Decision decision, Address address, byte[][] keys, int[] hashes) {
    static KeyedRule of(long line, Decision decision, Address address, List<byte[]> keys) {
        byte[][] keyArray = keys.toArray(new byte[0][]);
        int[] hashes = new int[keyArray.length];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = KeyTable.hash(keyArray[i]);
        }
        return new KeyedRule(line, decision, address, keyArray, hashes);
    }
}
