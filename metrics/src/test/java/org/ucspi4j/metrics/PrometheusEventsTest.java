package org.ucspi4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ucspi4j.runtime.server.ServerEvents.Admission;

/** Known events in, the exact exposition out. */
class PrometheusEventsTest {
    static String scrape(PrometheusRegistry registry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void countsWhatHappened() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        PrometheusEvents events = new PrometheusEvents(registry);
        events.connection(Admission.ACCEPTED);
        events.connection(Admission.ACCEPTED);
        events.connection(Admission.DENIED);
        events.connection(Admission.OVER_MAXCONIP);
        events.handshake("TLSv1.3", Duration.ofMillis(3));
        events.handshake("TLSv1.2", Duration.ofMillis(30));
        events.handshake(null, Duration.ofSeconds(2));
        events.session(1);
        events.session(1);
        events.session(-1);
        events.programStarted();
        events.programStarted();
        events.programEnded(0);
        events.programEnded(15); // killed by SIGTERM
        events.programStarted();
        events.bytes(100, 2000);
        events.bytes(5, 0);
        events.rulesReload(true);
        String text = scrape(registry);
        assertThat(text).contains(
                "sslserver_connections_total{result=\"accepted\"} 2.0",
                "sslserver_connections_total{result=\"denied\"} 1.0",
                "sslserver_connections_total{result=\"over_maxconip\"} 1.0",
                "sslserver_connections_total{result=\"over_limit\"} 0.0",
                "sslserver_connections_total{result=\"dropped\"} 0.0",
                "sslserver_handshakes_total{protocol=\"TLSv1.3\",result=\"ok\"} 1.0",
                "sslserver_handshakes_total{protocol=\"TLSv1.2\",result=\"ok\"} 1.0",
                "sslserver_handshakes_total{protocol=\"none\",result=\"failed\"} 1.0",
                "sslserver_handshake_seconds_bucket{le=\"0.005\"} 1",
                "sslserver_handshake_seconds_bucket{le=\"0.05\"} 2",
                "sslserver_handshake_seconds_bucket{le=\"+Inf\"} 3",
                "sslserver_handshake_seconds_count 3",
                "sslserver_sessions_active 1.0",
                "sslserver_programs_running 1.0",
                "sslserver_program_exits_total{status=\"0\"} 1.0",
                "sslserver_program_exits_total{status=\"signal 15\"} 1.0",
                "sslserver_bytes_total{direction=\"in\"} 105.0",
                "sslserver_bytes_total{direction=\"out\"} 2000.0",
                "sslserver_rules_reloads_total{result=\"ok\"} 1.0",
                "sslserver_rules_reloads_total{result=\"failed\"} 0.0");
    }

    @Test
    void labelsComeFromSmallSets() {
        assertThat(PrometheusEvents.status(3 << 8)).isEqualTo("3");
        assertThat(PrometheusEvents.status(9 | 0x80)).isEqualTo("signal 9"); // core dumped
        assertThat(PrometheusEvents.protocolLabel("TLSv1.3")).isEqualTo("TLSv1.3");
        assertThat(PrometheusEvents.protocolLabel("anything a peer says")).isEqualTo("other");
    }

    @Test
    void addressesDefaultToLoopback() {
        assertThat(PrometheusEndpoint.Address.parse("9100").host().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(PrometheusEndpoint.Address.parse("0.0.0.0:9100").host().getHostAddress()).isEqualTo("0.0.0.0");
        assertThat(PrometheusEndpoint.Address.parse("[::1]:0").port()).isZero();
        for (String bad : new String[] {"", "x", "::1:9100", ":9100", "127.0.0.1:70000", "127.0.0.1:-1"}) {
            assertThatThrownBy(() -> PrometheusEndpoint.Address.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("METRICS: ");
        }
    }
}
