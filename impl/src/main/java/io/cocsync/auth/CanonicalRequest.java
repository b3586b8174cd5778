package io.cocsync.auth;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The canonical request of aksk-signing.md, shared by every signing algorithm, and the
 * SDK-HMAC-SHA256 string to sign and signature. Works on the raw path and query as sent, decoding each part once and encoding it
 * the way the client's signer did, so that any equivalent encoding verifies.
 */
public final class CanonicalRequest {

    public static final String ALGORITHM = "SDK-HMAC-SHA256";
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private CanonicalRequest() {}

    /** Method, canonical URI, query, headers, signed-header list and payload hash, joined as the scheme says. */
    public static String of(SignedRequest request, List<String> signedHeaders, String payloadHash) {
        StringBuilder headers = new StringBuilder();
        for (String name : signedHeaders) {
            headers.append(name).append(':').append(request.header(name)).append('\n');
        }
        return request.method() + '\n' + uri(request.rawPath()) + '\n' + query(request.rawQuery()) + '\n'
                + headers + '\n' + String.join(";", signedHeaders) + '\n' + payloadHash;
    }

    /** Each path segment encoded and followed by {@code /}; the root stays {@code /}. */
    static String uri(String rawPath) {
        StringBuilder uri = new StringBuilder("/");
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                // a '+' in a path is a plus, not a space: keep it one through the form decoder
                uri.append(encode(decode(segment.replace("+", "%2B"))))
                        .append('/');
            }
        }
        return uri.toString();
    }

    /** Parameters sorted by encoded name (stable: repeated names keep the order sent), joined by {@code &}. */
    static String query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String parameter : rawQuery.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int eq = parameter.indexOf('=');
            String name = eq < 0 ? parameter : parameter.substring(0, eq);
            String value = eq < 0 ? "" : parameter.substring(eq + 1);
            pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
        }
        pairs.sort(Comparator.comparing(pair -> pair[0]));
        List<String> joined = new ArrayList<>();
        pairs.forEach(pair -> joined.add(pair[0] + '=' + pair[1]));
        return String.join("&", joined);
    }

    /** The SDK-HMAC-SHA256 string to sign (the other algorithms: {@link SigningAlgorithm#stringToSign}). */
    public static String stringToSign(String sdkDate, String canonicalRequest) {
        return SigningAlgorithm.HMAC_SHA256.stringToSign(sdkDate, canonicalRequest);
    }

    /** Lower-case hex HMAC-SHA256 keyed by the SK's UTF-8 bytes. */
    public static String signature(String sk, String stringToSign) {
        return HexFormat.of().formatHex(SigningAlgorithm.HMAC_SHA256.hmac(sk, stringToSign));
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(SHA_256.get().digest(bytes));
    }

    /** One digest per thread: looking one up costs more than hashing a token (every request does). */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    });

    /** Decoded; a malformed percent-encoding is kept as sent (the request is refused later, not here). */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    /** Form encoding as UTF-8, then {@code +} → {@code %20}, {@code *} → {@code %2A}, {@code %7E} → {@code ~}. */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }
}
