package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load and soak tool, {@code bench/soak.sh}, at CI size: 2,000 TLS connections, 100 at a time,
 * against {@code sslserver -c 200} running the echo sample. Every payload comes back whole (SHA-256),
 * every connection ends with status 0, and the server's open fds, threads and children are back to
 * their baseline after the load, with no zombie and no live-heap growth. The full-size run (100,000
 * connections, 500 at a time) is the same script by hand, see bench/README.md.
 */
class SoakIT {
    @TempDir
    Path dir;

    @Test
    void twoThousandEchoedConnectionsLoseNothingAndLeaveNothingBehind() {
        Map<String, String> env = Launcher.baseEnvironment();
        env.putAll(Map.of("N", "2000", "C", "100", "WARMUP", "200", "MAX", "16384", "QUIET", "5", "SETTLE", "60",
                "DIR", dir.resolve("soak").toString()));
        Tools.Result r = Tools.run(dir, env, new byte[0], Duration.ofMinutes(10),
                List.of(Launcher.home().resolve("bench/soak.sh").toString()));
        System.out.println(r.out());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("result: connections=2000 ok=2000 failed=0 corrupted=0").contains("soak: PASS");
    }
}
