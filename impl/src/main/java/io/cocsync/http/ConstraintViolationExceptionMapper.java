package io.cocsync.http;

import io.cocsync.accounts.EndpointSyntax;
import io.cocsync.text.Characters;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Violations of the spec's constraints (lengths, ranges, required values): 400 naming each
 * refused field or parameter once, with the rules it breaks. A list of a hundred bad values
 * gives one complaint, not a hundred, and the whole message stays within the spec's bound of
 * {@value #MAX_MESSAGE} characters for {@code error_msg}.
 */
public final class ConstraintViolationExceptionMapper implements ExceptionMapper<ConstraintViolationException> {

    static final int MAX_MESSAGE = 2048;
    private static final String PREFIX = "Invalid parameter values: ";

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        Map<String, Set<String>> rulesByName = new TreeMap<>();
        for (ConstraintViolation<?> violation : exception.getConstraintViolations()) {
            rulesByName.computeIfAbsent(nameOf(violation), name -> new TreeSet<>()).add(ruleOf(violation));
        }
        String details = rulesByName.entrySet().stream()
                .map(entry -> entry.getKey() + " " + String.join(" and ", entry.getValue()))
                .collect(Collectors.joining("; "));
        return ErrorResponses.of(ErrorCode.INVALID_PARAMETER, Characters.atMost(PREFIX + details + ".", MAX_MESSAGE));
    }

    /** The field or parameter, in the spec's snake case: the innermost property, or the parameter. */
    private static String nameOf(ConstraintViolation<?> violation) {
        String parameter = null;
        String property = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY) {
                property = node.getName();
            }
        }
        if (property != null) {
            return snakeCase(property);
        }
        // a body parameter that is missing altogether
        boolean wholeBody = parameter != null && parameter.matches(".*Request(Body)?$");
        return wholeBody ? "the request body" : snakeCase(parameter);
    }

    /** The rule broken, for each element of a list when the violation is an element's. */
    private static String ruleOf(ConstraintViolation<?> violation) {
        boolean element = false;
        for (Path.Node node : violation.getPropertyPath()) {
            element = node.getKind() == ElementKind.CONTAINER_ELEMENT;
        }
        if (violation.getConstraintDescriptor().getAnnotation() instanceof Pattern
                && violation.getInvalidValue() instanceof String value && "endpoint".equals(nameOf(violation))) {
            // the spec's pattern for endpoints is long; the rule it encodes reads better in words
            return EndpointSyntax.problemWith(value).map(problem -> problem.substring("endpoint ".length(),
                    problem.length() - 1)).orElse(violation.getMessage());
        }
        return element ? "(each value) " + violation.getMessage() : violation.getMessage();
    }

    static String snakeCase(String javaName) {
        if (javaName == null) {
            return "a value";
        }
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
