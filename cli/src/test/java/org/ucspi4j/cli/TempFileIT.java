package org.ucspi4j.cli;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The temporary file of tcprules (each dialect) and cdbmake, through the real launchers: created
 * afresh (never written through a symbolic or hard link, a device or a fifo), removed when the run is
 * killed by SIGTERM, and never shared by two runs in a way that installs a mixed cdb. These are
 * deliberate differences from the C tools, which open it with O_TRUNC|O_CREAT and leave it behind.
 */
class TempFileIT {
    private static final byte[] OLD_CDB = "the old cdb, not a cdb at all".getBytes(ISO_8859_1);
    private static final byte[] VICTIM = "a file the temporary path points at\n".getBytes(ISO_8859_1);

    @TempDir
    Path dir;

    /** A tool and the input it takes: {@code tag} makes two inputs with the same keys give different cdbs. */
    record Tool(String name, List<String> command) {
        boolean cdbmake() {
            return name.equals("cdbmake");
        }

        byte[] line(String tag, int i) {
            String ip = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
            if (cdbmake()) {
                return ("+" + ip.length() + "," + tag.length() + ":" + ip + "->" + tag + "\n").getBytes(ISO_8859_1);
            }
            return (ip + ":allow,TAG=\"" + tag + "\"\n").getBytes(ISO_8859_1);
        }

        byte[] end() {
            return cdbmake() ? "\n".getBytes(ISO_8859_1) : new byte[0];
        }

        byte[] input(String tag, int from, int to) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = from; i < to; i++) {
                out.writeBytes(line(tag, i));
            }
            return out.toByteArray();
        }

        byte[] whole(String tag, int lines) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(input(tag, 0, lines));
            out.writeBytes(end());
            return out.toByteArray();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Tool> tools() {
        List<Tool> tools = new ArrayList<>();
        for (String dialect : List.of("tcp6", "djb", "fefe")) {
            tools.add(new Tool("tcprules --dialect=" + dialect,
                    List.of(CTools.launcher("tcprules").toString(), "--dialect=" + dialect)));
        }
        tools.add(new Tool("cdbmake", List.of(CTools.launcher("cdbmake").toString())));
        return tools.stream();
    }

    // ---- (a)-(d): what is at the temporary path ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("tools")
    void aSymbolicLinkIsRefusedAndItsTargetKept(Tool tool) throws Exception {
        Files.write(dir.resolve("victim"), VICTIM);
        Files.write(dir.resolve("t.cdb"), OLD_CDB);
        Files.createSymbolicLink(dir.resolve("t.tmp"), dir.resolve("victim"));
        Files.createSymbolicLink(dir.resolve("dangling.tmp"), dir.resolve("created-through-the-link"));

        for (String tmp : List.of("t.tmp", "dangling.tmp")) {
            Result r = run(tool, tool.whole("x", 10), "t.cdb", tmp);
            assertThat(r.exit()).as("%s", r).isEqualTo(111);
            assertThat(r.err()).as("%s", r).contains("unable to create").contains(tmp).endsWith(": is a symbolic link\n");
            assertThat(dir.resolve(tmp)).isSymbolicLink();
        }
        assertThat(dir.resolve("victim")).hasBinaryContent(VICTIM);
        assertThat(dir.resolve("created-through-the-link")).doesNotExist();
        assertThat(dir.resolve("t.cdb")).hasBinaryContent(OLD_CDB);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tools")
    void aHardLinkLosesOnlyItsNameAndTheOtherNameKeepsItsContent(Tool tool) throws Exception {
        byte[] expected = reference(tool, tool.whole("x", 50));
        Files.write(dir.resolve("victim"), VICTIM);
        Files.createLink(dir.resolve("t.tmp"), dir.resolve("victim"));

        Result r = run(tool, tool.whole("x", 50), "t.cdb", "t.tmp");

        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(dir.resolve("victim")).hasBinaryContent(VICTIM);
        assertThat(Files.getAttribute(dir.resolve("victim"), "unix:nlink")).isEqualTo(1);
        Bytes.assertSame("the cdb", Files.readAllBytes(dir.resolve("t.cdb")), expected);
        assertThat(dir.resolve("t.tmp")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tools")
    void aStaleTemporaryFileIsReplaced(Tool tool) throws Exception {
        byte[] expected = reference(tool, tool.whole("x", 50));
        Files.write(dir.resolve("t.tmp"), "left behind by a killed run, longer than the cdb will be: ".repeat(200)
                .getBytes(ISO_8859_1));

        Result r = run(tool, tool.whole("x", 50), "t.cdb", "t.tmp");

        assertThat(r.exit()).as("%s", r).isZero();
        Bytes.assertSame("the cdb", Files.readAllBytes(dir.resolve("t.cdb")), expected);
        assertThat(dir.resolve("t.tmp")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tools")
    void aDirectoryFifoOrDeviceIsRefusedAndLeftAlone(Tool tool) throws Exception {
        Files.write(dir.resolve("t.cdb"), OLD_CDB);
        Files.createDirectory(dir.resolve("adir"));
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("afifo").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        Map<String, String> why = Map.of("adir", "is a directory", "afifo", "not a regular file",
                "/dev/null", "not a regular file");
        for (Map.Entry<String, String> e : why.entrySet()) {
            Result r = run(tool, tool.whole("x", 10), "t.cdb", e.getKey());
            assertThat(r.exit()).as("%s: %s", e.getKey(), r).isEqualTo(111);
            assertThat(r.err()).as("%s: %s", e.getKey(), r).contains("unable to create").contains(e.getKey())
                    .endsWith(": " + e.getValue() + "\n");
        }
        assertThat(dir.resolve("adir")).isEmptyDirectory();
        int mode = (Integer) Files.getAttribute(dir.resolve("afifo"), "unix:mode", LinkOption.NOFOLLOW_LINKS);
        assertThat(mode & 0170000).as("still a fifo").isEqualTo(0010000);
        assertThat(dir.resolve("t.cdb")).hasBinaryContent(OLD_CDB);
    }

    // ---- (e) SIGTERM mid-compile ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("tools")
    void sigtermMidCompileLeavesNoTemporaryFileAndTheOldCdb(Tool tool) throws Exception {
        Files.write(dir.resolve("t.cdb"), OLD_CDB);
        Process p = start(tool, "t.cdb", "t.tmp");
        Feeder feeder = Feeder.start(p.getOutputStream(), tool, "x", 0, 3_000_000, false);
        // Mid-compile: the temporary file holds records and input is still flowing.
        awaitWritten(dir.resolve("t.tmp"), feeder, p);
        p.toHandle().destroy(); // SIGTERM to the JVM itself (the launcher execs java); stdin stays open
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        feeder.stop();

        assertThat(p.exitValue()).as("killed by SIGTERM, not finished (stderr %s)", stderr(p)).isEqualTo(128 + 15);
        assertThat(dir.resolve("t.tmp")).doesNotExist();
        assertThat(dir.resolve("t.cdb")).hasBinaryContent(OLD_CDB);
    }

    // ---- (f) two runs sharing one temporary path ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("tools")
    void twoRunsSharingATemporaryPathNeverInstallAMixedCdb(Tool tool) throws Exception {
        int aLines = 120_000;
        byte[] a = tool.whole("first", aLines);
        byte[] b = tool.whole("second", 20_000);
        byte[] refA = reference(tool, a);
        byte[] refB = reference(tool, b);
        Files.write(dir.resolve("t.cdb"), OLD_CDB);

        // A is well into writing the temporary file when B starts and runs to its end; then A ends.
        Process first = start(tool, "t.cdb", "t.tmp");
        Feeder feeder = Feeder.start(first.getOutputStream(), tool, "first", 0, aLines - 10_000, true);
        awaitWritten(dir.resolve("t.tmp"), feeder, first);
        feeder.join();
        Result second = run(tool, b, "t.cdb", "t.tmp");
        try (OutputStream rest = first.getOutputStream()) {
            rest.write(tool.input("first", aLines - 10_000, aLines));
            rest.write(tool.end());
        }
        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();

        byte[] installed = Files.readAllBytes(dir.resolve("t.cdb"));
        String what = "first: exit " + first.exitValue() + " " + stderr(first) + "; second: " + second;
        assertThat(installed).as("the cdb is exactly one of the two runs' (%s)", what)
                .matches(c -> java.util.Arrays.equals(c, refA) || java.util.Arrays.equals(c, refB));
        // The run that holds the path finishes; the other is told why it did not.
        assertThat(first.exitValue()).as(what).isZero();
        Bytes.assertSame("the first run's cdb", installed, refA);
        assertThat(second.exit()).as(what).isEqualTo(111);
        assertThat(second.err()).as(what).endsWith(": in use by another process\n");
        assertThat(dir.resolve("t.tmp")).doesNotExist();
    }

    // ---- a write failure, against the C tcprules ----

    /** EFBIG under {@code ulimit -f} (SIGXFSZ ignored): the C tool's message and exit; the file removed. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"djb", "fefe"})
    void aWriteFailureIsReportedAsByTheCTool(String dialect) throws Exception {
        Tool tool = new Tool("tcprules", List.of());
        Path input = dir.resolve("in.rules");
        Files.write(input, tool.whole("x", 3000));
        Path c = Files.createDirectory(dir.resolve("c"));
        Path ours = Files.createDirectory(dir.resolve("ours"));
        String limit = "trap '' XFSZ; ulimit -f 4; exec \"$0\" \"$@\" rules.cdb rules.tmp";
        CTools.Run reference = CTools.run(List.of("/bin/sh", "-c", limit, CTools.tool(dialect, "tcprules").toString()),
                c, input, environment(), 60);
        CTools.Run run = CTools.run(List.of("/bin/sh", "-c", limit, CTools.launcher("tcprules").toString(),
                "--dialect=" + dialect), ours, input, environment(), 60);
        String cErr = new String(reference.stderr(), ISO_8859_1);
        assertThat(cErr).isEqualTo("tcprules: fatal: unable to write to rules.tmp: file too big\n");
        assertThat(new String(run.stderr(), ISO_8859_1)).isEqualTo(cErr);
        assertThat(run.exit()).isEqualTo(reference.exit()).isEqualTo(111);
        assertThat(c.resolve("rules.tmp")).exists(); // the C tool leaves it behind
        assertThat(ours.resolve("rules.tmp")).doesNotExist();
        assertThat(ours.resolve("rules.cdb")).doesNotExist();
    }

    // ---- helpers ----

    record Result(int exit, String err) {}

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        CTools.launcherEnvironment(env);
        return env;
    }

    private Process start(Tool tool, String cdb, String tmp) throws IOException {
        List<String> command = new ArrayList<>(tool.command());
        command.add(cdb);
        command.add(tmp);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(Files.createTempFile(dir, "stderr", ".txt").toFile());
        Process p = pb.start();
        errs.put(p, stderrFile(pb));
        return p;
    }

    private final Map<Process, Path> errs = new HashMap<>();

    private static Path stderrFile(ProcessBuilder pb) {
        return pb.redirectError().file().toPath();
    }

    private String stderr(Process p) throws IOException {
        return Files.readString(errs.get(p), ISO_8859_1);
    }

    /** Runs to the end with {@code input}; a run that hangs (a fifo opened for writing) fails the test. */
    private Result run(Tool tool, byte[] input, String cdb, String tmp) throws Exception {
        Process p = start(tool, cdb, tmp);
        Feeder feeder = Feeder.write(p.getOutputStream(), input);
        boolean done = p.waitFor(30, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            p.waitFor();
        }
        feeder.stop();
        assertThat(done).as("%s %s %s ended (stderr %s)", tool, cdb, tmp, stderr(p)).isTrue();
        return new Result(p.exitValue(), stderr(p));
    }

    /** The cdb a lone run makes of {@code input}, in a directory of its own. */
    private byte[] reference(Tool tool, byte[] input) throws Exception {
        Path own = Files.createTempDirectory(dir, "reference");
        ProcessBuilder pb = new ProcessBuilder(withArgs(tool, own)).directory(own.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(environment());
        Process p = pb.start();
        Feeder.write(p.getOutputStream(), input);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return Files.readAllBytes(own.resolve("r.cdb"));
    }

    private static List<String> withArgs(Tool tool, Path own) {
        List<String> command = new ArrayList<>(tool.command());
        command.add(own.resolve("r.cdb").toString());
        command.add(own.resolve("r.tmp").toString());
        return command;
    }

    /** Waits until {@code tmp} holds records (past the 2048-byte header) while input is still going in. */
    private static void awaitWritten(Path tmp, Feeder feeder, Process p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                if (Files.size(tmp) > 64 * 1024 && feeder.written() > 1 << 20) {
                    return;
                }
            } catch (IOException notYet) {
                // not created yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the temporary file never filled; alive " + p.isAlive());
    }

    /** Writes input on a thread of its own, so the process can be watched (and killed) meanwhile. */
    private static final class Feeder {
        private final Thread thread;
        private final AtomicLong written = new AtomicLong();
        private final AtomicBoolean stop = new AtomicBoolean();

        private Feeder(Thread.Builder builder, Runnable body) {
            this.thread = builder.unstarted(body);
        }

        static Feeder start(OutputStream out, Tool tool, String tag, int from, int to, boolean keepOpen) {
            Feeder[] f = new Feeder[1];
            f[0] = new Feeder(Thread.ofPlatform().daemon(), () -> {
                try {
                    for (int i = from; i < to && !f[0].stop.get(); i += 1000) {
                        byte[] chunk = tool.input(tag, i, Math.min(to, i + 1000));
                        out.write(chunk);
                        f[0].written.addAndGet(chunk.length);
                    }
                    out.flush();
                    if (!keepOpen) {
                        out.close();
                    }
                } catch (IOException ended) {
                    // the process is gone: the point of the test
                }
            });
            f[0].thread.start();
            return f[0];
        }

        static Feeder write(OutputStream out, byte[] input) {
            Feeder[] f = new Feeder[1];
            f[0] = new Feeder(Thread.ofPlatform().daemon(), () -> {
                try (out) {
                    out.write(input);
                    f[0].written.addAndGet(input.length);
                } catch (IOException ended) {
                    // refused before reading its input
                }
            });
            f[0].thread.start();
            return f[0];
        }

        long written() {
            return written.get();
        }

        void join() throws InterruptedException {
            thread.join();
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join(10_000);
        }
    }
}
