package org.ucspi4j.cli;

import java.io.IOException;
import org.ucspi4j.metrics.PrometheusEndpoint;
import org.ucspi4j.runtime.server.ServerEvents;

/**
 * METRICS= for the servers. A class of its own, reached only when the setting is there: the
 * Prometheus client's classes are then loaded, and never in a server without it, nor in the short
 * tools (the verifier of a class that named them would load them).
 */
final class Metrics {
    private Metrics() {}

    static ServerEvents.Endpoint.Started start(String setting) throws IOException {
        return new PrometheusEndpoint().start(setting);
    }
}
