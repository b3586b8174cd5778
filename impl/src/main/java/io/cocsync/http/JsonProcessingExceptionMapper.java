package io.cocsync.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.stream.Collectors;

/**
 * Malformed JSON, unknown fields and wrong types in a request body: 400 with a message that
 * names the field, without echoing parser internals.
 */
public final class JsonProcessingExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException exception) {
        return ErrorResponses.of(ErrorCode.INVALID_PARAMETER, "Invalid parameter values: " + describe(exception));
    }

    private static String describe(JsonProcessingException exception) {
        if (exception instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'.";
        }
        if (exception instanceof JsonMappingException mapping) {
            if (mapping.getPath().isEmpty()) {
                return "the body must be a JSON object of the documented shape.";
            }
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            if (mapping instanceof InvalidFormatException invalid && invalid.getTargetType() == String.class) {
                return "field '" + field + "' holds a lone surrogate (an escape such as \\ud800 without its pair),"
                        + " which is not a character: strings must be I-JSON (RFC 7493).";
            }
            return "field '" + field + "' is missing or has a value of the wrong type or range.";
        }
        if (exception.getLocation() != null) {
            return "the body is not valid JSON (line " + exception.getLocation().getLineNr() + ", column "
                    + exception.getLocation().getColumnNr() + ").";
        }
        return "the body is not valid JSON.";
    }
}
