package org.ucspi4j.runtime.posix;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The raw bytes of {@code main}'s arguments. The JVM decodes argv with the locale's charset, which
 * loses bytes that are not valid in it (under {@code LANG=C} every byte over 0x7f becomes '?'); the C
 * tools treat arguments as bytes. On Linux the kernel still has the original bytes in
 * {@code /proc/self/cmdline}; the last {@code args.length} entries there are main's arguments.
 */
public final class ArgumentBytes {
    private ArgumentBytes() {}

    /** The bytes of each of {@code args}, from the kernel when it has them, else re-encoded. */
    public static byte[][] of(String[] args) {
        byte[][] raw = fromKernel(args);
        return raw != null ? raw : encoded(args);
    }

    /**
     * Each argument as a byte string: one char per byte (ISO-8859-1), so nothing is lost and
     * {@code s.getBytes(ISO_8859_1)} gives the kernel's bytes back. The commands work on these.
     */
    public static String[] latin1(String[] args) {
        byte[][] raw = of(args);
        String[] out = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = new String(raw[i], java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        return out;
    }

    /** A path from a byte-string argument, decoded the way the JVM decodes file names. */
    public static Path path(String latin1) {
        return Path.of(new String(latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), jnuCharset()));
    }

    /** The bytes of the arguments from index {@code from} on. */
    public static byte[][] of(String[] args, int from) {
        byte[][] all = of(args);
        return Arrays.copyOfRange(all, from, all.length);
    }

    private static byte[][] fromKernel(String[] args) {
        byte[] cmdline;
        try {
            cmdline = ProcFiles.read("/proc/self/cmdline");
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
        List<byte[]> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                entries.add(Arrays.copyOfRange(cmdline, start, i));
                start = i + 1;
            }
        }
        if (entries.size() < args.length) {
            return null;
        }
        byte[][] raw = entries.subList(entries.size() - args.length, entries.size()).toArray(byte[][]::new);
        Charset charset = jnuCharset();
        for (int i = 0; i < args.length; i++) {
            // The JVM's decoding of the kernel bytes must give back the String it handed main.
            if (!new String(raw[i], charset).equals(args[i])) {
                return null;
            }
        }
        return raw;
    }

    private static byte[][] encoded(String[] args) {
        Charset charset = jnuCharset();
        byte[][] out = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            out[i] = args[i].getBytes(charset);
        }
        return out;
    }

    /** The charset the JVM decoded argv and file names with. */
    public static Charset jnuCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }
}
