package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The service directories of {@code samples/services} under Debian's real supervisors: for each of
 * runit ({@code runsv}), daemontools ({@code svscan}) and s6 ({@code s6-svscan}), both samples are
 * copied into a scan directory, their {@code env/} filled in (address, port, certificate, the
 * checkout's {@code bin/}), their rules compiled with their Makefile, and the supervisor started on
 * them. Then: the process the supervisor knows is the server JVM itself (its log lines carry that
 * pid), running as nobody after the drop; curl gets the sample responder's answer with the variable
 * the compiled rules set; swaks delivers over STARTTLS, relaying from 127.0.0.1 (RELAYCLIENT) and
 * refused a foreign domain from 127.0.0.2; the supervisor restarts both and they answer again; a rule
 * added with {@code make} refuses 127.0.0.2 without a restart; the logger wrote every line, stamped
 * as it stamps; and once the supervisor has stopped them, no process is left. Also: the Makefile
 * lints before it compiles and leaves the old cdb alone when the rules are wrong.
 */
class SupervisedServiceIT {
    static final int NOBODY = 65534;
    static final String LOCAL = "smtp.ucspi4j.test";

    @TempDir
    Path dir;

    /** How each supervisor is started, asked for the service's pid, told to restart, and stopped. */
    enum Supervisor {
        RUNIT("runit", "\\d{4}-\\d\\d-\\d\\d_\\d\\d:\\d\\d:\\d\\d\\.\\d{5} ") {
            @Override
            List<Process> start(Path scan, List<Path> services) {
                List<Process> started = new ArrayList<>();
                for (Path service : services) {
                    started.add(spawn(scan, "runsv", service.toString()));
                }
                return started;
            }

            @Override
            long pid(Path service) {
                Matcher m = Pattern.compile("^run: [^:]+: \\(pid (\\d+)\\)").matcher(tool("sv", "status", service.toString()).out());
                return m.find() ? Long.parseLong(m.group(1)) : 0;
            }

            @Override
            void restart(Path service) {
                Tools.Result r = tool("sv", "-w", "60", "restart", service.toString());
                assertThat(r.exit()).as(r.toString()).isZero();
            }

            @Override
            void stop(Path scan, List<Path> services, List<Process> started) {
                for (Path service : services) {
                    tool("sv", "exit", service.toString());
                }
                awaitExit(started);
            }
        },
        DAEMONTOOLS("daemontools", "@[0-9a-f]{24} ") {
            @Override
            List<Process> start(Path scan, List<Path> services) {
                return List.of(spawn(scan, "svscan", scan.toString()));
            }

            @Override
            long pid(Path service) {
                Matcher m = Pattern.compile(": up \\(pid (\\d+)\\)").matcher(tool("svstat", service.toString()).out());
                return m.find() ? Long.parseLong(m.group(1)) : 0;
            }

            @Override
            void restart(Path service) {
                Tools.Result r = tool("svc", "-t", service.toString());
                assertThat(r.exit()).as(r.toString()).isZero();
            }

            /** As daemontools says to remove a service: hide it from svscan, then svc -dx it and its log. */
            @Override
            void stop(Path scan, List<Path> services, List<Process> started) {
                for (Path service : services) {
                    Path hidden = service.resolveSibling("." + service.getFileName());
                    try {
                        Files.move(service, hidden);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    tool("svc", "-dx", hidden.toString(), hidden.resolve("log").toString());
                    awaitTrue(() -> tool("svok", hidden.toString()).exit() != 0
                            && tool("svok", hidden.resolve("log").toString()).exit() != 0, "supervise of " + service + " exits");
                }
                started.forEach(Process::destroy); // svscan has no command to stop it
                awaitExit(started);
            }
        },
        S6("s6", "@[0-9a-f]{24} ") {
            @Override
            List<Process> start(Path scan, List<Path> services) {
                return List.of(spawn(scan, "s6-svscan", scan.toString()));
            }

            @Override
            long pid(Path service) {
                String out = tool("s6-svstat", "-p", service.toString()).out().strip();
                return out.matches("\\d+") ? Long.parseLong(out) : 0;
            }

            @Override
            void restart(Path service) {
                Tools.Result r = tool("s6-svc", "-r", service.toString());
                assertThat(r.exit()).as(r.toString()).isZero();
            }

            @Override
            void stop(Path scan, List<Path> services, List<Process> started) {
                Tools.Result r = tool("s6-svscanctl", "-t", scan.toString());
                assertThat(r.exit()).as(r.toString()).isZero();
                awaitExit(started);
            }
        };

        /** Its directory under samples/services. */
        final String sample;
        /** What its logger puts before each line (multilog t, svlogd -tt, s6-log t). */
        final String stamp;

        Supervisor(String sample, String stamp) {
            this.sample = sample;
            this.stamp = stamp;
        }

        /** Starts the supervisor (or one per service); returns the processes to stop. */
        abstract List<Process> start(Path scan, List<Path> services);

        /** The pid of the service's process as the supervisor knows it; 0 while it is not up. */
        abstract long pid(Path service);

        abstract void restart(Path service);

        /** Stops every service and its logger through the supervisor, then the supervisor. */
        abstract void stop(Path scan, List<Path> services, List<Process> started);
    }

    @ParameterizedTest
    @EnumSource(Supervisor.class)
    void bothSamplesServeRestartAndLogUnderTheSupervisor(Supervisor supervisor) throws Exception {
        assumeTrue(Tools.isRoot(), "the samples start as root and drop to nobody");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // nobody reads the cdbs
        Path cert = certificate(dir);
        Path scan = Files.createDirectories(dir.resolve("scan"));
        int[] ports = freePorts(2);
        Path https = install(supervisor, "https", scan, Map.of("IP", "127.0.0.1", "PORT", Integer.toString(ports[0]),
                "CERTFILE", cert.toString(), "KEYFILE", dir.resolve("key.pem").toString(), "ACCOUNT", "nobody"));
        Path smtpd = install(supervisor, "smtpd", scan, Map.of("IP", "127.0.0.1", "PORT", Integer.toString(ports[1]),
                "CERTFILE", cert.toString(), "KEYFILE", dir.resolve("key.pem").toString(), "QMAILDUID",
                Integer.toString(NOBODY), "NOFILESGID", Integer.toString(NOBODY), "LOCAL", LOCAL, "RCPTHOSTS", "example.org"));
        assertThat(make(https).exit()).isZero();
        assertThat(make(smtpd).exit()).isZero();

        ServiceLog httpsLog = new ServiceLog(https, supervisor.stamp);
        ServiceLog smtpdLog = new ServiceLog(smtpd, supervisor.stamp);
        Set<Long> seen = new LinkedHashSet<>();
        List<Process> supervisors = new ArrayList<>();
        try {
            supervisors.addAll(supervisor.start(scan, List.of(https, smtpd)));
            long httpsPid = awaitUp(supervisor, https, httpsLog, 0, 40, seen);
            long smtpdPid = awaitUp(supervisor, smtpd, smtpdLog, 0, 20, seen);
            supervisors.forEach(p -> p.descendants().forEach(d -> seen.add(d.pid())));

            fetch(cert, ports[0], httpsLog);
            relay(cert, ports[1], smtpdLog);
            restricted(cert, ports[1], smtpdLog);

            supervisor.restart(https);
            supervisor.restart(smtpd);
            long httpsPid2 = awaitUp(supervisor, https, httpsLog, httpsPid, 40, seen);
            long smtpdPid2 = awaitUp(supervisor, smtpd, smtpdLog, smtpdPid, 20, seen);
            awaitTrue(() -> gone(httpsPid) && gone(smtpdPid), "the servers before the restart exit");
            supervisors.forEach(p -> p.descendants().forEach(d -> seen.add(d.pid())));
            fetch(cert, ports[0], httpsLog);
            relay(cert, ports[1], smtpdLog);

            // a new rule, compiled by make, holds from the next connection on: no restart
            Path rules = smtpd.resolve("tcp.smtp");
            olderThanNow(smtpd.resolve("tcp.smtp.cdb"));
            Files.writeString(rules, "127.0.0.2:deny\n" + Files.readString(rules));
            assertThat(make(smtpd).exit()).isZero();
            Tools.Result refused = swaks(cert, ports[1], "127.0.0.2", "rcpt@example.org");
            assertThat(refused.exit()).as(refused.toString()).isNotZero();
            assertThat(refused.out()).doesNotContain("220 " + LOCAL);
            smtpdLog.await("sslserver: deny \\d+ " + Pattern.quote(LOCAL) + ":127\\.0\\.0\\.1:" + ports[1]
                    + " [^ ]*:127\\.0\\.0\\.2:[^:]*:\\d+");
            assertThat(supervisor.pid(smtpd)).isEqualTo(smtpdPid2);
            assertThat(supervisor.pid(https)).isEqualTo(httpsPid2);

            // everything the servers said went through the logger, stamped, and nothing else did
            for (ServiceLog log : List.of(httpsLog, smtpdLog)) {
                assertThat(log.lines()).as(log.toString()).allMatch(l -> l.matches(supervisor.stamp + "sslserver: .*"))
                        .noneMatch(l -> l.contains("fatal") || l.contains("warning"));
            }

            supervisor.stop(scan, List.of(https, smtpd), supervisors);
            awaitTrue(() -> remaining(seen).isEmpty(), "no process of the services is left");
        } finally {
            killEverything(supervisors, seen);
        }
    }

    /** The Makefile: lint, then an atomic compile; a rules file with an error fails make and keeps the old cdb. */
    @Test
    void makeCompilesTheRulesAndKeepsTheOldCdbWhenLintFails() throws IOException {
        Path smtpd = dir.resolve("smtpd");
        Tools.Result copy = Tools.run(dir, Tools.command("cp", "-R", samples().resolve("runit/smtpd").toString(), smtpd.toString()));
        assertThat(copy.exit()).as(copy.toString()).isZero();
        Path cdb = smtpd.resolve("tcp.smtp.cdb");

        Tools.Result first = make(smtpd);
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.out()).contains("tcprules lint tcp.smtp", "tcprules tcp.smtp.cdb tcp.smtp.tmp < tcp.smtp");
        assertThat(cdb).isRegularFile();
        assertThat(smtpd.resolve("tcp.smtp.tmp")).doesNotExist();
        assertThat(check(cdb, "127.0.0.1")).isEqualTo("rule 127.0.0.1:\nset environment variable RELAYCLIENT=\nallow connection\n");
        assertThat(check(cdb, "::1")).isEqualTo("rule 0000:0000:0000:0000:0000:0000:0000:0001:\n"
                + "set environment variable RELAYCLIENT=\nallow connection\n");
        assertThat(check(cdb, "192.0.2.7")).isEqualTo("default:\nallow connection\n");

        Tools.Result again = make(smtpd);
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("is up to date");

        olderThanNow(cdb);
        byte[] before = Files.readAllBytes(cdb);
        FileTime mtime = Files.getLastModifiedTime(cdb);
        Path rules = smtpd.resolve("tcp.smtp");
        Files.writeString(rules, Files.readString(rules) + "10.0.0.0/0:deny\n");
        Tools.Result broken = make(smtpd);
        assertThat(broken.exit()).as(broken.toString()).isNotZero();
        // lint stopped it (exit 2, its diagnostic), before tcprules could run (its syntax errors exit 101)
        assertThat(broken.out()).as(broken.toString()).contains("tcp.smtp:7:", "error:", "[TR002]")
                .doesNotContain("tcprules tcp.smtp.cdb");
        assertThat(broken.stderr()).as(broken.toString()).contains("Error 2");
        assertThat(Files.readAllBytes(cdb)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(cdb)).isEqualTo(mtime);
        assertThat(smtpd.resolve("tcp.smtp.tmp")).doesNotExist();
        assertThat(check(cdb, "127.0.0.1")).contains("RELAYCLIENT");
    }

    /**
     * The three supervisors' copies of a service share their rules, Makefile and env/ (only the run
     * scripts differ), and the scripts are executable.
     */
    @Test
    void theSupervisorsShareRulesMakefileAndEnvironment() throws IOException {
        for (String service : List.of("https", "smtpd")) {
            Path reference = samples().resolve("runit").resolve(service);
            List<String> shared = sharedFiles(reference);
            assertThat(shared).contains("Makefile", "env/PATH", "env/CERTFILE", "env/KEYFILE", "env/IP", "env/PORT");
            for (Supervisor s : Supervisor.values()) {
                Path copy = samples().resolve(s.sample).resolve(service);
                assertThat(sharedFiles(copy)).as(copy.toString()).isEqualTo(shared);
                for (String f : shared) {
                    assertThat(copy.resolve(f)).as(copy + "/" + f).hasSameBinaryContentAs(reference.resolve(f));
                }
                assertThat(copy.resolve("run")).isExecutable();
                assertThat(copy.resolve("log/run")).isExecutable();
            }
        }
    }

    /** Every file of a service directory but its run scripts, relative, sorted. */
    private static List<String> sharedFiles(Path service) throws IOException {
        try (Stream<Path> files = Files.walk(service)) {
            return files.filter(Files::isRegularFile).map(p -> service.relativize(p).toString())
                    .filter(f -> !f.equals("run") && !f.equals("log/run")).sorted().toList();
        }
    }

    private static Path samples() {
        return Launcher.home().resolve("samples/services");
    }

    /**
     * Copies the sample into the scan directory as an administrator would, points its env/ at this
     * checkout instead of /opt/ucspi4j and sets {@code settings}, each of which the sample must have.
     * The launcher also gets the JDK and the jar under test.
     */
    private static Path install(Supervisor supervisor, String name, Path scan, Map<String, String> settings) throws IOException {
        Path service = scan.resolve(name);
        Tools.Result copy = Tools.run(scan, Tools.command("cp", "-R", samples().resolve(supervisor.sample).resolve(name).toString(),
                service.toString()));
        assertThat(copy.exit()).as(copy.toString()).isZero();
        Path env = service.resolve("env");
        try (Stream<Path> files = Files.list(env)) {
            for (Path f : files.toList()) {
                Files.writeString(f, Files.readString(f).replace("/opt/ucspi4j", Launcher.home().toString()));
            }
        }
        for (var setting : settings.entrySet()) {
            assertThat(env.resolve(setting.getKey())).as("the sample's env/ sets " + setting.getKey()).isRegularFile();
            Files.writeString(env.resolve(setting.getKey()), setting.getValue() + "\n");
        }
        Files.writeString(env.resolve("JAVA_HOME"), System.getProperty("java.home") + "\n");
        Files.writeString(env.resolve("UCSPI4J_JAR"), Launcher.jar() + "\n");
        return service;
    }

    /** A self-signed certificate for 127.0.0.1 and its key (root's, 0600: read before the drop). */
    private static Path certificate(Path dir) throws IOException {
        Tools.openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        Files.setPosixFilePermissions(dir.resolve("key.pem"), PosixFilePermissions.fromString("rw-------"));
        return dir.resolve("cert.pem");
    }

    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    /** {@code make} in the service directory, with the checkout's bin/ first on the PATH. */
    private static Tools.Result make(Path service) {
        return Tools.run(service, Map.of("PATH", Launcher.home().resolve("bin") + ":/usr/bin:/bin", "JAVA_HOME",
                System.getProperty("java.home"), "UCSPI4J_JAR", Launcher.jar().toString()), new byte[0], Duration.ofSeconds(90),
                List.of("make"));
    }

    /** Dates {@code file} a minute back, so that make sees the rules edited next as newer. */
    private static void olderThanNow(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    }

    /** tcprulescheck's verdict on a client at {@code ip}. */
    private static String check(Path cdb, String ip) {
        Tools.Result r = Tools.run(cdb.getParent(), Map.of("TCPREMOTEIP", ip, "JAVA_HOME", System.getProperty("java.home"),
                "UCSPI4J_JAR", Launcher.jar().toString()), new byte[0], Duration.ofSeconds(60),
                List.of(Launcher.bin("tcprulescheck").toString(), cdb.getFileName().toString()));
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.out();
    }

    /**
     * Waits until the supervisor reports a pid other than {@code previous} and the log shows that pid
     * starting (sslserver's setup lines carry its own pid) up to its {@code status: 0/limit} line: the
     * supervisor then watches the server JVM itself, not a shell in front of it. Checks the drop.
     */
    private static long awaitUp(Supervisor supervisor, Path service, ServiceLog log, long previous, int limit, Set<Long> seen) {
        long[] pid = {0};
        awaitTrue(() -> {
            pid[0] = supervisor.pid(service);
            return pid[0] > 0 && pid[0] != previous;
        }, service + " up under " + supervisor);
        seen.add(pid[0]);
        int start = log.await("sslserver: cert " + pid[0] + " .*").index();
        log.await(start, "sslserver: status: 0/" + limit);
        String status = read(Path.of("/proc", Long.toString(pid[0]), "status"));
        assertThat(status).containsPattern(ThreadStatus.allIds("Uid", NOBODY)).containsPattern(ThreadStatus.allIds("Gid", NOBODY));
        return pid[0];
    }

    /** curl gets the sample responder's answer, with the greeting tcp.https sets for 127.; the log has the connection. */
    private static void fetch(Path cert, int port, ServiceLog log) {
        Tools.Result r = Tools.run(cert.getParent(), Map.of(), new byte[0], Peers.PEER_TIMEOUT, List.of("curl", "-sS",
                "--max-time", "60", "--cacert", cert.toString(), "-w", "%{local_port}\n", "https://127.0.0.1:" + port + "/"));
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        String localPort = lines.getLast();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("hello, local client");
        assertThat(lines.get(1)).startsWith("you are 127.0.0.1 port " + localPort);
        assertThat(lines.get(2)).isEqualTo("this is 127.0.0.1 port " + port + ", PROTO=SSL");
        String id = log.await("sslserver: ok (\\d+) [^ ]*:127\\.0\\.0\\.1:" + port + " [^ ]*:127\\.0\\.0\\.1:[^:]*:" + localPort)
                .matcher().group(1);
        log.await("sslserver: end " + id + " status 0");
    }

    /** From 127.0.0.1 (RELAYCLIENT) swaks may send to any domain, over STARTTLS. */
    private static void relay(Path cert, int port, ServiceLog log) {
        Tools.Result r = swaks(cert, port, "127.0.0.1", "rcpt@elsewhere.example");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("<-  220 " + LOCAL + " ESMTP starttls-smtpd", "=== TLS started with cipher",
                " ~> RCPT TO:<rcpt@elsewhere.example>\n<~  250 ok", "<~  250 accepted", "<~  221 bye");
        String id = log.await("sslserver: ok (\\d+) " + Pattern.quote(LOCAL) + ":127\\.0\\.0\\.1:" + port
                + " [^ ]*:127\\.0\\.0\\.1:[^:]*:\\d+").matcher().group(1);
        log.await("sslserver: end " + id + " status 0");
    }

    /** From 127.0.0.2 (no RELAYCLIENT) only the domains of RCPTHOSTS. */
    private static void restricted(Path cert, int port, ServiceLog log) {
        Tools.Result r = swaks(cert, port, "127.0.0.2", "rcpt@elsewhere.example,rcpt@example.org");
        assertThat(r.out()).as(r.toString()).contains("=== TLS started with cipher",
                " ~> RCPT TO:<rcpt@elsewhere.example>\n<~* 553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)",
                " ~> RCPT TO:<rcpt@example.org>\n<~  250 ok", "<~  250 accepted");
        String id = log.await("sslserver: ok (\\d+) " + Pattern.quote(LOCAL) + ":127\\.0\\.0\\.1:" + port
                + " [^ ]*:127\\.0\\.0\\.2:[^:]*:\\d+").matcher().group(1);
        log.await("sslserver: end " + id + " status 0");
    }

    private static Tools.Result swaks(Path cert, int port, String from, String to) {
        return Tools.run(cert.getParent(), Map.of(), new byte[0], Peers.PEER_TIMEOUT, List.of("swaks", "--server",
                "127.0.0.1:" + port, "--local-interface", from, "--tls", "--tls-verify", "--tls-ca-path", cert.toString(),
                "--ehlo", "client.example", "--from", "sender@example.net", "--to", to, "--timeout", "60"));
    }

    /** The service's log as its logger wrote it: {@code log/main/current}. */
    record ServiceLog(Path service, String stamp) {
        Path current() {
            return service.resolve("log/main/current");
        }

        List<String> lines() {
            try {
                return Files.exists(current()) ? Files.readAllLines(current(), StandardCharsets.ISO_8859_1) : List.of();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        record Found(int index, Matcher matcher) {}

        Found await(String body) {
            return await(0, body);
        }

        /** The first line from {@code from} on that is the stamp then {@code body}, waiting for it. */
        Found await(int from, String body) {
            Pattern p = Pattern.compile(stamp + body);
            Found[] found = {null};
            awaitTrue(() -> {
                List<String> lines = lines();
                for (int i = from; i < lines.size(); i++) {
                    Matcher m = p.matcher(lines.get(i));
                    if (m.matches()) {
                        found[0] = new Found(i, m);
                        return true;
                    }
                }
                return false;
            }, () -> "a line " + body + " in " + current() + ":\n" + String.join("\n", lines()));
            return found[0];
        }

        @Override
        public String toString() {
            return current() + ":\n" + String.join("\n", lines());
        }
    }

    /** Starts {@code command} in its own session (so its process group can be killed) with nothing but a PATH. */
    private static Process spawn(Path dir, String... command) {
        List<String> argv = new ArrayList<>(List.of("setsid"));
        argv.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command[0] + " (is it installed?)", e);
        }
    }

    private static Tools.Result tool(String... command) {
        return Tools.run(Path.of("/"), Map.of(), new byte[0], Duration.ofSeconds(90), List.of(command));
    }

    private static void awaitExit(List<Process> processes) {
        for (Process p : processes) {
            try {
                assertThat(p.waitFor(Tools.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as(p + " exits").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        awaitTrue(condition, () -> what);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + ServerProcess.STARTUP.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + ServerProcess.STARTUP + " in vain for " + what.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static boolean gone(long pid) {
        return ProcessHandle.of(pid).map(h -> !h.isAlive() || zombie(pid)).orElse(true);
    }

    /**
     * The live (not zombie) processes among those seen, and any with its working directory in the
     * test's directory (every process of a service has its service directory there).
     */
    private Set<ProcessHandle> remaining(Set<Long> seen) {
        Set<ProcessHandle> left = new LinkedHashSet<>();
        ProcessHandle.allProcesses().forEach(p -> {
            if (p.pid() == ProcessHandle.current().pid() || zombie(p.pid())) {
                return;
            }
            if (seen.contains(p.pid()) || cwdIn(p.pid(), dir)) {
                left.add(p);
            }
        });
        return left;
    }

    private static boolean cwdIn(long pid, Path dir) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")).startsWith(dir);
        } catch (IOException | SecurityException e) {
            return false; // gone, or not ours to read
        }
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true; // gone
        }
    }

    /** Whatever a failed test left: the supervisors' process groups, their descendants, the services. */
    private void killEverything(List<Process> supervisors, Set<Long> seen) {
        for (Process p : supervisors) {
            List<ProcessHandle> descendants = p.descendants().toList();
            if (p.isAlive()) {
                Tools.run(Path.of("/"), List.of("kill", "-KILL", "--", "-" + p.pid()));
            }
            p.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
        remaining(seen).forEach(ProcessHandle::destroyForcibly);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
