package io.cocsync.auth;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The parts of {@code Authorization: SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...}. */
record AuthorizationHeader(String accessKey, List<String> signedHeaders, String signature) {

    private static final Pattern HEX_SIGNATURE = Pattern.compile("[0-9a-f]{64}");

    static AuthorizationHeader parse(String header) throws AuthenticationException {
        String prefix = CanonicalRequest.ALGORITHM + " ";
        if (!header.startsWith(prefix)) {
            throw malformed("the Authorization header does not start with " + CanonicalRequest.ALGORITHM);
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : header.substring(prefix.length()).split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw malformed("the Authorization header has a part without '='");
            }
            parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        String accessKey = parts.get("Access");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (accessKey == null || accessKey.isEmpty() || signedHeaders == null || signature == null) {
            throw malformed("the Authorization header needs Access, SignedHeaders and Signature");
        }
        if (!HEX_SIGNATURE.matcher(signature).matches()) {
            throw malformed("Signature is not 64 lower-case hex digits");
        }
        List<String> names = Arrays.asList(signedHeaders.split(";"));
        if (!names.stream().sorted().toList().equals(names)
                || !names.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList().equals(names)) {
            throw malformed("SignedHeaders must be lower-case and sorted");
        }
        if (!names.contains("host") || !names.contains("x-sdk-date")) {
            throw malformed("SignedHeaders must include host and x-sdk-date");
        }
        return new AuthorizationHeader(accessKey, List.copyOf(names), signature);
    }

    private static AuthenticationException malformed(String what) {
        return new AuthenticationException("malformed signature: " + what + ".");
    }
}
