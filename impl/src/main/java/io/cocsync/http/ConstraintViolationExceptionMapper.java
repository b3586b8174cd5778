package io.cocsync.http;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.stream.Collectors;

/** Violations of the spec's constraints (lengths, ranges, required values): 400 naming each field. */
public final class ConstraintViolationExceptionMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        String details = exception.getConstraintViolations().stream()
                .map(ConstraintViolationExceptionMapper::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        return ErrorResponses.of(ErrorCode.INVALID_PARAMETER, "Invalid parameter values: " + details + ".");
    }

    private static String describe(ConstraintViolation<?> violation) {
        String leaf = null;
        int depth = 0;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null) {
                leaf = node.getName();
            }
            depth++;
        }
        // method.parameter: a body parameter that is missing altogether
        boolean wholeBody = depth == 2 && leaf != null && leaf.matches(".*Request(Body)?$");
        String name = wholeBody ? "the request body" : snakeCase(leaf);
        return name + " " + violation.getMessage();
    }

    static String snakeCase(String javaName) {
        if (javaName == null) {
            return "a value";
        }
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
