package io.cocsync.metrics;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** {@code GET /metrics}: every meter in Prometheus' text exposition format, outside authentication. */
@Path("/metrics")
public final class MetricsResource {

    private final ServiceMetrics metrics;

    public MetricsResource(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public String scrape() {
        return metrics.scrape();
    }
}
