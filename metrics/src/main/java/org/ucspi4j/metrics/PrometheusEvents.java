package org.ucspi4j.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Locale;
import org.ucspi4j.runtime.server.ServerEvents;

/**
 * The server's events as Prometheus metrics, all named {@code sslserver_*}. Every label value comes
 * from a small fixed set (results, protocol versions, exit statuses), so no client can grow the
 * series: no addresses, names or SNI values are ever labels.
 */
public final class PrometheusEvents implements ServerEvents {
    /** Handshake times: a loopback handshake takes about a millisecond, {@code -T} allows 26 s. */
    static final double[] HANDSHAKE_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 26};

    private final Counter connections;
    private final Counter handshakes;
    private final Histogram handshakeSeconds;
    private final Gauge sessions;
    private final Gauge programs;
    private final Counter bytes;
    private final Counter programExits;
    private final Counter rulesReloads;

    public PrometheusEvents(PrometheusRegistry registry) {
        connections = Counter.builder().name("sslserver_connections_total")
                .help("Connections accepted by the listener, by what became of them"
                        + " (over_limit: waited for one of the -c slots, counted also by its end)")
                .labelNames("result").register(registry);
        handshakes = Counter.builder().name("sslserver_handshakes_total")
                .help("TLS handshakes by result and protocol version").labelNames("result", "protocol").register(registry);
        handshakeSeconds = Histogram.builder().name("sslserver_handshake_seconds")
                .help("Time from a handshake's start to its end").classicOnly().classicUpperBounds(HANDSHAKE_BUCKETS)
                .register(registry);
        sessions = Gauge.builder().name("sslserver_sessions_active").help("TLS sessions open now").register(registry);
        programs = Gauge.builder().name("sslserver_programs_running").help("Programs running now").register(registry);
        bytes = Counter.builder().name("sslserver_bytes_total")
                .help("Plaintext relayed: in from clients to programs, out from programs to clients")
                .labelNames("direction").register(registry);
        programExits = Counter.builder().name("sslserver_program_exits_total")
                .help("Programs ended, by exit status (0-255) or the signal that ended them (signal N)")
                .labelNames("status").register(registry);
        rulesReloads = Counter.builder().name("sslserver_rules_reloads_total")
                .help("Rules databases (-x, -y) opened again after they changed, by result").labelNames("result")
                .register(registry);
        for (Admission a : Admission.values()) {
            connections.labelValues(label(a)); // every result shows, at 0, from the first scrape
        }
        for (String r : new String[] {"ok", "failed"}) {
            rulesReloads.labelValues(r);
        }
        bytes.labelValues("in");
        bytes.labelValues("out");
    }

    static String label(Admission a) {
        return a.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void connection(Admission admission) {
        connections.labelValues(label(admission)).inc();
    }

    @Override
    public void handshake(String protocol, Duration took) {
        handshakes.labelValues(protocol == null ? "failed" : "ok", protocol == null ? "none" : protocolLabel(protocol)).inc();
        handshakeSeconds.observe(took.toNanos() / 1e9);
    }

    /** A version JSSE names ({@code TLSv1.3}); anything else is {@code other}, so labels stay few. */
    static String protocolLabel(String protocol) {
        return switch (protocol) {
            case "TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1" -> protocol;
            default -> "other";
        };
    }

    @Override
    public void session(int delta) {
        sessions.inc(delta);
    }

    @Override
    public void programStarted() {
        programs.inc();
    }

    @Override
    public void programEnded(int waitStatus) {
        programs.dec();
        programExits.labelValues(status(waitStatus)).inc();
    }

    /** {@code 0}-{@code 255} for an exit, {@code signal N} for a program a signal ended. */
    static String status(int waitStatus) {
        int signal = waitStatus & 0x7f;
        return signal == 0 ? Integer.toString((waitStatus >> 8) & 0xff) : "signal " + signal;
    }

    @Override
    public void bytes(long fromClients, long toClients) {
        bytes.labelValues("in").inc(fromClients);
        bytes.labelValues("out").inc(toClients);
    }

    @Override
    public void rulesReload(boolean ok) {
        rulesReloads.labelValues(ok ? "ok" : "failed").inc();
    }
}
