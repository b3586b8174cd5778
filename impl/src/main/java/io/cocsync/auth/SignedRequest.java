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

    /**
     * The value of a header that a request carries at most once (the credentials, the date, a
     * stated hash); null when absent. Sent twice, it is refused rather than joined: two values
     * would let a proxy and this server each read a different one.
     */
    public String single(String name) throws AuthenticationException {
        List<String> values = headers.get(name);
        if (values != null && values.size() > 1) {
            throw new AuthenticationException("the request has " + values.size() + " " + name
                    + " headers: each credential header is sent once.");
        }
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The header's value as sent, several values joined by a comma; null when absent. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }
}
