package org.ucspi4j.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The small programs sslserver runs in the tests: shell scripts written into a test's directory. */
final class Programs {
    private Programs() {}

    /** Prints its environment NUL-separated (values may hold newlines: PEM certificates). */
    static Path env(Path dir) {
        return script(dir, "env.sh", "exec env -0\n");
    }

    /** Echoes what it reads until end of input. */
    static Path echo(Path dir) {
        return script(dir, "echo.sh", "exec cat\n");
    }

    /**
     * A minimal HTTP/1.0 responder: reads the request up to the empty line, answers 200 with its
     * environment ({@code env -0}) as the body.
     */
    static Path httpEnv(Path dir) {
        return script(dir, "http-env.sh", """
                cr=$(printf '\\r')
                while IFS= read -r line; do
                  case $line in ''|"$cr") break ;; esac
                done
                printf 'HTTP/1.0 200 OK\\r\\nContent-Type: application/octet-stream\\r\\nConnection: close\\r\\n\\r\\n'
                exec env -0
                """);
    }

    /** Its user, group and supplementary groups, as {@code id} reports them. */
    static Path ids(Path dir) {
        return script(dir, "ids.sh", "echo \"uid=$(id -u) gid=$(id -g) groups=$(id -G)\"\n");
    }

    /** Reads until end of input, says so, then idles (so only the server can end the session). */
    static Path idle(Path dir) {
        return script(dir, "idle.sh", "cat >/dev/null\necho got-eof\nexec sleep 60\n");
    }

    /**
     * Says it started, then (without touching its output again, which may be gone) writes {@code
     * marker} after a pause: proof that it outlived the server.
     */
    static Path survivor(Path dir, Path marker) {
        return script(dir, "survivor.sh", "echo started\nsleep 4\necho alive > '" + marker + "'\n");
    }

    static Path script(Path dir, String name, String body) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, "#!/bin/sh\n" + body);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
