package org.ucspi4j.runtime.ucspi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/** A port argument: decimal digits, or a TCP service name from /etc/services (getservbyname). */
public final class ServicePorts {
    private ServicePorts() {}

    static final Path SERVICES = Path.of("/etc/services");

    public static OptionalInt parse(String port) {
        return parse(port, SERVICES);
    }

    static OptionalInt parse(String port, Path services) {
        if (!port.isEmpty() && port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (port.length() > 5) {
                return OptionalInt.empty();
            }
            int p = Integer.parseInt(port);
            return p <= 65535 ? OptionalInt.of(p) : OptionalInt.empty();
        }
        try {
            for (String line : Files.readAllLines(services, StandardCharsets.ISO_8859_1)) {
                int hash = line.indexOf('#');
                String[] f = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
                if (f.length < 2 || !f[1].endsWith("/tcp")) {
                    continue;
                }
                boolean named = f[0].equals(port);
                for (int i = 2; i < f.length && !named; i++) {
                    named = f[i].equals(port);
                }
                if (named) {
                    return OptionalInt.of(Integer.parseInt(f[1].substring(0, f[1].indexOf('/'))));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
        return OptionalInt.empty();
    }
}
