package org.ucspi4j.lookup;

import java.io.IOException;
import java.nio.file.Path;
import org.ucspi4j.cdb.CdbReader;

/** A compiled rules cdb, looked up in the dialect's order ({@link LookupOrder}). Thread-safe. */
public final class RuleDatabase implements AutoCloseable {
    private final CdbReader cdb;
    private final Dialect dialect;

    private RuleDatabase(CdbReader cdb, Dialect dialect) {
        this.cdb = cdb;
        this.dialect = dialect;
    }

    /** Opens and checks the cdb; a damaged file throws {@link org.ucspi4j.cdb.CdbFormatException}. */
    public static RuleDatabase open(Path path, Dialect dialect) throws IOException {
        return new RuleDatabase(CdbReader.open(path), dialect);
    }

    public Path path() {
        return cdb.path();
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The first rule that matches {@code q}, applied. */
    public Verdict lookup(Query q) {
        return lookup(q, LookupOrder.SHORTEST_PREFIX);
    }

    /** As {@link #lookup(Query)}; {@link LookupOrder#C_SHORTEST_PREFIX} gives the C tools' answer. */
    public Verdict lookup(Query q, int shortestPrefix) {
        return LookupOrder.verdict(dialect, q, key -> cdb.find(key).orElse(null), shortestPrefix);
    }

    /** Each key tried for {@code q}, in order, and whether the cdb has it (lookup stops at the first). */
    public java.util.List<byte[]> keysTried(Query q) {
        java.util.List<byte[]> tried = new java.util.ArrayList<>();
        LookupOrder.probe(dialect, q, key -> {
            tried.add(key);
            return cdb.contains(key);
        });
        return tried;
    }

    @Override
    public void close() {
        cdb.close();
    }
}
