package org.ucspi4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ucspi4j.cdb.CdbReader;
import org.ucspi4j.cdb.CdbRecord;
import org.ucspi4j.lookup.Dialect;
import org.ucspi4j.rules.RuleSyntaxException;
import org.ucspi4j.runtime.posix.ArgumentBytes;
import org.ucspi4j.runtime.posix.ErrorText;

/** Reading the files the rule tools take: rules text or a compiled cdb, "-" for standard input. */
final class RuleFiles {
    private RuleFiles() {}

    static final String STDIN = "-";

    static InputStream open(Io io, String name) throws IOException {
        return name.equals(STDIN) ? io.in() : Files.newInputStream(ArgumentBytes.path(name));
    }

    static byte[] readAll(Io io, String name) throws IOException {
        try (InputStream in = open(io, name)) {
            return in.readAllBytes();
        }
    }

    /**
     * Whether {@code name} is a cdb rather than rules text: named {@code *.cdb}, or at least 2048
     * bytes with a NUL in the header (text rules never have one there) and readable as a cdb.
     */
    static boolean isCdb(String name) throws IOException {
        if (name.equals(STDIN)) {
            return false;
        }
        Path path = ArgumentBytes.path(name);
        if (name.endsWith(".cdb")) {
            return true;
        }
        if (Files.size(path) < 2048) {
            return false;
        }
        byte[] header = new byte[2048];
        try (SeekableByteChannel ch = Files.newByteChannel(path)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(header);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // fill
            }
        }
        boolean nul = false;
        for (byte x : header) {
            nul |= x == 0;
        }
        if (!nul) {
            return false;
        }
        try (CdbReader r = CdbReader.open(path)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether {@code name} holds a cdb's 2048-byte header: 256 (position, slots) pairs that all point
     * into the file past the header. Rules text cannot (its bytes read as positions far beyond its
     * own size), so this tells a compiled file from its source even when the cdb is damaged, and
     * whatever the file is called. Standard input is never taken for a cdb.
     */
    static boolean hasCdbHeader(String name) throws IOException {
        if (name.equals(STDIN)) {
            return false;
        }
        Path path = ArgumentBytes.path(name);
        if (!Files.isRegularFile(path)) {
            return false; // reading it says what is wrong with it
        }
        long size = Files.size(path);
        if (size < 2048) {
            return false;
        }
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(2048).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        try (SeekableByteChannel ch = Files.newByteChannel(path)) {
            while (header.hasRemaining() && ch.read(header) > 0) {
                // fill
            }
        }
        for (int slot = 0; slot < 256; slot++) {
            long position = Integer.toUnsignedLong(header.getInt(slot * 8));
            long slots = Integer.toUnsignedLong(header.getInt(slot * 8 + 4));
            if (position < 2048 || position + 8 * slots > size) {
                return false;
            }
        }
        return true;
    }

    /** Why a text-taking rule tool refuses a cdb, and what to do instead. */
    static String notText(String name, String tool) {
        return name + ": is a cdb file, not a rules text: " + tool + " the rules file it was made from, or"
                + " 'tcprules decompile " + name + "' first";
    }

    /** Every record of a cdb, in file order, as {key, data}. */
    static List<byte[][]> records(String name) throws IOException {
        List<byte[][]> out = new ArrayList<>();
        try (CdbReader r = CdbReader.open(ArgumentBytes.path(name))) {
            for (CdbRecord rec : r) {
                out.add(new byte[][] {rec.key(), rec.data()});
            }
        }
        return out;
    }

    /**
     * DJB's wording of an I/O error ({@link ErrorText}). The rule tools' only reference to
     * ErrorText, so that its move to org.ucspi4j.runtime on main needs one import here.
     */
    static String why(Throwable e) {
        return ErrorText.of(e);
    }

    /** A syntax error the way lint prints it: {@code FILE:LINE:COL: error: DETAIL}. */
    static String syntax(String file, RuleSyntaxException e, Dialect dialect) {
        return file + ":" + e.line() + ":" + e.column() + ": error: " + e.detail() + " (" + dialect.id()
                + "'s tcprules rejects the file; 'tcprules lint' lists every problem)";
    }

    /** {@code none} or a comma list of dialects; null if a name is unknown. */
    static List<Dialect> dialects(List<String> names) {
        List<Dialect> out = new ArrayList<>();
        for (String n : names) {
            if (n.equalsIgnoreCase("none")) {
                continue;
            }
            try {
                out.add(Dialect.of(n));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return out;
    }
}
