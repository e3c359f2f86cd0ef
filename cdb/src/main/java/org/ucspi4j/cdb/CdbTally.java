package org.ucspi4j.cdb;

/**
 * cdbtest's tallies: each record looked up by its key, as DJB's cdb-0.75 {@code cdbtest} does.
 *
 * @param found     records found by their key
 * @param different records whose key finds an earlier record (duplicate keys)
 * @param badLength records found with another data length (never, in a file {@link CdbReader} opens)
 * @param notFound  records their key does not find (never, in a file {@link CdbReader} opens)
 * @param untested  records with keys over 1024 bytes, which cdbtest does not look up
 */
public record CdbTally(long found, long different, long badLength, long notFound, long untested) {
    /** cdbtest leaves longer keys alone. */
    public static final int MAX_KEY_LENGTH = 1024;

    /** The lines cdbtest prints. */
    public String text() {
        return "found: " + found + "\ndifferent record: " + different + "\nbad length: " + badLength + "\nnot found: "
                + notFound + "\nuntested: " + untested + "\n";
    }
}
