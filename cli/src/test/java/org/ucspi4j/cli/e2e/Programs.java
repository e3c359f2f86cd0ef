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

    /** Answers an HTTP request with 200 and the request head (up to the empty line) as the body. */
    static Path httpEcho(Path dir) {
        return script(dir, "http-echo.sh", """
                cr=$(printf '\\r')
                head=
                while IFS= read -r line; do
                  case $line in ''|"$cr") break ;; esac
                  head="$head$line
                "
                done
                printf 'HTTP/1.1 200 OK\\r\\nContent-Type: text/plain\\r\\nConnection: close\\r\\n\\r\\n%s' "$head"
                """);
    }

    /** Reads one line and answers with its bytes in hexadecimal ({@code od -An -tx1}), then ends. */
    static Path lineBytes(Path dir) {
        return script(dir, "line-bytes.sh", "IFS= read -r line\nprintf '%s' \"$line\" | od -An -tx1\n");
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

    /**
     * For {@code sslserver -n}: says {@code probe ready} in clear on the raw connection, reads one
     * command line a byte at a time (so nothing of a TLS handshake behind it is read) and either
     * answers {@code no tls} in clear and exits 3 ({@code none}), or writes the command ({@code y} or
     * {@code Y}) to SSLCTLFD, reads the variable block after {@code Y}, then over TLS reports
     * {@code tls CMD SSL_PROTOCOL SSL_CIPHER} ({@code -} for what it did not get) and echoes a line.
     */
    static Path ucspiTlsProbe(Path dir) {
        return python(dir, "ucspi-tls-probe.py", """
                import os, sys
                os.write(1, b"probe ready\\r\\n")
                line = b""
                while not line.endswith(b"\\n"):
                    c = os.read(0, 1)
                    if not c:
                        sys.exit(0)
                    line += c
                cmd = line.strip().decode()
                if cmd not in ("y", "Y"):
                    os.write(1, b"no tls\\r\\n")
                    sys.exit(3)
                ctl = int(os.environ["SSLCTLFD"])
                os.write(ctl, cmd.encode())
                env = {}
                if cmd == "Y":
                    block = b""
                    while not block.endswith(b"\\0\\0"):
                        chunk = os.read(ctl, 8192)
                        if not chunk:
                            break
                        block += chunk
                    for entry in block.split(b"\\0"):
                        if b"=" in entry:
                            name, value = entry.split(b"=", 1)
                            env[name.decode()] = value.decode()
                rfd, wfd = int(os.environ["SSLREADFD"]), int(os.environ["SSLWRITEFD"])
                os.write(wfd, ("tls %s %s %s\\r\\n" % (cmd, env.get("SSL_PROTOCOL", "-"), env.get("SSL_CIPHER", "-"))).encode())
                data = b""
                while not data.endswith(b"\\n"):
                    chunk = os.read(rfd, 4096)
                    if not chunk:
                        break
                    data += chunk
                os.write(wfd, b"echo " + data)
                """);
    }

    /**
     * For {@code sslclient -y} against the sample SMTP server: EHLO and STARTTLS in clear on fds 6/7,
     * then {@code argv[1]} ({@code y} or {@code Y}) to SSLCTLFD, EHLO, XTLS and QUIT over
     * SSLREADFD/SSLWRITEFD; prints one line per step, and the variables the {@code Y} block gave it.
     */
    static Path smtpStartTlsClient(Path dir) {
        return python(dir, "smtp-starttls-client.py", """
                import os, sys
                mode = sys.argv[1]
                fds = [6, 7]
                buf = b""
                def line():
                    global buf
                    while b"\\n" not in buf:
                        chunk = os.read(fds[0], 4096)
                        if not chunk:
                            sys.exit("server closed")
                        buf += chunk
                    first, buf = buf.split(b"\\n", 1)
                    return first.rstrip(b"\\r").decode()
                def reply():
                    lines = [line()]
                    while lines[-1][3:4] == "-":
                        lines.append(line())
                    return " | ".join(lines)
                def send(command):
                    os.write(fds[1], command.encode() + b"\\r\\n")
                print("greeting", line())
                send("EHLO client.example")
                print("ehlo", reply())
                send("STARTTLS")
                print("starttls", reply())
                buf = b""
                ctl = int(os.environ["SSLCTLFD"])
                os.write(ctl, mode.encode())
                env = {}
                if mode == "Y":
                    block = b""
                    while not block.endswith(b"\\0\\0"):
                        chunk = os.read(ctl, 8192)
                        if not chunk:
                            break
                        block += chunk
                    for entry in block.split(b"\\0"):
                        if b"=" in entry:
                            name, value = entry.split(b"=", 1)
                            env[name.decode()] = value.decode()
                fds = [int(os.environ["SSLREADFD"]), int(os.environ["SSLWRITEFD"])]
                send("EHLO client.example")
                print("ehlo-tls", reply())
                send("XTLS")
                print("xtls", reply())
                print("block", env.get("SSL_PROTOCOL", "-"), env.get("SSL_CIPHER", "-"), env.get("SSL_SERVER_S_DN_CN", "-"))
                send("QUIT")
                print("quit", reply())
                """);
    }

    static Path script(Path dir, String name, String body) {
        return executable(dir, name, "#!/bin/sh\n" + body);
    }

    static Path python(Path dir, String name, String body) {
        return executable(dir, name, "#!/usr/bin/env python3\n" + body);
    }

    private static Path executable(Path dir, String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, text);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
