package io.cocsync.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request (method, path template, status, duration, request id) and the
 * request timer by operation and status. Templates, not raw paths, keep both free of ids.
 */
@PreMatching
@Priority(0)
public final class RequestLogFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger ACCESS = LoggerFactory.getLogger("io.cocsync.access");
    private static final String STARTED = "coc.request-started";

    private final MeterRegistry registry;

    public RequestLogFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        Duration took = Duration.ofNanos(System.nanoTime() - (started instanceof Long nanos ? nanos : System.nanoTime()));
        ExtendedUriInfo uri = (ExtendedUriInfo) request.getUriInfo();
        String template = template(uri);
        int status = response.getStatus();
        Timer.builder("http.server.requests")
                .description("HTTP requests by operation and status")
                .tags("operation", operation(uri), "method", request.getMethod(), "status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
        ACCESS.info("{} {} {} {}ms request_id={}", request.getMethod(), template, status, took.toMillis(),
                request.getProperty(RequestIdFilter.PROPERTY));
    }

    private static String template(ExtendedUriInfo uri) {
        List<String> parts = new ArrayList<>();
        uri.getMatchedTemplates().forEach(t -> parts.add(t.getTemplate()));
        if (parts.isEmpty()) {
            return "(unmatched)";
        }
        Collections.reverse(parts);
        String joined = String.join("", parts).replace("//", "/");
        return joined.startsWith("/") ? joined : "/" + joined;
    }

    /** The operation's name: the spec's operationId for API calls, e.g. CreateVendorAccount. */
    private static String operation(ExtendedUriInfo uri) {
        ResourceMethod method = uri.getMatchedResourceMethod();
        if (method == null || method.getInvocable().getHandlingMethod() == null) {
            return "unmatched";
        }
        return Operations.idOf(method.getInvocable().getHandlingMethod());
    }
}
