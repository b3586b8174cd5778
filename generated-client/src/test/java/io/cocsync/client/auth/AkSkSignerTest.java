package io.cocsync.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The signer against the known signatures that the server's verifier test also uses, computed by
 * an independent reference written from aksk-signing.md (impl/src/test/resources/aksk/vectors.py).
 */
class AkSkSignerTest {

    private static final String AK = "HPUAEXAMPLEAK0000001";
    private static final String BASE = "http://cocsync.example.com:8080";
    private final AkSkSigner signer = new AkSkSigner(AK, "example-sk-0123456789abcdef",
            Clock.fixed(Instant.parse("2026-11-22T08:36:00Z"), ZoneOffset.UTC));

    @Test
    void aGetWithAQuery() {
        assertSigned(HttpRequest.newBuilder(URI.create(BASE + "/v1/vendor-account?limit=10&offset=0")).GET(),
                "1a7e6e2bdfd10250b7049e7a54804089d280c08054aa0bf78d7ba38de28bf93d");
    }

    @Test
    void repeatedAndEncodedQueryValuesInTheOrderSent() {
        assertSigned(HttpRequest.newBuilder(URI.create(BASE + "/v1/multicloud-resources?vendor=AWS"
                        + "&region_id_list=us-east-1&name_list=web%201&region_id_list=eu-west-1&limit=5"
                        + "&name_list=a%2Fb%2A~%2B%C3%A9")).GET(),
                "8a67be09bad74072996fc501ecbd62b4a2c655446aeddb8cb0b466b6fc0c8e0f");
    }

    @Test
    void aPathNeedingEncodingAndANonEmptyBody() {
        assertSigned(HttpRequest.newBuilder(URI.create(BASE + "/v1/vendor-account/ab%20c~d%2Ae%2Bf"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"account_name\": \"Zürich\"}",
                                StandardCharsets.UTF_8)),
                "ec449a554e3a20226ed7c08d8d35fd87f22f043c6efc2042d82fd57e40bdeca1");
    }

    @Test
    void aHandBuiltRequestIsSignedAsACopyWithItsHeadersKept() {
        HttpRequest signed = signer.sign(HttpRequest.newBuilder(URI.create(BASE + "/v1/vendor-account?limit=10&offset=0"))
                .header("X-Request-Id", "kept").GET().build());

        assertThat(signed.headers().firstValue("X-Request-Id")).hasValue("kept");
        assertThat(signed.headers().firstValue("Authorization")).hasValueSatisfying(value -> assertThat(value)
                .endsWith("Signature=1a7e6e2bdfd10250b7049e7a54804089d280c08054aa0bf78d7ba38de28bf93d"));
    }

    private void assertSigned(HttpRequest.Builder builder, String signature) {
        signer.accept(builder);
        HttpRequest request = builder.build();

        assertThat(request.headers().firstValue("X-Sdk-Date")).hasValue("20261122T083600Z");
        assertThat(request.headers().firstValue("Authorization")).hasValue("SDK-HMAC-SHA256 Access=" + AK
                + ", SignedHeaders=host;x-sdk-date, Signature=" + signature);
        assertThat(signer.toString()).doesNotContain("example-sk");
    }
}
