package org.ucspi4j.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * samples/fleet/run as a user runs it: Debian's haproxy with PROXY v2 and LOCAL health checks in
 * front of two sslservers sharing one compiled cdb, driven, scraped, checked by promtool; it exits
 * 0 only when every count matches what it sent.
 */
class FleetIT {
    @TempDir
    Path dir;

    @Test
    void theSampleFleetServesCountsAndDenies() {
        Map<String, String> env = new java.util.HashMap<>(Launcher.baseEnvironment());
        env.put("FLEET_PORT", "24650"); // below the ephemeral range, apart from the benchmarks' 24300s
        Tools.Result r = Tools.run(dir, env, new byte[0], Duration.ofMinutes(5),
                List.of(Launcher.home().resolve("samples/fleet/run").toString()));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("fleet: 20 requests through haproxy", "5 of 5 from 127.0.0.3 refused",
                "fleet: metrics: accepted +", "denied +5 (= 5)", "fleet: ok");
        assertThat(r.out()).containsPattern("node 1 answered [1-9]\\d*, node 2 [1-9]");
    }
}
