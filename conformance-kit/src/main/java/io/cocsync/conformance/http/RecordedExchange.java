package io.cocsync.conformance.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One raw HTTP exchange between a test and the server, exactly as it went over the wire (as far
 * as {@link java.net.http.HttpClient} lets us see it).
 *
 * @param requestDeliberatelyInvalid true when the test made the request invalid on purpose: only
 *     the response is then validated against the spec
 */
public record RecordedExchange(
        String method,
        URI uri,
        Map<String, List<String>> requestHeaders,
        byte[] requestBody,
        int status,
        HttpHeaders responseHeaders,
        byte[] responseBody,
        boolean requestDeliberatelyInvalid) {

    public String requestBodyText() {
        return new String(requestBody, StandardCharsets.UTF_8);
    }

    public String responseBodyText() {
        return new String(responseBody, StandardCharsets.UTF_8);
    }

    public Optional<String> responseHeader(String name) {
        return responseHeaders.firstValue(name);
    }

    /** A short description for failure messages; bodies are cut so that a 1 MiB body stays readable. */
    public String describe() {
        return method + " " + uri
                + (requestBody.length > 0 ? "\n  request body: " + abbreviate(requestBodyText()) : "")
                + "\n  -> " + status + " " + abbreviate(responseBodyText())
                + (requestDeliberatelyInvalid ? "\n  (request deliberately invalid: only the response is validated)" : "");
    }

    private static String abbreviate(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "... (" + text.length() + " chars)";
    }
}
