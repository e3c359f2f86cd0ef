package org.ucspi4j.cdb;

import java.io.IOException;

/** Malformed cdbmake text ({@code +klen,dlen:key->data}), with where it went wrong. */
public final class CdbTextFormatException extends IOException {
    /** What was wrong; the command layer turns these into freecdb's wording. */
    public enum Defect {
        UNEXPECTED_END("unexpected end of input"),
        NO_PLUS("entry must start with +"),
        BAD_KEY_LENGTH("bad keylen format"),
        BAD_DATA_LENGTH("bad datalen format"),
        NO_ARROW("key must be followed by ->"),
        NO_NEWLINE("newline expected"),
        TOO_LARGE("lengths do not fit in 32 bits");

        private final String text;

        Defect(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Defect defect;
    private final long entry;
    private final long line;
    private final long offset;

    public CdbTextFormatException(Defect defect, long entry, long line, long offset) {
        super("entry " + entry + " (line " + line + ", byte " + offset + "): " + defect.text());
        this.defect = defect;
        this.entry = entry;
        this.line = line;
        this.offset = offset;
    }

    public Defect defect() {
        return defect;
    }

    /** 1-based number of the entry being read. */
    public long entry() {
        return entry;
    }

    /** 1-based line (newlines inside keys and data count). */
    public long line() {
        return line;
    }

    /** 0-based byte offset of the offending byte (or of the end of input). */
    public long offset() {
        return offset;
    }
}
