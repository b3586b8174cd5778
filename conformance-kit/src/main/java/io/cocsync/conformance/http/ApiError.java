package io.cocsync.conformance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;

/** A failure response, as the test saw it: status, headers and the parsed error body. */
public record ApiError(int status, HttpHeaders headers, String body, String errorCode, String errorMsg, String requestId) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ApiError of(int status, HttpHeaders headers, String body) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        return new ApiError(status, headers, body,
                text(json, "error_code"), text(json, "error_msg"), text(json, "request_id"));
    }

    private static String text(JsonNode json, String field) {
        return json != null && json.path(field).isTextual() ? json.path(field).asText() : null;
    }

    public String headerRequestId() {
        return headers == null ? null : headers.firstValue("X-Request-Id").orElse(null);
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
