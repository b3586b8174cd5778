package io.cocsync.auth;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request as its signer saw it: the method, the raw (still percent-encoded) path and query as
 * sent, the headers by lower-case name, and the body bytes.
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
        byte[] body) {

    public SignedRequest {
        Map<String, List<String>> byLowerName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> byLowerName.put(name, List.copyOf(values)));
        headers = byLowerName;
    }

    /** The header's value as sent, several values joined by a comma; null when absent. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }
}
