package io.cocsync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.cocsync.server.CocServer;
import io.cocsync.server.ServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filters in the real server: what is public, what needs a signature, how bodies are handed
 * on, and how the request-id header is spelled on the wire.
 */
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

    // ---- the request-id header as Huawei Cloud's API reference spells it per operation ----------
    // Every HTTP client library folds header case, so these tests read the raw response head.

    @Test
    void listVendorAccountSpellsTheRequestIdAsHuaweisJavaSdkReadsIt() throws IOException {
        String head = rawResponseHead("/v1/vendor-account", "limit=1", true);

        assertThat(head).startsWith("HTTP/1.1 200 ").containsPattern("\r\nX-request-id: [0-9a-f]{32}\r\n")
                .doesNotContain("X-Request-Id");
    }

    @Test
    void listVendorAccountRefusedBeforeItIsMatchedSpellsItTheSameWay() throws IOException {
        String head = rawResponseHead("/v1/vendor-account", "limit=1", false);

        assertThat(head).startsWith("HTTP/1.1 401 ").contains("\r\nX-request-id: ").doesNotContain("X-Request-Id");
    }

    @Test
    void everyOtherOperationKeepsTheDocumentedXRequestId() throws IOException {
        String count = rawResponseHead("/v1/multicloud-resources/count", "vendor=OTHER", true);
        String deleted = rawResponseHead("/v1/vendor-account/no-such-account", null, true);
        String unsigned = rawResponseHead("/v1/multicloud-resources/count", "vendor=OTHER", false);

        assertThat(count).startsWith("HTTP/1.1 200 ").contains("\r\nX-Request-Id: ").doesNotContain("X-request-id");
        assertThat(deleted).doesNotStartWith("HTTP/1.1 200 ").contains("\r\nX-Request-Id: ")
                .doesNotContain("X-request-id");
        assertThat(unsigned).startsWith("HTTP/1.1 401 ").contains("\r\nX-Request-Id: ")
                .doesNotContain("X-request-id");
    }

    /** Sends a GET (signed as the administrator, or with no credentials) and returns the response head as sent. */
    private static String rawResponseHead(String path, String query, boolean signed) throws IOException {
        String authority = server.baseUri().getRawAuthority();
        StringBuilder request = new StringBuilder("GET ").append(path).append(query == null ? "" : "?" + query)
                .append(" HTTP/1.1\r\nHost: ").append(authority).append("\r\nConnection: close\r\n");
        Map<String, String> signature = signed
                ? admin.signatureHeaders("GET", authority, path, query, new byte[0])
                : Map.of();
        signature.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        try (Socket socket = new Socket(server.baseUri().getHost(), server.baseUri().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return response.substring(0, response.indexOf("\r\n\r\n") + 2);
        }
    }
}
