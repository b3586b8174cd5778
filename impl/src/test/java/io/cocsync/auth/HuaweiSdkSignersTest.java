package io.cocsync.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.huaweicloud.sdk.core.auth.AKSKSignerFactory;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Requests signed by Huawei's own SDK signers, one per value of its {@code SigningAlgorithm},
 * verify here; the same request with a wrong SK, or with its body swapped, does not.
 */
class HuaweiSdkSignersTest {

    private static final String AK = "HPUAXYZ0123456789ABC";
    private static final String SK = "q8FfTmXo2u9cS0bJ7nA4vLz1WkR6yPeH3dGiVtNs";
    private static final String BODY = "{\"vendor\":\"OTHER\",\"account_id\":\"dc-1\"}";

    @TempDir
    Path dir;

    private AkSkVerifier verifier;

    @BeforeEach
    void setUp() throws Exception {
        Path file = dir.resolve("credentials.json");
        Files.writeString(file, """
                {"access_keys": [{"ak": "%s", "sk": "%s", "domain_id": "d-1", "actions": ["coc:instance:syncResources"]}]}
                """.formatted(AK, SK));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Clock clock = Clock.systemUTC();
        verifier = new AkSkVerifier(new CredentialStore(new CredentialsFile(file), clock), new AkLockout(clock), clock);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(com.huaweicloud.sdk.core.auth.SigningAlgorithm.class)
    void aRequestSignedByTheSdkVerifies(com.huaweicloud.sdk.core.auth.SigningAlgorithm algorithm) throws Exception {
        SignedRequest request = signedBySdk(algorithm, SK);

        assertThat(verifier.verify(request, request.header("Authorization")).name()).isEqualTo(AK);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(com.huaweicloud.sdk.core.auth.SigningAlgorithm.class)
    void aWrongSecretKeyIsRefused(com.huaweicloud.sdk.core.auth.SigningAlgorithm algorithm) {
        SignedRequest request = signedBySdk(algorithm, "not-" + SK);

        assertThatThrownBy(() -> verifier.verify(request, request.header("Authorization")))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("verify aksk signature fail");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(com.huaweicloud.sdk.core.auth.SigningAlgorithm.class)
    void aSwappedBodyIsRefused(com.huaweicloud.sdk.core.auth.SigningAlgorithm algorithm) {
        SignedRequest signed = signedBySdk(algorithm, SK);
        SignedRequest swapped = new SignedRequest(signed.method(), signed.rawPath(), signed.rawQuery(),
                signed.headers(), "{\"vendor\":\"OTHER\",\"account_id\":\"dc-2\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> verifier.verify(swapped, swapped.header("Authorization")))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("verify aksk signature fail");
    }

    /** A POST with a JSON body and a project id header, signed as the SDK's HTTP client would send it. */
    private static SignedRequest signedBySdk(com.huaweicloud.sdk.core.auth.SigningAlgorithm algorithm, String sk) {
        HttpRequest sdkRequest = HttpRequest.newBuilder()
                .withEndpoint("http://127.0.0.1:8080")
                .withPath("/v1/multicloud-resources/sync")
                .withMethod(HttpMethod.POST)
                .withContentType("application/json")
                .addHeader("X-Project-Id", "0f3b6f5e2b8c4d51a3a7e3d2c1b0a998")
                .withBodyAsString(BODY)
                .build();
        Map<String, String> signature = AKSKSignerFactory.getSigner(algorithm)
                .sign(sdkRequest, new BasicCredentials().withAk(AK).withSk(sk));
        Map<String, List<String>> headers = new HashMap<>();
        sdkRequest.getHeaders().forEach((name, values) -> headers.put(name, values));
        signature.forEach((name, value) -> headers.put(name, List.of(value)));
        return new SignedRequest("POST", "/v1/multicloud-resources/sync", null, headers,
                BODY.getBytes(StandardCharsets.UTF_8));
    }
}
