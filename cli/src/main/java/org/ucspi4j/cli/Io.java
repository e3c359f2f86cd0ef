package org.ucspi4j.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.ucspi4j.runtime.posix.EnvironmentBytes;

/**
 * A program's standard streams and environment. Commands take it instead of reaching for
 * {@code System.*}, so tests can run them in-process. {@code out} is a raw byte stream: the tools
 * print keys and values byte for byte.
 */
public record Io(InputStream in, OutputStream out, PrintStream err, Map<String, String> env) {
    /**
     * The process's own streams (stdout buffered; flush before exit) and environment (as byte
     * strings, see {@link EnvironmentBytes}).
     */
    public static Io system() {
        return new Io(new FileInputStream(FileDescriptor.in),
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.ISO_8859_1),
                EnvironmentBytes.latin1());
    }
}
