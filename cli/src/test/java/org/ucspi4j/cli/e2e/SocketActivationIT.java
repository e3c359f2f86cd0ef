package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sslserver - - program}: the listening socket is inherited, not bound. From systemd's
 * {@code systemd-socket-activate} (socket activation: LISTEN_PID, LISTEN_FDS, the socket on fd 3),
 * IPv4 and IPv6; on fd 0 (inetd's {@code wait} mode, s6-tcpserver-socketbinder, not packaged in
 * Debian 12), here from a small Python activator that binds, listens and execs the launcher with the
 * socket on fd 0 (non-blocking, as s6 passes it) or fd 3, and keeps the socket across restarts as
 * systemd does: connections queued while the server is down are all served by the next one. The
 * programs see neither the LISTEN_* variables nor the socket. What cannot be served (nothing
 * inherited, LISTEN_PID of another process, a connected or datagram socket) is fatal, exit 111, with
 * a line that says why.
 */
class SocketActivationIT {
    static final Duration PATIENCE = Tools.PATIENCE;

    @TempDir
    static Path dir;

    static Pki pki;
    static Path activator;
    static Path fdsAndEnv;
    static Path echo;

    @BeforeAll
    static void setUp() {
        pki = Pki.get();
        echo = Programs.echo(dir);
        // Its open fds (what each is), whether it got any LISTEN_ variable, where the client came to.
        fdsAndEnv = Programs.script(dir, "fds-and-env.sh", """
                for f in /proc/$$/fd/*; do echo "fd ${f##*/} $(readlink "$f")"; done
                env | grep '^LISTEN_' || echo 'no LISTEN_ variables'
                echo "local $SSLLOCALIP $SSLLOCALPORT"
                """);
        // argv: HOST HOW KIND server-argv...; HOW is activation (fd 3, LISTEN_PID/LISTEN_FDS/LISTEN_FDNAMES as
        // systemd sets them) or fd0 (non-blocking, as s6-tcpserver-socketbinder makes it); KIND is listen, connected (an accepted connection) or datagram. Commands on
        // stdin: start (fork, put the socket there, exec the server with its stdout on stderr), stop (SIGTERM,
        // wait), wait. It answers on stdout: "port N", "started PID", "exited STATUS". The socket stays here.
        activator = Programs.python(dir, "activator.py", """
                import os, signal, socket, sys
                host, how, kind = sys.argv[1:4]
                argv = sys.argv[4:]
                family = socket.AF_INET6 if ":" in host else socket.AF_INET
                keep = []
                if kind == "datagram":
                    sock = socket.socket(family, socket.SOCK_DGRAM)
                    sock.bind((host, 0))
                elif kind == "connected":
                    server = socket.socket(family, socket.SOCK_STREAM)
                    server.bind((host, 0))
                    server.listen(1)
                    client = socket.create_connection(server.getsockname()[:2])
                    sock = server.accept()[0]
                    keep = [server, client]
                else:
                    sock = socket.socket(family, socket.SOCK_STREAM)
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    sock.bind((host, 0))
                    sock.listen(128)
                    if how == "fd0":
                        sock.setblocking(False)  # as s6-tcpserver-socketbinder passes it
                print("port", sock.getsockname()[1], flush=True)
                child = 0
                def report(status):
                    print("exited", os.waitstatus_to_exitcode(status), flush=True)
                for line in sys.stdin:
                    command = line.strip()
                    if command == "start":
                        pid = os.fork()
                        if pid == 0:
                            try:
                                target = 3 if how == "activation" else 0
                                os.dup2(sock.fileno(), target)
                                os.set_inheritable(target, True)
                                os.dup2(2, 1)
                                if how == "activation":
                                    os.environ.update(LISTEN_PID=str(os.getpid()), LISTEN_FDS="1", LISTEN_FDNAMES="https")
                                os.execv(argv[0], argv)
                            finally:
                                os._exit(127)
                        child = pid
                        print("started", pid, flush=True)
                    elif command == "stop":
                        os.kill(child, signal.SIGTERM)
                        report(os.waitpid(child, 0)[1])
                    elif command == "wait":
                        report(os.waitpid(child, 0)[1])
                if child:
                    try:
                        os.kill(child, signal.SIGTERM)
                        os.waitpid(child, 0)
                    except OSError:
                        pass
                """);
    }

    private static Map<String, String> environment() {
        Map<String, String> env = Launcher.baseEnvironment();
        env.put("CERTFILE", pki.file("server.pem").toString());
        env.put("KEYFILE", pki.file("server.key").toString());
        return env;
    }

    private static int freePort(String host) {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> command(String first, String... more) {
        List<String> c = new ArrayList<>();
        c.add(first);
        c.addAll(List.of(more));
        return c;
    }

    /** What fds-and-env.sh reported, checked: no LISTEN_ variable, no socket among its fds, the address served. */
    private static void assertProgramSawNoListener(String report, String ip, int port) {
        assertThat(report).contains("no LISTEN_ variables").contains("local " + ip + " " + port + "\n");
        assertThat(report.lines().filter(l -> l.startsWith("fd "))).as(report).isNotEmpty()
                .noneMatch(l -> l.contains("socket:"));
    }

    @Test
    void systemdSocketActivateOnIpv4() {
        int port = freePort("127.0.0.1");
        try (Watched a = Watched.start(command("systemd-socket-activate", "-l", "127.0.0.1:" + port,
                "-E", "JAVA_HOME", "-E", "UCSPI4J_JAR", "-E", "CERTFILE", "-E", "KEYFILE",
                Launcher.bin("sslserver").toString(), "-v", "-1", "-", "-", fdsAndEnv.toString()), environment())) {
            a.err.await(0, Pattern.quote("Listening on 127.0.0.1:" + port + " as 3."));
            // the activator execs sslserver on the first connection, which waits in the queue meanwhile
            Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", port);
            assertThat(r.exit()).as(r.toString()).isZero();
            assertProgramSawNoListener(r.text(), "127.0.0.1", port);
            a.out.await(0, Integer.toString(port)); // -1
            // the -v lines of a bound port, from the activator's own pid (it exec'd the launcher, which exec'd java)
            a.err.await(0, "sslserver: cert " + a.pid() + " " + Pattern.quote(pki.file("server.pem").toString()));
            a.err.await(0, "sslserver: status: 0/40");
            a.err.await(0, "sslserver: ok \\d+ localhost:127\\.0\\.0\\.1:" + port + " [^ ]*:127\\.0\\.0\\.1::\\d+");
            a.err.await(0, "sslserver: end \\d+ status 0");
            assertThat(a.err.all()).noneMatch(l -> l.contains("warning"));
        }
    }

    /** IPv6, and the binding options an inherited socket makes moot: ignored, with a -v warning each. */
    @Test
    void systemdSocketActivateOnIpv6IgnoresBindingOptions() {
        int port = freePort("::1");
        try (Watched a = Watched.start(command("systemd-socket-activate", "-l", "[::1]:" + port,
                "-E", "JAVA_HOME", "-E", "UCSPI4J_JAR", "-E", "CERTFILE", "-E", "KEYFILE",
                Launcher.bin("sslserver").toString(), "-v", "-4", "-b", "100", "-I", "lo", "-", "-", fdsAndEnv.toString()),
                environment())) {
            a.err.await(0, Pattern.quote("Listening on [::1]:" + port + " as 3."));
            Peers.SClientResult r = Peers.sClient(pki, "::1", port);
            assertThat(r.exit()).as(r.toString()).isZero();
            assertProgramSawNoListener(r.text(), "::1", port);
            a.err.await(0, "sslserver: ok \\d+ [^ ]*:::1:" + port + " .*");
            a.err.await(0, "sslserver: status: 0/40");
            assertThat(a.err.all()).contains(
                    "sslserver: warning: -4 ignored: the inherited socket's address family is the one it was made with",
                    "sslserver: warning: -I ignored: the inherited socket is bound already",
                    "sslserver: warning: -b ignored: the inherited socket listens with the backlog it was given");
        }
    }

    /**
     * The activator keeps the listening socket while the server is stopped: the connections that arrive
     * meanwhile wait in the kernel's queue, and the next server (a new JVM, handed the same socket) serves
     * every one. As with a systemd .socket unit and {@code systemctl restart} of its service.
     */
    @ParameterizedTest
    @ValueSource(strings = {"activation", "fd0"})
    void aRestartLosesNoQueuedConnection(String how) throws Exception {
        int queuedCount = 20;
        try (Watched a = activator("127.0.0.1", how, "listen", "-v", "-1", "-", "-", echo.toString())) {
            int port = a.port();
            a.send("start");
            a.out.await(0, "started \\d+");
            a.err.await(0, Integer.toString(port)); // -1, on the server's stdout (the activator's stderr)
            a.err.await(0, "sslserver: status: 0/40");
            try (SSLSocket first = Peers.tls(pki, "127.0.0.1", port)) {
                assertThat(Peers.echoes(first, "before the restart")).isTrue();
            }
            a.send("stop");
            a.out.await(0, "exited 0");

            int mark = a.err.mark();
            List<CompletableFuture<Boolean>> served = new ArrayList<>();
            for (int i = 0; i < queuedCount; i++) {
                Socket queued = Peers.plain(null, "127.0.0.1", port); // connected: in the listen queue, no server
                String line = "queued " + i;
                served.add(CompletableFuture.supplyAsync(() -> {
                    try (SSLSocket tls = Peers.tlsOver(pki, queued, "127.0.0.1", port)) {
                        return Peers.echoes(tls, line);
                    } catch (IOException | RuntimeException e) {
                        return false;
                    }
                }, Thread::startVirtualThread));
            }
            Thread.sleep(500);
            assertThat(served).as("nobody serves while the server is down").noneMatch(CompletableFuture::isDone);

            a.send("start");
            a.out.await(0, "started \\d+");
            for (int i = 0; i < queuedCount; i++) {
                assertThat(served.get(i).get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("queued connection " + i).isTrue();
            }
            a.err.awaitCount(mark, "sslserver: ok \\d+ .*", queuedCount);
            a.err.awaitCount(mark, "sslserver: end \\d+ status 0", queuedCount);
            assertThat(a.err.since(mark)).noneMatch(l -> l.contains("fatal") || l.contains("warning"));
        }
    }

    /** LISTEN_PID of another process is not ours (sd_listen_fds): the socket on fd 0 is served, and no LISTEN_ variable reaches the program. */
    @Test
    void activationForAnotherProcessIsIgnoredAndFd0Served() {
        try (Watched a = Watched.start(command(activator.toString(), "127.0.0.1", "fd0", "listen",
                Launcher.bin("sslserver").toString(), "-1", "-", "-", fdsAndEnv.toString()),
                with(environment(), "LISTEN_PID", "1", "LISTEN_FDS", "1", "LISTEN_FDNAMES", "https"))) {
            int port = a.port();
            a.send("start");
            a.err.await(0, Integer.toString(port));
            Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", port);
            assertThat(r.exit()).as(r.toString()).isZero();
            assertProgramSawNoListener(r.text(), "127.0.0.1", port);
        }
    }

    @Test
    void nothingInheritedIsFatal() {
        Tools.Result r = ServerProcess.in(dir).pkiCertificate(pki).runToExit("-v", "-", "-", echo.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(111);
        assertThat(r.stderr()).isEqualTo("sslserver: fatal: no listening socket inherited (host and port are -): fd 0 is"
                + " not a socket, and socket activation passed none: LISTEN_PID is not set\n");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void activationForAnotherProcessWithNothingOnFd0IsFatalAndSaysWhy() {
        Tools.Result r = ServerProcess.in(dir).pkiCertificate(pki).env("LISTEN_PID", "1").env("LISTEN_FDS", "1")
                .runToExit("-", "-", echo.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(111);
        assertThat(r.stderr()).matches("sslserver: fatal: no listening socket inherited \\(host and port are -\\): fd 0 is"
                + " not a socket, and socket activation passed none: LISTEN_PID is 1, not this process \\(\\d+\\): the"
                + " activator must exec the server, not start it as a child\n");
    }

    @Test
    void aConnectedSocketIsRefused() {
        try (Watched a = activator("127.0.0.1", "activation", "connected", "-", "-", echo.toString())) {
            a.send("start");
            a.send("wait");
            a.out.await(0, "exited 111");
            a.err.await(0, Pattern.quote("sslserver: fatal: the socket LISTEN_FDS passed on fd 3 (https) is a socket"
                    + " that is not listening (a connected socket, or one nobody called listen on)"));
        }
    }

    @Test
    void aDatagramSocketIsRefused() {
        try (Watched a = activator("::1", "fd0", "datagram", "-", "-", echo.toString())) {
            a.send("start");
            a.send("wait");
            a.out.await(0, "exited 111");
            a.err.await(0, Pattern.quote("sslserver: fatal: no listening socket inherited (host and port are -): fd 0 is"
                    + " not a stream socket, and socket activation passed none: LISTEN_PID is not set"));
        }
    }

    private static Map<String, String> with(Map<String, String> env, String... nameValue) {
        for (int i = 0; i < nameValue.length; i += 2) {
            env.put(nameValue[i], nameValue[i + 1]);
        }
        return env;
    }

    /** The Python activator on {@code host}, running bin/sslserver with {@code args} on each start. */
    private static Watched activator(String host, String how, String kind, String... args) {
        List<String> c = command(activator.toString(), host, how, kind, Launcher.bin("sslserver").toString());
        c.addAll(List.of(args));
        return Watched.start(c, environment());
    }

    /** A process whose stdout and stderr are collected line by line; commands go to its stdin. */
    static final class Watched implements AutoCloseable {
        final Process process;
        final Lines out;
        final Lines err;
        private final OutputStream stdin;

        private Watched(Process process) {
            this.process = process;
            this.out = new Lines(process.getInputStream());
            this.err = new Lines(process.getErrorStream());
            this.stdin = process.getOutputStream();
        }

        static Watched start(List<String> command, Map<String, String> env) {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            try {
                return new Watched(pb.start());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + command.getFirst() + " (is it installed?)", e);
            }
        }

        long pid() {
            return process.pid();
        }

        /** The port the activator listens on ({@code port N}). */
        int port() {
            return Integer.parseInt(out.await(0, "port (\\d+)").group(1));
        }

        void send(String command) {
            try {
                stdin.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                stdin.close(); // the activator stops its server and exits
            } catch (IOException e) {
                // gone already
            }
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The lines of one stream, read on a virtual thread; awaited by pattern (a whole line). */
    static final class Lines {
        private final List<String> lines = new ArrayList<>();

        Lines(InputStream in) {
            Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                            lines.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process went away
                }
            });
        }

        int mark() {
            synchronized (lines) {
                return lines.size();
            }
        }

        List<String> all() {
            return since(0);
        }

        List<String> since(int from) {
            synchronized (lines) {
                return List.copyOf(lines.subList(from, lines.size()));
            }
        }

        Matcher await(int from, String regex) {
            return awaitCount(from, regex, 1).getFirst();
        }

        /** Waits until {@code count} lines from index {@code from} on match {@code regex}. */
        List<Matcher> awaitCount(int from, String regex, int count) {
            Pattern p = Pattern.compile(regex);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            synchronized (lines) {
                while (true) {
                    List<Matcher> found = new ArrayList<>();
                    for (String line : lines.subList(from, lines.size())) {
                        Matcher m = p.matcher(line);
                        if (m.matches()) {
                            found.add(m);
                        }
                    }
                    if (found.size() >= count) {
                        return found.subList(0, count);
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError(count + " line(s) matching " + regex + " expected; got:\n"
                                + String.join("\n", lines));
                    }
                    try {
                        lines.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(e);
                    }
                }
            }
        }
    }
}
