package org.ucspi4j.cdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * cdbmake text made from the line formats of DJB's cdb-0.75 scripts, which turn their input into
 * {@code +klen,dlen:key->data} lines with awk and pipe them to cdbmake; here a stream does the turning,
 * line by line, so input of any size flows through.
 *
 * <ul>
 *   <li>{@link #twelve}: {@code cdbmake-12}. A line that starts with any byte but {@code #} is a
 *       record: its first field the key, its second the data (fields as awk splits them: runs of blanks
 *       and tabs, leading ones dropped; an absent field is empty; further fields are ignored).</li>
 *   <li>{@link #services}: {@code cdbmake-sv}, /etc/services lines. A {@code #} starts a comment.
 *       {@code name port/proto alias...} gives {@code @port/proto -> name}, then
 *       {@code name/proto -> port} and {@code alias/proto -> port} for each alias; a line with fewer than
 *       two fields, or whose second field has no {@code /}, gives nothing.</li>
 * </ul>
 */
public final class CdbTextFrom extends InputStream {
    /** What one input line becomes: zero or more records appended to {@code out}. */
    @FunctionalInterface
    private interface LineFormat {
        void records(byte[] line, ByteArrayOutputStream out);
    }

    private final InputStream in;
    private final LineFormat format;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final byte[] chunk = new byte[65536];
    private int chunkAt;
    private int chunkEnd;
    private byte[] out = new byte[0];
    private int outAt;
    private boolean inputDone;
    private boolean finished;

    private CdbTextFrom(InputStream in, LineFormat format) {
        this.in = in;
        this.format = format;
    }

    public static InputStream twelve(InputStream in) {
        return new CdbTextFrom(in, CdbTextFrom::twelveLine);
    }

    public static InputStream services(InputStream in) {
        return new CdbTextFrom(in, CdbTextFrom::servicesLine);
    }

    private static void twelveLine(byte[] line, ByteArrayOutputStream out) {
        if (line.length == 0 || line[0] == '#') {
            return;
        }
        List<byte[]> fields = fields(line, line.length);
        record(fields.isEmpty() ? new byte[0] : fields.get(0), fields.size() < 2 ? new byte[0] : fields.get(1), out);
    }

    private static void servicesLine(byte[] line, ByteArrayOutputStream out) {
        int end = 0;
        while (end < line.length && line[end] != '#') {
            end++;
        }
        List<byte[]> f = fields(line, end);
        if (f.size() < 2) {
            return;
        }
        byte[] portProto = f.get(1);
        int slash = indexOf(portProto, (byte) '/', 0);
        if (slash < 0) {
            return;
        }
        int secondSlash = indexOf(portProto, (byte) '/', slash + 1);
        byte[] port = Arrays.copyOfRange(portProto, 0, slash);
        byte[] proto = Arrays.copyOfRange(portProto, slash + 1, secondSlash < 0 ? portProto.length : secondSlash);
        record(concat(new byte[] {'@'}, port, new byte[] {'/'}, proto), f.get(0), out);
        for (int i = 0; i < f.size(); i++) {
            if (i != 1) {
                record(concat(f.get(i), new byte[] {'/'}, proto), port, out);
            }
        }
    }

    /** awk's default field splitting of {@code line[0..end)}: blanks and tabs separate, none is empty. */
    private static List<byte[]> fields(byte[] line, int end) {
        List<byte[]> fields = new ArrayList<>();
        int i = 0;
        while (i < end) {
            while (i < end && (line[i] == ' ' || line[i] == '\t')) {
                i++;
            }
            int start = i;
            while (i < end && line[i] != ' ' && line[i] != '\t') {
                i++;
            }
            if (i > start) {
                fields.add(Arrays.copyOfRange(line, start, i));
            }
        }
        return fields;
    }

    private static void record(byte[] key, byte[] data, ByteArrayOutputStream out) {
        out.writeBytes(("+" + key.length + "," + data.length + ":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes(key);
        out.write('-');
        out.write('>');
        out.writeBytes(data);
        out.write('\n');
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (outAt == out.length) {
            if (finished) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, out.length - outAt);
        System.arraycopy(out, outAt, b, off, n);
        outAt += n;
        return n;
    }

    /** Turns the next chunk of input lines into records (at the end: the last line and cdbmake's end mark). */
    private void fill() throws IOException {
        pending.reset();
        while (pending.size() == 0 && !inputDone) {
            if (chunkAt == chunkEnd) {
                int n = in.read(chunk);
                if (n < 0) {
                    inputDone = true;
                    break;
                }
                chunkAt = 0;
                chunkEnd = n;
            }
            for (; chunkAt < chunkEnd; chunkAt++) {
                byte c = chunk[chunkAt];
                if (c == '\n') {
                    format.records(line.toByteArray(), pending);
                    line.reset();
                } else {
                    line.write(c);
                }
            }
        }
        if (inputDone) {
            if (line.size() > 0) { // awk reads a last line without its newline too
                format.records(line.toByteArray(), pending);
                line.reset();
            }
            pending.write('\n');
            finished = true;
        }
        out = pending.toByteArray();
        outAt = 0;
    }
}
