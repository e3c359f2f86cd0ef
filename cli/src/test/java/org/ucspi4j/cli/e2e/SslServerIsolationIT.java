package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One JVM holds every connection's keys and plaintext, where the C server had a process per
 * connection: a program must not reach more than its own connection. Each test runs the attacks as the
 * program itself (a Python probe that reports what worked): a heap dump through the JVM's attach
 * mechanism ({@code jcmd $PPID GC.heap_dump}), the server's memory and environment through
 * {@code /proc/$PPID/mem} and {@code environ}, its perf-data file, and signals to the server and to
 * each of its threads.
 */
class SslServerIsolationIT {
    static final int NOBODY = 65534;
    static final int NOGROUP = 65534;
    /** The TLS side's ids with SSL_UID/SSL_GID: numeric ids need no passwd entry. */
    static final int SERVER_UID = 65533;
    static final int SERVER_GID = 65533;

    @TempDir
    Path dir;

    Path probe;
    Path dumps;
    Pki pki;

    @BeforeEach
    void probe() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        // where a successful heap dump would land: writable by whichever uid the server has
        dumps = Files.createDirectory(dir.resolve("dumps"));
        Files.setPosixFilePermissions(dumps, PosixFilePermissions.fromString("rwxrwxrwx"));
        pki = Pki.get();
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        probe = Programs.python(dir, "attack.py", """
                import glob, os, re, subprocess, sys
                server = os.getppid()
                out = {}
                status = open("/proc/self/status").read()
                def field(name):
                    return re.search("^" + name + r":[ \\t]*(.*)$", status, re.M).group(1).split()
                out["uid"] = field("Uid")[0]
                out["gid"] = field("Gid")[0]
                out["groups"] = ",".join(field("Groups")) or "-"
                out["caps"] = ",".join(str(int(field(c)[0], 16)) for c in ("CapInh", "CapPrm", "CapEff", "CapAmb"))
                def attempt(name, action):
                    try:
                        action()
                        out[name] = "ok"
                    except OSError as e:
                        out[name] = "denied"
                def read_mem():
                    maps = open("/proc/%d/maps" % server).read().split("\\n")
                    start = int(maps[0].split("-")[0], 16)
                    with open("/proc/%d/mem" % server, "rb") as m:
                        m.seek(start)
                        m.read(16)
                attempt("mem", read_mem)
                attempt("environ", lambda: open("/proc/%d/environ" % server, "rb").read())
                attempt("signal", lambda: os.kill(server, 0))
                signalled = 0
                try:
                    for tid in os.listdir("/proc/%d/task" % server):
                        try:
                            os.kill(int(tid), 0)
                            signalled += 1
                        except OSError:
                            pass
                except OSError:
                    pass
                out["threads-signalled"] = str(signalled)
                out["perfdata"] = "present" if glob.glob("/tmp/hsperfdata_*/%d" % server) else "absent"
                dump = os.path.join(sys.argv[1], "heap-%d.hprof" % os.getpid())
                try:
                    subprocess.run([sys.argv[2], "-J-Dsun.tools.attach.attachTimeout=4000", str(server),
                                    "GC.heap_dump", dump], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   timeout=60)
                except subprocess.TimeoutExpired:
                    pass
                out["heapdump"] = "written" if os.path.exists(dump) else "refused"
                print(" ".join(k + "=" + v for k, v in out.items()), flush=True)
                """);
        probeArgs = new String[] {probe.toString(), dumps.toString(), jcmd};
    }

    String[] probeArgs;

    /** The probe's report through one TLS connection. */
    private Map<String, String> attack(ServerProcess s) {
        Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", s.port());
        assertThat(r.exit()).as(r + s.logText()).isZero();
        Map<String, String> report = new LinkedHashMap<>();
        for (String pair : r.text().strip().split(" ")) {
            int eq = pair.indexOf('=');
            report.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return report;
    }

    @Test
    void aProgramUnderTheServersOwnUidCannotReadItsMemoryOrDumpItsHeap() {
        assumeTrue(Tools.isRoot(), "needs root");
        try (ServerProcess s = ServerProcess.in(dir).options("-v", "-u", Integer.toString(NOBODY), "-g",
                Integer.toString(NOGROUP)).pkiCertificate(pki).program(probeArgs).start()) {
            Map<String, String> report = attack(s);
            assertThat(report).as(s.logText())
                    .containsEntry("uid", "65534").containsEntry("gid", "65534").containsEntry("groups", "65534")
                    .containsEntry("caps", "0,0,0,0")
                    .containsEntry("mem", "denied").containsEntry("environ", "denied")
                    .containsEntry("perfdata", "absent").containsEntry("heapdump", "refused")
                    // the same uid may signal (as in C without SSL_UID): SSL_UID is the answer, below
                    .containsEntry("signal", "ok");
            assertThat(dumps).isEmptyDirectory();
        }
    }

    @Test
    void dashUWithoutDashGLeavesNoSupplementaryGroupOfRoots() {
        assumeTrue(Tools.isRoot(), "needs root");
        try (ServerProcess s = ServerProcess.in(dir).options("-u", Integer.toString(NOBODY)).pkiCertificate(pki)
                .program(probeArgs).start()) {
            assertThat(attack(s)).as(s.logText()).containsEntry("uid", "65534").containsEntry("gid", "0")
                    .containsEntry("groups", "-").containsEntry("caps", "0,0,0,0");
        }
    }

    @Test
    void aProgramStartedByAServerThatNeverWasRootCannotReadItsMemoryOrDumpItsHeap() throws IOException {
        Path bin = Launcher.copyForAnyUser(dir.resolve("any"));
        Path cert = Files.copy(pki.file("server.pem"), dir.resolve("any/server.pem"));
        Path key = Files.copy(pki.file("server.key"), dir.resolve("any/server.key"));
        for (Path p : new Path[] {cert, key}) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try (ServerProcess s = ServerProcess.in(dir).runAs(NOBODY, NOGROUP, bin)
                .env("UCSPI4J_JAR", bin.resolveSibling("ucspi4j.jar").toString()).options("-v")
                .env("CERTFILE", cert.toString()).env("KEYFILE", key.toString()).program(probeArgs).start()) {
            Map<String, String> report = attack(s);
            assertThat(report).as(s.logText()).containsEntry("uid", "65534")
                    .containsEntry("mem", "denied").containsEntry("environ", "denied")
                    .containsEntry("perfdata", "absent").containsEntry("heapdump", "refused");
            assertThat(dumps).isEmptyDirectory();
        }
    }

    @Test
    void withSslUidTheProgramCanNeitherSignalNorReadTheServerAndTheServerStillEndsIt() throws IOException {
        assumeTrue(Tools.isRoot(), "needs root");
        Path lingering = Programs.script(dir, "linger.sh", "echo bye\nexec >&-\nexec sleep 60\n");
        try (ServerProcess s = ServerProcess.in(dir).options("-v", "-u", Integer.toString(NOBODY), "-g",
                        Integer.toString(NOGROUP)).env("SSL_UID", Integer.toString(SERVER_UID))
                .env("SSL_GID", Integer.toString(SERVER_GID)).pkiCertificate(pki).program(probeArgs).start()) {
            Map<String, String> report = attack(s);
            assertThat(report).as(s.logText())
                    .containsEntry("uid", "65534").containsEntry("gid", "65534").containsEntry("groups", "65534")
                    .containsEntry("caps", "0,0,0,0")
                    .containsEntry("mem", "denied").containsEntry("environ", "denied")
                    .containsEntry("signal", "denied").containsEntry("threads-signalled", "0")
                    .containsEntry("perfdata", "absent").containsEntry("heapdump", "refused");
            assertThat(dumps).isEmptyDirectory();

            // the JVM: every thread under the server's ids; one keeps CAP_SETUID, CAP_SETGID (ambient,
            // for setpriv) and CAP_KILL, the others nothing
            int privileged = 0;
            Map<String, String> threads = ThreadStatus.of(s.pid());
            for (Map.Entry<String, String> thread : threads.entrySet()) {
                String status = thread.getValue();
                assertThat(status).as("thread " + thread.getKey()).containsPattern(ThreadStatus.allIds("Uid", SERVER_UID))
                        .containsPattern(ThreadStatus.allIds("Gid", SERVER_GID))
                        .containsPattern("(?m)^Groups:\\s+" + SERVER_GID + "\\s*$");
                if (status.contains("CapPrm:\t00000000000000e0")) {
                    privileged++;
                    assertThat(status).containsPattern("(?m)^CapAmb:\\s+00000000000000c0$")
                            .containsPattern("(?m)^CapEff:\\s+00000000000000e0$");
                } else {
                    assertThat(status).containsPattern("(?m)^CapPrm:\\s+0+$").containsPattern("(?m)^CapEff:\\s+0+$")
                            .containsPattern("(?m)^CapAmb:\\s+0+$");
                }
            }
            assertThat(threads).hasSizeGreaterThan(5);
            assertThat(privileged).isEqualTo(1);
        }
        // A program under other ids that outlives its session still gets its SIGTERM (from the
        // privileged thread: the server's uid alone may not signal it), as the `end` line shows.
        try (ServerProcess s = ServerProcess.in(dir).options("-v", "-u", Integer.toString(NOBODY), "-g",
                        Integer.toString(NOGROUP)).env("SSL_UID", Integer.toString(SERVER_UID))
                .env("SSL_GID", Integer.toString(SERVER_GID)).pkiCertificate(pki).program(lingering.toString()).start()) {
            Peers.SClientResult r = Peers.sClient(pki, "127.0.0.1", s.port());
            assertThat(r.text()).as(r + s.logText()).isEqualTo("bye\n");
            s.awaitLine("sslserver: end \\d+ status 15", Duration.ofSeconds(30));
        }
    }

    @Test
    void badSslUidIsFatalBeforeAnythingIsServed() {
        Tools.Result r = ServerProcess.in(dir).env("SSL_UID", "nobody").pkiCertificate(pki)
                .runToExit("127.0.0.1", "0", "cat");
        assertThat(r.exit()).as(r.toString()).isEqualTo(111);
        assertThat(r.stderr()).contains("sslserver: fatal: unable to set uid: SSL_UID is not a number: 'nobody'");
    }
}
