package io.cocsync.auth;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The parts of {@code Authorization: <algorithm> Access=..., SignedHeaders=..., Signature=...}. */
record AuthorizationHeader(SigningAlgorithm algorithm, String accessKey, List<String> signedHeaders,
        String signature) {

    private static final Pattern HMAC_SIGNATURE = Pattern.compile("[0-9a-f]{64}");
    /** A DER-encoded (r, s) pair of a 256-bit curve, in hex: about 140 digits, never more than 300. */
    private static final Pattern DER_SIGNATURE = Pattern.compile("(?:[0-9a-f]{2}){8,150}");

    static AuthorizationHeader parse(String header) throws AuthenticationException {
        int space = header.indexOf(' ');
        SigningAlgorithm algorithm = SigningAlgorithm.byHeaderName(space < 0 ? header : header.substring(0, space))
                .orElseThrow(() -> malformed("the Authorization header does not start with one of "
                        + Arrays.stream(SigningAlgorithm.values()).map(SigningAlgorithm::headerName)
                                .collect(Collectors.joining(", "))));
        Map<String, String> parts = new HashMap<>();
        for (String part : header.substring(space + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw malformed("the Authorization header has a part without '='");
            }
            if (parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim()) != null) {
                throw malformed("the Authorization header names a part twice");
            }
        }
        String accessKey = parts.get("Access");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (accessKey == null || accessKey.isEmpty() || signedHeaders == null || signature == null) {
            throw malformed("the Authorization header needs Access, SignedHeaders and Signature");
        }
        if (algorithm.isHmac() ? !HMAC_SIGNATURE.matcher(signature).matches()
                : !DER_SIGNATURE.matcher(signature).matches()) {
            throw malformed(algorithm.isHmac() ? "Signature is not 64 lower-case hex digits"
                    : "Signature is not a DER-encoded signature in lower-case hex");
        }
        List<String> names = Arrays.asList(signedHeaders.split(";"));
        if (!names.stream().sorted().toList().equals(names)
                || !names.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList().equals(names)) {
            throw malformed("SignedHeaders must be lower-case and sorted");
        }
        if (!names.contains("host") || !names.contains("x-sdk-date")) {
            throw malformed("SignedHeaders must include host and x-sdk-date");
        }
        return new AuthorizationHeader(algorithm, accessKey, List.copyOf(names), signature);
    }

    byte[] signatureBytes() {
        return HexFormat.of().parseHex(signature);
    }

    private static AuthenticationException malformed(String what) {
        return new AuthenticationException("malformed signature: " + what + ".");
    }
}
