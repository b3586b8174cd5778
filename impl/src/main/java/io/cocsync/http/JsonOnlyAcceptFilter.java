package io.cocsync.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * The API speaks only JSON, so it answers JSON whatever {@code Accept} says (browsers, curl and
 * SDKs send all sorts) instead of refusing with 406, a status no operation documents.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public final class JsonOnlyAcceptFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        // /metrics speaks Prometheus' text format: only the API is JSON-only
        if (request.getUriInfo().getPath().startsWith("v1/")) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        }
    }
}
