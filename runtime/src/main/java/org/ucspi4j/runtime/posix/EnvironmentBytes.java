package org.ucspi4j.runtime.posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process environment as byte strings (one char per byte, ISO-8859-1). {@link System#getenv()}
 * decodes with the locale's charset and loses bytes it cannot decode; the kernel still has the
 * originals in {@code /proc/self/environ}.
 */
public final class EnvironmentBytes {
    private EnvironmentBytes() {}

    /**
     * The names bin/ucspi4j's shell (bash) added to the environment it was given, comma-separated:
     * they are not the supervisor's, and a program must not see them.
     */
    static final String LAUNCHER_ADDED = "ucspi4j.launcher.added";

    /** NAME → value, both byte strings, in the order the kernel lists them, less the launcher's own. */
    public static Map<String, String> latin1() {
        byte[] raw;
        try {
            raw = ProcFiles.read("/proc/self/environ");
        } catch (IOException | UnsupportedOperationException e) {
            return withoutLauncherAdded(System.getenv());
        }
        Map<String, String> env = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == 0) {
                if (i > start) {
                    String entry = new String(raw, start, i - start, StandardCharsets.ISO_8859_1);
                    int eq = entry.indexOf('=');
                    if (eq > 0) {
                        env.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
                    }
                }
                start = i + 1;
            }
        }
        return withoutLauncherAdded(env);
    }

    private static Map<String, String> withoutLauncherAdded(Map<String, String> env) {
        String added = System.getProperty(LAUNCHER_ADDED, "");
        if (added.isEmpty()) {
            return Collections.unmodifiableMap(env);
        }
        Map<String, String> given = new LinkedHashMap<>(env);
        for (String name : added.split(",")) {
            given.remove(name);
        }
        return Collections.unmodifiableMap(given);
    }

    /**
     * {@code s} as a C string holds it: up to the first NUL. Environment entries are C strings, so a
     * value with a NUL in it would reach a program cut there (or, in a NUL-separated block, split in
     * two); callers cut it here, once, so that what they log, match and pass on is what the program sees.
     */
    public static String cString(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }
}
