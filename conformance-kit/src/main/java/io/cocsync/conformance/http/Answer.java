package io.cocsync.conformance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;

/** One answer of the deployment: status, headers (looked up case-insensitively) and body text. */
public record Answer(int status, HttpHeaders headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body as JSON; an empty or non-JSON body reads as a missing node. */
    public JsonNode json() {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    /** The success payload, {@code data}. */
    public JsonNode data() {
        return json().path("data");
    }

    /** The request id header; HTTP header names are case-insensitive, so any spelling counts. */
    public String requestIdHeader() {
        return headers.firstValue("X-Request-Id").orElse(null);
    }

    public ApiError error() {
        return ApiError.of(status, headers, body);
    }

    @Override
    public String toString() {
        return status + " " + (body == null ? "" : body.length() <= 400 ? body : body.substring(0, 400) + "...");
    }
}
