package io.cocsync.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * Answers 405 with the error body and {@code Allow} when a request reached a method that Jersey
 * adds to every path by itself (its automatic OPTIONS answer), not one of the API's operations.
 * Without it such a request went on to authorization, which refused it by the name of an
 * internal method. It runs after authentication, like Jersey's own 405 for other methods.
 */
@Priority(Priorities.AUTHORIZATION - 10)
public final class ContainerMethodFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        ResourceMethod matched = ((ExtendedUriInfo) request.getUriInfo()).getMatchedResourceMethod();
        if (matched == null || isOurs(matched)) {
            return;
        }
        String allow = matched.getParent().getResourceMethods().stream()
                .filter(ContainerMethodFilter::isOurs)
                .map(ResourceMethod::getHttpMethod)
                .distinct()
                .sorted()
                .collect(Collectors.joining(", "));
        Response refused = ErrorResponses.of(ErrorCode.METHOD_NOT_ALLOWED, WebApplicationExceptionMapper.NOT_ALLOWED);
        throw new WebApplicationException(Response.fromResponse(refused).header(HttpHeaders.ALLOW, allow).build());
    }

    /** A method of one of the service's resources, not one that Jersey's model processors added. */
    static boolean isOurs(ResourceMethod method) {
        return method.getInvocable().getHandler().getHandlerClass().getName().startsWith("io.cocsync.");
    }
}
