package io.cocsync.http;

import io.cocsync.auth.CanonicalRequest;
import jakarta.ws.rs.core.MultivaluedMap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whom a refused request claimed to be, for the audit log: the AK of its Authorization header,
 * or {@code token:} and the first characters of its token's SHA-256 (as {@link io.cocsync.auth.Caller}
 * names a token caller). Never the token, a signature or anything secret.
 */
final class ClaimedCaller {

    /** An AK as a client may write it; anything else is reported as unreadable rather than echoed. */
    private static final Pattern ACCESS = Pattern.compile("Access=([A-Za-z0-9_-]{1,64})(?:,|\\s|$)");

    private ClaimedCaller() {}

    static String of(MultivaluedMap<String, String> headers) {
        List<String> authorization = headers.get("Authorization");
        if (authorization != null && !authorization.isEmpty()) {
            Matcher access = ACCESS.matcher(authorization.get(0));
            return access.find() ? "ak:" + access.group(1) : "ak:(unreadable)";
        }
        List<String> token = headers.get("X-Auth-Token");
        if (token != null && !token.isEmpty()) {
            return "token:" + CanonicalRequest.sha256Hex(token.get(0).getBytes(StandardCharsets.UTF_8)).substring(0, 8);
        }
        return "none";
    }
}
