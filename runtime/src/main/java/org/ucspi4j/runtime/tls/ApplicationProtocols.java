package org.ucspi4j.runtime.tls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The {@code ALPN} setting: protocol names (RFC 7301), comma-separated, in order of preference. */
public final class ApplicationProtocols {
    private ApplicationProtocols() {}

    /**
     * The names in {@code setting} ({@code h2,http/1.1}); none for null or empty. Throws
     * IllegalArgumentException for an empty or over-long name, or one named twice.
     */
    public static List<String> parse(String setting) {
        List<String> names = new ArrayList<>();
        if (setting == null || setting.isEmpty()) {
            return names;
        }
        for (String raw : setting.split(",", -1)) {
            String name = raw.strip();
            int bytes = name.getBytes(StandardCharsets.ISO_8859_1).length;
            if (bytes == 0 || bytes > 255) {
                throw new IllegalArgumentException("ALPN: a protocol name must be 1 to 255 bytes: \"" + name + "\"");
            }
            if (names.contains(name)) {
                throw new IllegalArgumentException("ALPN: named twice: " + name);
            }
            names.add(name);
        }
        return List.copyOf(names);
    }
}
