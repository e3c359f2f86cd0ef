package org.ucspi4j.runtime.posix;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a /proc file whole. Files.readAllBytes trusts the size stat reports, which is 0 for proc
 * files, and on some kernels returns only the first byte of them (seen: "3" for a pid_max of 32768);
 * a plain stream read to EOF is always right.
 */
public final class ProcFiles {
    private ProcFiles() {}

    public static byte[] read(String path) throws IOException {
        try (InputStream in = new FileInputStream(path)) {
            return in.readAllBytes();
        }
    }
}
