package io.cocsync.http;

import io.cocsync.api.server.model.ErrorResponse;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is well formed, a new
 * one otherwise), returns it in the {@code X-Request-Id} header of every response, and puts it
 * into every error body.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "X-Request-Id";
    static final String PROPERTY = "coc.request-id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(PROPERTY, requestIdOf(request.getHeaderString(HEADER)));
    }

    /** The caller's id when it is well formed, a new one otherwise. */
    public static String requestIdOf(String sent) {
        if (sent != null && WELL_FORMED.matcher(sent).matches()) {
            return sent;
        }
        // an id to find a request by, not a secret: no need for SecureRandom's lock on every request
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        String requestId = id != null ? id.toString() : requestIdOf(null);
        response.getHeaders().putSingle(HEADER, requestId);
        if (response.getEntity() instanceof ErrorResponse error && error.getRequestId() == null) {
            error.setRequestId(requestId);
        }
    }
}
