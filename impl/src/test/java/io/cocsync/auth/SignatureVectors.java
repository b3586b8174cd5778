package io.cocsync.auth;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Known SDK-HMAC-SHA256 signatures, computed by an independent reference written straight from
 * aksk-signing.md ({@code src/test/resources/aksk/vectors.py}). The client's signer test uses the
 * same vectors.
 */
final class SignatureVectors {

    static final String AK = "HPUAEXAMPLEAK0000001";
    static final String SK = "example-sk-0123456789abcdef";
    static final String DATE = "20261122T083600Z";
    static final String HOST = "cocsync.example.com:8080";

    record Vector(String name, String method, String rawPath, String rawQuery, Map<String, String> headers,
            byte[] body, String signedHeaders, String canonicalRequest, String signature) {

        SignedRequest request() {
            Map<String, List<String>> all = new java.util.HashMap<>();
            headers.forEach((name, value) -> all.put(name, List.of(value)));
            return new SignedRequest(method, rawPath, rawQuery, all, body);
        }

        String authorization() {
            return "SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
        }
    }

    private static Map<String, String> headers(String... extra) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(Map.of("Host", HOST, "X-Sdk-Date", DATE));
        for (int i = 0; i < extra.length; i += 2) {
            headers.put(extra[i], extra[i + 1]);
        }
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static final List<Vector> ALL = List.of(
            new Vector("list", "GET", "/v1/vendor-account", "limit=10&offset=0", headers(), new byte[0],
                    "host;x-sdk-date",
                    "GET\n/v1/vendor-account/\nlimit=10&offset=0\nhost:cocsync.example.com:8080\n"
                            + "x-sdk-date:20261122T083600Z\n\nhost;x-sdk-date\n"
                            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                    "1a7e6e2bdfd10250b7049e7a54804089d280c08054aa0bf78d7ba38de28bf93d"),
            new Vector("sdkHeaders", "POST", "/v1/multicloud-resources/sync", null,
                    headers("User-Agent", "huaweicloud-usdk-java/3.0", "X-Project-Id", "0123456789abcdef"),
                    utf8("{\"vendor\": \"HCS\", \"account_id\": \"ssstest21321\"}"),
                    "host;user-agent;x-project-id;x-sdk-date",
                    "POST\n/v1/multicloud-resources/sync/\n\nhost:cocsync.example.com:8080\n"
                            + "user-agent:huaweicloud-usdk-java/3.0\nx-project-id:0123456789abcdef\n"
                            + "x-sdk-date:20261122T083600Z\n\nhost;user-agent;x-project-id;x-sdk-date\n"
                            + "ed7f3830b6e2d93015413a26db9977f971ac34f8dc86f2665e706c3169e86719",
                    "fa8411305ed1d9d7de57630302b2fcad22ec6c2d5d3ac325273acc0e048c1dae"),
            new Vector("repeatedEncoded", "GET", "/v1/multicloud-resources",
                    "vendor=AWS&region_id_list=us-east-1&name_list=web%201&region_id_list=eu-west-1&limit=5"
                            + "&name_list=a%2Fb%2A~%2B%C3%A9",
                    headers(), new byte[0], "host;x-sdk-date",
                    "GET\n/v1/multicloud-resources/\nlimit=5&name_list=web%201&name_list=a%2Fb%2A~%2B%C3%A9"
                            + "&region_id_list=us-east-1&region_id_list=eu-west-1&vendor=AWS\n"
                            + "host:cocsync.example.com:8080\nx-sdk-date:20261122T083600Z\n\nhost;x-sdk-date\n"
                            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                    "8a67be09bad74072996fc501ecbd62b4a2c655446aeddb8cb0b466b6fc0c8e0f"),
            new Vector("encodedPath", "PUT", "/v1/vendor-account/ab%20c~d%2Ae%2Bf", null, headers(),
                    utf8("{\"account_name\": \"Zürich\"}"), "host;x-sdk-date",
                    "PUT\n/v1/vendor-account/ab%20c~d%2Ae%2Bf/\n\nhost:cocsync.example.com:8080\n"
                            + "x-sdk-date:20261122T083600Z\n\nhost;x-sdk-date\n"
                            + "5c70b84eccfe9ee4728af10e9265b75b3abb564f15d2e2b72dd567d6a578a22d",
                    "ec449a554e3a20226ed7c08d8d35fd87f22f043c6efc2042d82fd57e40bdeca1"),
            new Vector("unsignedPayload", "DELETE", "/v1/vendor-account/688b32521c083f512c338cf2", null,
                    headers("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD"), utf8("ignored"),
                    "host;x-sdk-content-sha256;x-sdk-date",
                    "DELETE\n/v1/vendor-account/688b32521c083f512c338cf2/\n\nhost:cocsync.example.com:8080\n"
                            + "x-sdk-content-sha256:UNSIGNED-PAYLOAD\nx-sdk-date:20261122T083600Z\n\n"
                            + "host;x-sdk-content-sha256;x-sdk-date\nUNSIGNED-PAYLOAD",
                    "2e4a5b7261a169ccf3e85d6de0d2600064ae2933baa8843577f787ecd7549a8a"));

    private SignatureVectors() {}
}
