package org.ucspi4j.runtime.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.lookup.Query;
import org.ucspi4j.lookup.RuleDatabase;
import org.ucspi4j.lookup.Verdict;

/**
 * A rules cdb ({@code -x} or {@code -y}) that follows the file: tcprules renames a new cdb into
 * place, and the next connection must see it. Instead of reopening per connection (as the C server
 * does), it stats the path per lookup and reopens only when the file changed (inode, size or mtime).
 * A connection keeps the database it started its lookup with, so a swap never tears a lookup; the
 * old database is unmapped when its last lookup is done.
 */
final class RulesSource {
    /** The lookup could not be done: the connection must be dropped (fail closed). */
    public static final class Unreadable extends Exception {
        public Unreadable(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final Path path;
    private final boolean allowMissing;
    private final Object swap = new Object();
    private volatile Current current;

    private record Identity(Object fileKey, long size, long modified) {}

    /** An open database and how many lookups hold it. */
    private static final class Current {
        final Identity identity;
        final RuleDatabase database;
        final AtomicInteger holders = new AtomicInteger(1); // 1 = held by the source itself

        Current(Identity identity, RuleDatabase database) {
            this.identity = identity;
            this.database = database;
        }

        boolean hold() {
            for (int n = holders.get(); n > 0; n = holders.get()) {
                if (holders.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
            return false; // already retired
        }

        void release() {
            if (holders.decrementAndGet() == 0) {
                database.close();
            }
        }
    }

    public RulesSource(Path path, boolean allowMissing) {
        this(path, allowMissing, ServerEvents.NONE);
    }

    /** @param events told each reopen after a change, and each changed file that would not open (once) */
    public RulesSource(Path path, boolean allowMissing, ServerEvents events) {
        this.path = path;
        this.allowMissing = allowMissing;
        this.events = events;
    }

    private final ServerEvents events;
    private Identity failed; // the file as it was when it last would not open; guarded by swap

    public Path path() {
        return path;
    }

    /**
     * The verdict for {@code q}: {@link Verdict#NO_RULE} when the file is missing and {@code -X} was
     * given; {@link Unreadable} for any other trouble (missing without {@code -X}, unreadable, corrupt).
     */
    public Verdict lookup(Query q) throws Unreadable {
        Identity identity;
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            identity = new Identity(a.fileKey(), a.size(), a.lastModifiedTime().toMillis());
        } catch (NoSuchFileException e) {
            if (allowMissing) {
                return Verdict.NO_RULE;
            }
            throw new Unreadable(e);
        } catch (IOException e) {
            throw new Unreadable(e);
        }
        Current held = hold(identity);
        try {
            return held.database.lookup(q);
        } finally {
            held.release();
        }
    }

    private Current hold(Identity identity) throws Unreadable {
        Current c = current;
        if (c != null && c.identity.equals(identity) && c.hold()) {
            return c;
        }
        synchronized (swap) {
            c = current;
            if (c != null && c.identity.equals(identity) && c.hold()) {
                return c;
            }
            RuleDatabase opened;
            try {
                opened = RuleDatabase.open(path, Dialect.TCP6);
            } catch (IOException e) {
                if (!identity.equals(failed)) {
                    failed = identity; // every connection retries it; the metric counts the file once
                    events.rulesReload(false);
                }
                throw new Unreadable(e);
            }
            if (c != null || failed != null) {
                events.rulesReload(true); // not the first open: a reload
            }
            failed = null;
            Current fresh = new Current(identity, opened);
            fresh.hold();
            current = fresh;
            if (c != null) {
                c.release(); // the source's own hold; closes once in-flight lookups finish
            }
            return fresh;
        }
    }

    @Override
    public String toString() {
        return "rules " + Objects.toString(path);
    }
}
