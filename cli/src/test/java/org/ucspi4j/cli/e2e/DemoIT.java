package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, {@code bin/demo}: the tour, then a server that keeps serving the
 * printed port until Ctrl-C, and a clean end (no server, no work directory left); {@code --once} stops
 * after the tour.
 */
class DemoIT {
    @TempDir
    Path tmp;

    private ProcessBuilder demo(String... args) {
        List<String> command = new ArrayList<>(List.of(Launcher.bin("demo").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Launcher.baseEnvironment());
        pb.environment().put("TMPDIR", tmp.toString()); // its mktemp -d lands here, where the test can look
        return pb;
    }

    /** What the demo printed up to its "serving ... until Ctrl-C" line, and the port it names (0: it never said). */
    record Tour(int port, String text) {
        static Tour read(BufferedReader out, Duration within) throws InterruptedException {
            Pattern serving = Pattern.compile(".*serving on 127\\.0\\.0\\.1 port (\\d+) until Ctrl-C.*");
            StringBuilder seen = new StringBuilder();
            long giveUp = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < giveUp) {
                String line = Tools.readLineWithin(out, within);
                if (line == null) {
                    break;
                }
                seen.append(line).append('\n');
                Matcher m = serving.matcher(line);
                if (m.matches()) {
                    return new Tour(Integer.parseInt(m.group(1)), seen.toString());
                }
            }
            return new Tour(0, seen.toString());
        }
    }

    @Test
    void theDemoServesUntilInterruptedAndLeavesNothingBehind() throws Exception {
        Process p = demo().start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Tour tour = Tour.read(out, Duration.ofSeconds(120));
        int port = tour.port();
        assertThat(port).as(tour.text()).isPositive();
        assertThat(tour.text()).contains("hello from the rules file");
        String curlLine = Tools.readLineWithin(out, Duration.ofSeconds(10));
        assertThat(curlLine).isEqualTo("  curl -k https://127.0.0.1:" + port + "/");
        assertThat(Tools.readLineWithin(out, Duration.ofSeconds(10))).isEqualTo("  openssl s_client -connect 127.0.0.1:" + port);

        // still serving, well after the tour: the line it printed works
        Thread.sleep(3000);
        Tools.Result curl = Tools.run(tmp, Tools.command("curl", "-sk", "--max-time", "30", "https://127.0.0.1:" + port + "/"));
        assertThat(curl.out()).as(curl.toString()).contains("you are 127.0.0.1");

        try (var dirs = Files.list(tmp)) {
            assertThat(dirs.toList()).as("its work directory").hasSize(1);
        }
        long server = ProcessHandle.of(p.pid()).orElseThrow().children()
                .filter(c -> c.info().commandLine().orElse("").contains("sslserver")).findFirst().orElseThrow().pid();
        Tools.run(tmp, List.of("kill", "-INT", Long.toString(p.pid()))); // Ctrl-C
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(130);
        for (int i = 0; i < 100 && ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false)).as("the server").isFalse();
        try (var dirs = Files.list(tmp)) {
            assertThat(dirs.toList()).as("left in TMPDIR").isEmpty();
        }
    }

    @Test
    void onceStopsAfterTheTour() throws Exception {
        Process p = demo("--once").start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).contains("listening on 127.0.0.1 port").contains("hello from the rules file")
                .contains("sslserver: deny").doesNotContain("until Ctrl-C");
        try (var dirs = Files.list(tmp)) {
            assertThat(dirs.toList()).isEmpty();
        }
    }
}
