package io.cocsync.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Matches the API's paths exactly, as the spec writes them. Jersey on its own would take
 * {@code /v1/vendor-account/{id}/} (a trailing slash) and {@code {id};foo=bar} (a matrix
 * parameter) for the resource itself and act on it; they are unknown paths, answered 404 like
 * any other. It runs right after authentication, where every unknown path is answered.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION + 10)
public final class ExactPathFilter implements ContainerRequestFilter {

    private static final String API = "/v1/";

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (path != null && path.startsWith(API) && (path.endsWith("/") || path.indexOf(';') >= 0)) {
            throw new WebApplicationException(ErrorResponses.of(ErrorCode.NOT_FOUND, "No such path."));
        }
    }
}
