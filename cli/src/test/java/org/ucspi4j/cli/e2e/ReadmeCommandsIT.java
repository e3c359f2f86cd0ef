package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's commands on a fresh clone, in the order written. A {@code ```sh} block of the README
 * holds only commands that run as they stand from the top of a checkout; synopses and templates (your
 * own key, your qmail accounts) go in plain {@code ```} blocks. Each command has a driver here that
 * runs it through {@code sh} exactly as written and checks it did its job with a real peer; the first
 * test holds the README and this list to each other. The second copies the checkout's files as a clone
 * would have them (git's list: no {@code target/}, no jar), with no JAVA_HOME or jar given, so the first
 * command also proves the first-use build, samples included.
 */
class ReadmeCommandsIT {
    private static final Duration FIRST_BUILD = Duration.ofMinutes(15);

    @TempDir
    Path tmp;

    /** How one README command is seen to work. */
    @FunctionalInterface
    interface Check {
        void run(Clone clone, String command) throws Exception;
    }

    record Driver(String command, Check check) {}

    /** The README's ```sh commands, in order, each with its check. */
    static final List<Driver> DRIVERS = List.of(
            new Driver("bin/demo", ReadmeCommandsIT::demoServesUntilCtrlC),
            new Driver("bin/test", ReadmeCommandsIT::isWhatCiRuns),
            new Driver("bin/sslserver -vRl0 -n 0 587 samples/smtp/starttls-smtpd",
                    ReadmeCommandsIT::swaksDeliversOverStartTls),
            new Driver("bin/sslhandle --class-path=samples/target/ucspi4j-samples.jar 127.0.0.1 4433"
                    + " org.ucspi4j.samples.PrintEnvironment", ReadmeCommandsIT::opensslGetsTheEnvironment));

    @Test
    void everyReadmeCommandHasItsDriverInOrder() throws IOException {
        List<String> commands = readmeCommands(Files.readString(Launcher.home().resolve("README.md")));
        assertThat(commands).as("the README's ```sh commands").containsExactlyElementsOf(
                DRIVERS.stream().map(Driver::command).toList());
    }

    @Test
    void everyReadmeCommandWorksOnAFreshCloneInOrder() throws Exception {
        Clone clone = Clone.of(Launcher.home(), tmp.resolve("clone"), tmp.resolve("tmp"));
        assertThat(clone.dir().resolve("cli/target")).doesNotExist();
        for (Driver d : DRIVERS) {
            d.check().run(clone, d.command());
        }
    }

    /** The commands of the README's {@code ```sh} blocks: comments and blank lines dropped, continued lines joined. */
    static List<String> readmeCommands(String readme) {
        List<String> commands = new ArrayList<>();
        boolean inSh = false;
        StringBuilder pending = new StringBuilder();
        for (String line : readme.split("\n", -1)) {
            if (line.startsWith("```")) {
                inSh = !inSh && line.equals("```sh");
                continue;
            }
            if (!inSh) {
                continue;
            }
            String code = line.replaceFirst("(^|\\s+)#.*$", "").stripTrailing();
            if (code.endsWith("\\")) {
                pending.append(code, 0, code.length() - 1).append(' ');
                continue;
            }
            String command = (pending + code).strip().replaceAll("\\s+", " ");
            pending.setLength(0);
            if (!command.isEmpty()) {
                commands.add(command);
            }
        }
        return commands;
    }

    /** A checkout as git would clone it, a TMPDIR of its own, and the environment of a newcomer's shell. */
    record Clone(Path dir, Path tmpdir, Map<String, String> env) {
        static Clone of(Path checkout, Path dir, Path tmpdir) throws IOException {
            Files.createDirectories(tmpdir);
            Tools.Result files = Tools.run(checkout, Tools.command("git", "ls-files", "-z", "--cached", "--others",
                    "--exclude-standard"));
            assertThat(files.exit()).as(files.toString()).isZero();
            for (String name : files.out().split("\0")) {
                Path from = checkout.resolve(name);
                if (name.isEmpty() || !Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // deleted in the work tree
                }
                Path to = dir.resolve(name);
                Files.createDirectories(to.getParent());
                Files.copy(from, to, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
            }
            Map<String, String> env = new LinkedHashMap<>();
            env.put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
            env.put("HOME", System.getProperty("user.home"));
            env.put("TMPDIR", tmpdir.toString());
            env.put("LANG", "C.UTF-8");
            return new Clone(dir, tmpdir, env);
        }

        /** {@code sh -c "exec COMMAND"} in the clone, output and errors merged. */
        Process start(String command) throws IOException {
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", "exec " + command).directory(dir.toFile())
                    .redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(env);
            return pb.start();
        }

        Tools.Result run(String command, Duration within) {
            return Tools.run(dir, env, new byte[0], within, List.of("sh", "-c", command));
        }
    }

    /**
     * {@code bin/demo}: it builds the jar on first use, tours, and serves until Ctrl-C; the curl and
     * openssl lines it prints work as printed; Ctrl-C ends it (130) with nothing left in TMPDIR.
     */
    static void demoServesUntilCtrlC(Clone clone, String command) throws Exception {
        Process demo = clone.start(command);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
            DemoIT.Tour tour = DemoIT.Tour.read(out, FIRST_BUILD);
            assertThat(tour.port()).as(tour.text()).isPositive();
            assertThat(tour.text()).contains("first use").contains("hello from the rules file");
            String curl = Tools.readLineWithin(out, Duration.ofSeconds(10)).strip();
            String openssl = Tools.readLineWithin(out, Duration.ofSeconds(10)).strip();
            assertThat(curl).startsWith("curl ");
            assertThat(openssl).startsWith("openssl s_client ");
            Tools.Result c = clone.run(curl + " --silent --max-time 30", Duration.ofSeconds(40));
            assertThat(c.out()).as(c.toString()).contains("you are 127.0.0.1");
            Tools.Result o = clone.run(openssl + " </dev/null", Duration.ofSeconds(40));
            assertThat(o.out()).as(o.toString()).contains("CONNECTED(").containsPattern("New, TLSv1\\.[23], Cipher is ");

            Tools.run(clone.dir(), List.of("kill", "-INT", Long.toString(demo.pid())));
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(demo.exitValue()).isEqualTo(130);
            try (var left = Files.list(clone.tmpdir())) {
                assertThat(left.toList()).as("left in TMPDIR").isEmpty();
            }
        } finally {
            demo.destroyForcibly();
        }
        assertThat(clone.dir().resolve("samples/target/ucspi4j-samples.jar")).as("the first-use build's samples").exists();
    }

    /** {@code bin/test} is this suite: what it runs is seen by running it; here, that CI runs exactly it. */
    static void isWhatCiRuns(Clone clone, String command) throws IOException {
        assertThat(clone.dir().resolve(command)).isExecutable();
        assertThat(Files.readAllLines(clone.dir().resolve(".ci/run"))).contains(command);
    }

    /** A server started from the README, its output read as it comes. */
    record Server(Process process, CompletableFuture<byte[]> output) {
        static Server start(Clone clone, String command) throws IOException {
            Process p = clone.start(command);
            return new Server(p, Tools.drain(p.getInputStream()));
        }

        /** Waits until it accepts on {@code port}. */
        void awaitListening(int port) throws InterruptedException {
            long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < giveUp && process.isAlive()) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                    return;
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
            throw new AssertionError("nothing listens on port " + port + "; the server "
                    + (process.isAlive() ? "runs" : "exited " + process.exitValue() + ": " + stop()));
        }

        /**
         * SIGTERM (SIGKILL after 30 s), then everything it wrote. Through its ProcessHandle: Process.destroy
         * also closes the pipe under the reader, which then loses what it had read.
         */
        String stop() throws InterruptedException {
            process.toHandle().destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            return new String(output.join(), StandardCharsets.UTF_8);
        }
    }

    /** The STARTTLS sample behind sslserver -n: swaks delivers a message over TLS, and the log shows it. */
    static void swaksDeliversOverStartTls(Clone clone, String command) throws Exception {
        Server server = Server.start(clone, command);
        Tools.Result swaks;
        try {
            server.awaitListening(587);
            swaks = clone.run("swaks --server 127.0.0.1:587 --tls --from someone@example.org"
                    + " --to postmaster@example.org --timeout 30", Duration.ofSeconds(60));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n--- the server wrote:\n" + server.stop(), e);
        }
        String log = server.stop();
        assertThat(swaks.exit()).as("%s\n--- the server wrote:\n%s", swaks, log).isZero();
        assertThat(swaks.out()).contains("-> STARTTLS").contains("TLS started").contains("<~  250");
        assertThat(log).contains("sslserver: status: 1/").contains("sslserver: ssl ");
    }

    /** The sample handler behind sslhandle, from the samples' jar the first-use build made. */
    static void opensslGetsTheEnvironment(Clone clone, String command) throws Exception {
        Server server = Server.start(clone, command);
        try {
            server.awaitListening(4433);
            Tools.Result s = clone.run("openssl s_client -quiet -connect 127.0.0.1:4433 </dev/null", Duration.ofSeconds(40));
            assertThat(s.out()).as(s.toString()).contains("PROTO=SSL").contains("SSLREMOTEIP=127.0.0.1")
                    .contains("SSLLOCALPORT=4433");
        } finally {
            server.stop();
        }
    }
}
