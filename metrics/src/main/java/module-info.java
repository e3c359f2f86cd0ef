/**
 * sslserver's Prometheus endpoint: {@link org.ucspi4j.metrics.PrometheusEndpoint} starts it and
 * feeds it the server's {@link org.ucspi4j.runtime.server.ServerEvents}.
 */
module org.ucspi4j.metrics {
    requires org.ucspi4j.runtime;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires io.prometheus.metrics.exporter.httpserver;
    requires io.prometheus.metrics.instrumentation.jvm;
    requires jdk.httpserver;

    exports org.ucspi4j.metrics;
}
