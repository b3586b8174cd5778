package io.cocsync.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.cocsync.client.model.Vendor;
import io.cocsync.contract.support.RecordingHttpClient;
import io.cocsync.conformance.spec.SpecContract;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/**
 * What the HTTP edge does for every operation: request ids, unknown paths and methods, body size
 * and media type, and transport details real callers depend on.
 */
class HttpEdgeContractTest extends ContractTestBase {

    private static final int ONE_MIB = 1024 * 1024;

    @Test
    void aPostWithABodyThroughADefaultJdkHttpClientIsAnsweredPromptly() throws Exception {
        // A default client prefers HTTP/2 and so sends "Upgrade: h2c" on cleartext; some servers
        // stall on that. The generated client uses exactly this default.
        HttpClient defaultClient = HttpClient.newHttpClient();
        assertThat(defaultClient.version()).isEqualTo(HttpClient.Version.HTTP_2);
        HttpClient recording = new RecordingHttpClient(defaultClient);
        // warm the server up first, so that the measurement is about the transport
        assertThat(send(request("/v1/vendor-account?limit=1").GET().build()).statusCode()).isEqualTo(200);
        HttpRequest post = request("/v1/vendor-account")
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(json(VendorAccountContractTest.accountJson(unique("h2c"), "")))
                .build();

        long started = System.nanoTime();
        HttpResponse<String> response = recording.send(signer.sign(post), HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(took).as("time to answer a POST sent with Upgrade: h2c").isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void theServerGivesEachRequestItsOwnIdWhenTheCallerSendsNone() {
        HttpResponse<String> first = send(request("/v1/vendor-account?limit=1").GET().build());
        HttpResponse<String> second = send(request("/v1/vendor-account?limit=1").GET().build());

        assertThat(first.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(second.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(first.headers().firstValue("X-Request-Id")).isNotEqualTo(second.headers().firstValue("X-Request-Id"));
    }

    @Test
    void anErrorBodyCarriesTheSameRequestIdAsItsHeader() {
        HttpResponse<String> failed = send(request("/v1/vendor-account/no-such-account").DELETE().build());

        assertThat(errorOf(failed).requestId()).isEqualTo(errorOf(failed).headerRequestId());
    }

    @Test
    void theRootPathIsNotFoundWithTheErrorBody() {
        // other unknown paths: the kit's check Http.unknownPathIsNotFound, run by ConformanceKit*ModeTest
        for (String path : List.of("/")) {
            HttpResponse<String> response = send(request(path).GET().build());

            assertThat(SpecContract.get().operationId("GET", path)).as("%s is not in the spec", path).isEmpty();
            assertError(errorOf(response), 404, "COC.00010404");
            assertThat(SpecContract.errorBodyProblems(response.body())).isEmpty();
        }
    }

    @Test
    void aMethodThatAPathDoesNotAllowIsRefusedWithTheErrorBody() {
        Map<String, String> notAllowed = Map.of(
                "/v1/vendor-account", "PATCH",
                "/v1/vendor-account/some-id", "GET",
                "/v1/multicloud-resources/sync", "GET",
                "/v1/multicloud-resources?vendor=OTHER&limit=1", "DELETE",
                "/v1/multicloud-resources/sync-tasks/d8503bdd-8482-4e69-812e-68600bcc1142", "POST");
        notAllowed.forEach((path, method) -> {
            HttpResponse<String> response = send(request(path)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build());

            assertThat(SpecContract.get().operationId(method, path.replaceAll("\\?.*", ""))).isEmpty();
            assertError(errorOf(response), 405, "COC.00010405");
            assertThat(SpecContract.errorBodyProblems(response.body())).isEmpty();
        });
    }

    @Test
    void aBodyLargerThanOneMebibyteIsRefusedOnEveryOperationWithABody() throws Exception {
        String id = register(account(Vendor.HCS, unique("big")));
        String huge = "{\"account_name\":\"" + "x".repeat(ONE_MIB) + "\"}";

        HttpResponse<String> create = sendOversized(request("/v1/vendor-account")
                .header("Content-Type", "application/json").POST(json(huge)).build());
        HttpResponse<String> update = sendOversized(request("/v1/vendor-account/" + id)
                .header("Content-Type", "application/json").PUT(json(huge)).build());
        HttpResponse<String> sync = sendOversized(request("/v1/multicloud-resources/sync")
                .header("Content-Type", "application/json").POST(json(huge)).build());

        assertError(errorOf(create), 413, "COC.00010413");
        assertError(errorOf(update), 413, "COC.00010413");
        assertError(errorOf(sync), 413, "COC.00010413");
    }

    @Test
    void aChunkedBodyLargerThanOneMebibyteIsRefusedToo() {
        String huge = "{\"account_name\":\"" + "x".repeat(ONE_MIB) + "\"}";

        HttpResponse<String> create = sendOversized(request("/v1/vendor-account")
                .header("Content-Type", "application/json").POST(chunked(huge)).build());

        assertError(errorOf(create), 413, "COC.00010413");
    }

    @Test
    void aChunkedJsonBodyIsAccepted() {
        HttpResponse<String> create = send(request("/v1/vendor-account")
                .header("Content-Type", "application/json;charset=UTF-8")
                .POST(chunked(VendorAccountContractTest.accountJson(unique("chunked"), "")))
                .build());

        assertThat(create.statusCode()).isEqualTo(200);
    }

    @Test
    void aJsonBodyWithTheCharsetParameterIsAccepted() {
        HttpResponse<String> create = send(request("/v1/vendor-account")
                .header("Content-Type", "application/json;charset=UTF-8")
                .POST(json(VendorAccountContractTest.accountJson(unique("charset"), "")))
                .build());

        assertThat(create.statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedOnEveryOperationWithABody() throws Exception {
        String id = register(account(Vendor.HCS, unique("notjson")));
        for (String contentType : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
            HttpResponse<String> create = sendInvalid(request("/v1/vendor-account")
                    .header("Content-Type", contentType)
                    .POST(json(VendorAccountContractTest.accountJson(unique("plain"), ""))).build());
            HttpResponse<String> update = sendInvalid(request("/v1/vendor-account/" + id)
                    .header("Content-Type", contentType).PUT(json("{\"account_name\":\"x\"}")).build());
            HttpResponse<String> sync = sendInvalid(request("/v1/multicloud-resources/sync")
                    .header("Content-Type", contentType).POST(json("{\"vendor\":\"HCS\"}")).build());

            assertError(errorOf(create), 415, "COC.00010415");
            assertError(errorOf(update), 415, "COC.00010415");
            assertError(errorOf(sync), 415, "COC.00010415");
        }
    }

    /**
     * Sends an oversized body several times: the client must read the 413 every time, never a
     * broken pipe (the server reads and drops what is still coming before it answers).
     */
    private static HttpResponse<String> sendOversized(HttpRequest request) {
        HttpResponse<String> response = null;
        for (int attempt = 1; attempt <= 10; attempt++) {
            response = sendInvalid(request);
            assertThat(response.statusCode()).as("attempt %d", attempt).isEqualTo(413);
        }
        return response;
    }

    /** A body publisher without a known length, so the JDK sends it chunked. */
    private static HttpRequest.BodyPublisher chunked(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Flow.Publisher<ByteBuffer> publisher = HttpRequest.BodyPublishers.ofByteArray(bytes);
        return HttpRequest.BodyPublishers.fromPublisher(publisher);
    }
}
