package org.ucspi4j.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a fuzz input as a sequence of fields, so that hand-written seed files stay simple: a field is
 * a length byte (0..254) followed by that many bytes; the length byte 255 stands for a missing (null)
 * field. Past the end of the input every field is null, every flag false and every number 0.
 * {@code runtime/src/test/fuzz/seeds.py} writes seeds in this form.
 */
public final class FuzzInput {
    private final byte[] data;
    private int pos;

    public FuzzInput(byte[] data) {
        this.data = data;
    }

    public boolean exhausted() {
        return pos >= data.length;
    }

    /** The next field's bytes, null if the field is missing. */
    public byte[] bytes() {
        if (pos >= data.length) {
            return null;
        }
        int n = data[pos++] & 0xff;
        if (n == 255) {
            return null;
        }
        int end = Math.min(data.length, pos + n);
        byte[] out = Arrays.copyOfRange(data, pos, end);
        pos = end;
        return out;
    }

    /** The next field as a byte string (one char per byte, as names and values are kept). */
    public String latin1() {
        byte[] b = bytes();
        return b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
    }

    /** The next field decoded as UTF-8, so that characters beyond Latin-1 occur too. */
    public String utf8() {
        byte[] b = bytes();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** One byte as a flag (its low bit). */
    public boolean flag() {
        return pos < data.length && (data[pos++] & 1) != 0;
    }

    /** One byte, 0..255. */
    public int octet() {
        return pos < data.length ? data[pos++] & 0xff : 0;
    }

    /** Whatever is left. */
    public byte[] rest() {
        byte[] out = Arrays.copyOfRange(data, Math.min(pos, data.length), data.length);
        pos = data.length;
        return out;
    }
}
