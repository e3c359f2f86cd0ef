package org.ucspi4j.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import org.ucspi4j.runtime.server.ServerEvents;

/**
 * {@code METRICS=[HOST:]PORT}: Prometheus's {@code /metrics} on that address, with the server's
 * metrics ({@link PrometheusEvents}) and the JVM's standard ones. A port alone listens on
 * 127.0.0.1 only: the endpoint is on a public address only when the setting names one.
 */
public final class PrometheusEndpoint implements ServerEvents.Endpoint {
    /** Where a setting says to listen. */
    record Address(InetAddress host, int port) {
        /** {@code PORT}, {@code HOST:PORT} or {@code [IPv6]:PORT}; IllegalArgumentException otherwise. */
        static Address parse(String setting) {
            String s = setting.strip();
            String host = "127.0.0.1";
            String port = s;
            int colon = s.lastIndexOf(':');
            if (colon >= 0) {
                host = s.substring(0, colon);
                port = s.substring(colon + 1);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                } else if (host.contains(":")) {
                    throw new IllegalArgumentException("METRICS: write an IPv6 address in brackets: " + setting);
                }
                if (host.isEmpty()) {
                    throw new IllegalArgumentException("METRICS: no host before the colon: " + setting);
                }
            }
            int p;
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("METRICS: not a port: " + setting);
            }
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("METRICS: not a port: " + setting);
            }
            try {
                return new Address(InetAddress.getByName(host), p);
            } catch (IOException e) {
                throw new IllegalArgumentException("METRICS: unable to resolve " + host);
            }
        }
    }

    @Override
    public Started start(String setting) throws IOException {
        Address where = Address.parse(setting);
        PrometheusRegistry registry = new PrometheusRegistry();
        PrometheusEvents events = new PrometheusEvents(registry);
        JvmMetrics.builder().register(registry);
        HTTPServer server = HTTPServer.builder().inetAddress(where.host()).port(where.port()).registry(registry)
                // one scrape at a time, on a thread of its own: a scraper cannot tie up the server
                .executorService(Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "metrics");
                    t.setDaemon(true);
                    return t;
                })).buildAndStart();
        return new Started(events, new InetSocketAddress(where.host(), server.getPort()));
    }
}
