package io.cocsync.http;

import io.cocsync.api.server.model.ErrorResponse;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.glassfish.jersey.server.ParamException;

/**
 * Gives the errors that Jersey itself raises (unknown path, wrong method, unsupported media
 * type, unconvertible parameters) the documented error body.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    static final String NOT_ALLOWED = "The method is not allowed on this path.";
    /** Methods Jersey answers by itself on every path; {@code Allow} lists the spec's operations only. */
    private static final Set<String> CONTAINER_METHODS = Set.of("HEAD", "OPTIONS");

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response response = exception.getResponse();
        if (response.getEntity() instanceof ErrorResponse) {
            return response;
        }
        if (exception instanceof ParamException param) {
            // JAX-RS answers 404 for an unconvertible query or path parameter; it is bad input
            return ErrorResponses.of(ErrorCode.INVALID_PARAMETER,
                    "Invalid parameter values: " + param.getParameterName() + " has an invalid value.");
        }
        int status = response.getStatus();
        ErrorCode code = ErrorCode.forStatus(status);
        Response error = ErrorResponses.of(code, status, messageFor(code, status));
        String allow = response.getHeaderString(HttpHeaders.ALLOW);
        return allow == null ? error
                : Response.fromResponse(error).header(HttpHeaders.ALLOW, operationsOnly(allow)).build();
    }

    private static String operationsOnly(String allow) {
        return Arrays.stream(allow.split(","))
                .map(String::trim)
                .filter(method -> !method.isEmpty() && !CONTAINER_METHODS.contains(method))
                .sorted()
                .collect(Collectors.joining(", "));
    }

    private static String messageFor(ErrorCode code, int status) {
        return switch (code) {
            case NOT_FOUND -> "No such path.";
            case METHOD_NOT_ALLOWED -> NOT_ALLOWED;
            case UNSUPPORTED_MEDIA_TYPE -> "The request body must be application/json.";
            case PAYLOAD_TOO_LARGE -> "The request body is too large.";
            case INTERNAL_ERROR -> "Internal server error. Quote the request id when reporting it.";
            default -> "Invalid request: " + ErrorCode.reason(status) + ".";
        };
    }
}
