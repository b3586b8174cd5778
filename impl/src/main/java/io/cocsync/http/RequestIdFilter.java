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
 *
 * <p>The header is spelled as Huawei Cloud's API reference spells it for each operation:
 * {@code X-request-id} for ListVendorAccount, {@code X-Request-Id} everywhere else. Header names
 * are case-insensitive for HTTP, but Huawei's Java SDK looks ListVendorAccount's field up by
 * its exact spelling and leaves it empty (with a warning on every call) otherwise.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "X-Request-Id";
    /** ListVendorAccount's spelling in Huawei's API reference and SDK model. */
    private static final String LIST_VENDOR_ACCOUNT_HEADER = "X-request-id";
    static final String PROPERTY = "coc.request-id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern LIST_VENDOR_ACCOUNT_PATH = Pattern.compile("/?v1/vendor-account/?");

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
        response.getHeaders().putSingle(headerNameFor(request.getMethod(), request.getUriInfo().getPath()), requestId);
        if (response.getEntity() instanceof ErrorResponse error && error.getRequestId() == null) {
            error.setRequestId(requestId);
        }
    }

    /**
     * The spelling of the response header for a request: by method and path rather than by the
     * matched resource method, so that a ListVendorAccount refused before matching (401) is
     * answered with the same spelling as one that succeeds.
     */
    private static String headerNameFor(String method, String path) {
        boolean listVendorAccount = "GET".equals(method) && LIST_VENDOR_ACCOUNT_PATH.matcher(path).matches();
        return listVendorAccount ? LIST_VENDOR_ACCOUNT_HEADER : HEADER;
    }
}
