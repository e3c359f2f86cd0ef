package org.ucspi4j.rules;

import java.util.List;
import java.util.Objects;
import org.ucspi4j.lookup.Decision;

/**
 * The part after the address: a decision and the variables to set. {@link #data()} is the cdb value
 * tcprules writes: {@code D\0} for deny (nothing for allow), then {@code +NAME=value\0} per setting.
 * Plain data (a value class: equality by decision and settings); the value bytes are computed once.
 */
public final class Instructions {
    private final Decision decision;
    private final List<Setting> settings;
    private final byte[] data;

    public Instructions(Decision decision, List<Setting> settings) {
        this(decision, settings, encode(decision, settings));
    }

    /** With the value bytes already known; {@code data} must be what encode gives. */
    Instructions(Decision decision, List<Setting> settings, byte[] data) {
        this.decision = Objects.requireNonNull(decision);
        this.settings = List.copyOf(settings);
        this.data = data;
    }

    public Decision decision() {
        return decision;
    }

    public List<Setting> settings() {
        return settings;
    }

    /** The cdb value (a copy). */
    public byte[] data() {
        return data.clone();
    }

    /** The cdb value itself, shared: the compiler hands it to the sink, which copies it. */
    byte[] sharedData() {
        return data;
    }

    static byte[] encode(Decision decision, List<Setting> settings) {
        int size = decision == Decision.DENY ? 2 : 0;
        for (Setting s : settings) {
            size += s.name().length + s.value().length + 3;
        }
        byte[] out = new byte[size];
        int at = 0;
        if (decision == Decision.DENY) {
            out[at++] = 'D';
            out[at++] = 0;
        }
        for (Setting s : settings) {
            out[at++] = '+';
            System.arraycopy(s.name(), 0, out, at, s.name().length);
            at += s.name().length;
            out[at++] = '=';
            System.arraycopy(s.value(), 0, out, at, s.value().length);
            at += s.value().length;
            out[at++] = 0;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Instructions i && decision == i.decision && settings.equals(i.settings);
    }

    @Override
    public int hashCode() {
        return decision.hashCode() * 31 + settings.hashCode();
    }

    @Override
    public String toString() {
        return "Instructions[decision=" + decision + ", settings=" + settings + "]";
    }
}
