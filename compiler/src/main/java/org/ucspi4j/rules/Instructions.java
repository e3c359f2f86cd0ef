package org.ucspi4j.rules;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The part after the address: a decision and the variables to set. {@link #data()} is the cdb value
 * tcprules writes: {@code D\0} for deny (nothing for allow), then {@code +NAME=value\0} per setting.
 */
public record Instructions(Decision decision, List<Setting> settings) {
    public Instructions {
        settings = List.copyOf(settings);
    }

    public byte[] data() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        if (decision == Decision.DENY) {
            out.write('D');
            out.write(0);
        }
        for (Setting s : settings) {
            out.write('+');
            out.writeBytes(s.name());
            out.write('=');
            out.writeBytes(s.value());
            out.write(0);
        }
        return out.toByteArray();
    }
}
