package io.cocsync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.cocsync.server.CocServer;
import io.cocsync.server.ServerConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filters in the real server: what is public, what needs a signature, how bodies are handed on. */
class AuthenticationOverHttpTest {

    @TempDir
    static Path dataDir;

    private static CocServer server;
    private static SigningHttp admin;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = CocServer.start(ServerConfig.defaults().withPort(0).withPlainHttpOnLoopback().withDataDir(dataDir));
        admin = SigningHttp.administratorOf(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthMetricsAndDocsNeedNoCredentialsButTheApiDoes() throws Exception {
        for (String path : List.of("/health/live", "/metrics", "/openapi.yaml", "/openapi.json", "/docs")) {
            assertThat(send(HttpRequest.newBuilder(server.baseUri().resolve(path)).build()).statusCode())
                    .as(path).isEqualTo(200);
        }

        HttpResponse<String> api = send(HttpRequest.newBuilder(server.baseUri().resolve("/v1/vendor-account?limit=1"))
                .build());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).contains("\"error_code\":\"APIG.0301\"").contains("neither an Authorization");
        assertThat(api.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void aSignedChunkedBodyIsVerifiedAndReachesTheResourceUnchanged() throws Exception {
        byte[] body = ("{\"vendor\": \"OTHER\", \"account_id\": \"chunked-1\", \"account_name\": \"c\", \"ak\": \"a\","
                + " \"sk\": \"s\", \"endpoint\": \"http://127.0.0.1:1/\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder chunked = HttpRequest.newBuilder(server.baseUri().resolve("/v1/vendor-account"))
                .header("Content-Type", "application/json");
        HttpResponse<String> created = admin.sendChunked(chunked, "POST", body);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(admin.get(server.baseUri().resolve("/v1/vendor-account?limit=10&account_id=chunked-1")).body())
                .contains("\"account_id\":\"chunked-1\"");
    }

    @Test
    void aTamperedSignedRequestIsRefused() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve("/v1/vendor-account?limit=1"))
                .header("X-Sdk-Date", "20200101T000000Z")
                .header("Authorization", "SDK-HMAC-SHA256 Access=NOBODY, SignedHeaders=host;x-sdk-date, Signature="
                        + "0".repeat(64));
        HttpResponse<String> refused = send(request.GET().build());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("signature expired");
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
