package org.ucspi4j.cdb;

import java.io.IOException;

/**
 * A cdb would reach past the 4 GiB its 32-bit positions can address. DJB's writer reports this as
 * ENOMEM ("out of memory"); the command layer keeps that wording.
 */
public final class CdbTooLargeException extends IOException {
    public CdbTooLargeException(long wouldBe) {
        super("cdb would be " + wouldBe + " bytes, over the 4294967295-byte limit of 32-bit positions");
    }
}
