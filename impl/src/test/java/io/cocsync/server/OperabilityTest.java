package io.cocsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.auth.SigningHttp;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.OtherInventoryStub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What an operator watches: health, metrics, the request log, and syncs that run on their own. */
class OperabilityTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final Logger accessLog = (Logger) LoggerFactory.getLogger("io.cocsync.access");
    private final ListAppender<ILoggingEvent> accessLines = new ListAppender<>();
    private CocServer server;
    /** The inventory that the OTHER account {@code dc-1} reads, in tests that sync one. */
    private OtherInventoryStub inventory;

    @BeforeEach
    void start() {
        accessLog.setLevel(Level.INFO);
        accessLog.addAppender(accessLines);
        accessLines.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (inventory != null) {
            inventory.close();
        }
        accessLog.detachAppender(accessLines);
        accessLog.setLevel(null);
    }

    @Test
    void healthSaysLiveAndReadyWhenStorageIsMigrated() throws Exception {
        server = CocServer.start(ServerConfig.defaults().withPort(0).withPlainHttpOnLoopback().withDataDir(dataDir));

        HttpResponse<String> live = get("/health/live");
        HttpResponse<String> ready = get("/health/ready");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(json.readTree(live.body()).path("status").asText()).isEqualTo("UP");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode checks = json.readTree(ready.body()).path("checks");
        assertThat(checks.path("storage").asText()).isEqualTo("UP");
        assertThat(checks.path("migrations").asText()).isEqualTo("UP");
    }

    @Test
    void metricsShowRequestsByOperationAndSyncsByVendorAndOutcome() throws Exception {
        server = CocServer.start(ServerConfig.defaults().withPort(0).withPlainHttpOnLoopback().withDataDir(dataDir));
        registerOtherAccount();
        get("/v1/vendor-account?limit=10");
        waitForAccountSynced("dc-1", () -> post("/v1/multicloud-resources/sync", "{\"vendor\": \"OTHER\"}"));

        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains("http_server_requests_seconds_count{method=\"GET\",operation=\"ListVendorAccount\",status=\"200\"}")
                .contains("coc_sync_tasks_total{outcome=\"success\",vendor=\"OTHER\"} 1.0")
                .contains("coc_sync_resources_total{change=\"added\",vendor=\"OTHER\"} 120.0")
                .contains("coc_vendor_calls_total{outcome=\"ok\",vendor=\"OTHER\"}")
                .contains("hikaricp_connections_active")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void everyRequestLeavesOneLineWithMethodTemplateStatusDurationAndRequestId() throws Exception {
        server = CocServer.start(ServerConfig.defaults().withPort(0).withPlainHttpOnLoopback().withDataDir(dataDir));

        SigningHttp.administratorOf(dataDir).send(HttpRequest.newBuilder(uri("/v1/vendor-account/abc"))
                .header("X-Request-Id", "trace-42"), "DELETE", new byte[0]);

        assertThat(accessLines.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line)
                        .matches("DELETE /v1/vendor-account/\\{id\\} 400 \\d+ms request_id=trace-42"));
    }

    @Test
    void aConfiguredIntervalSynchronizesEveryAccountWithoutAnyRequest() throws Exception {
        server = CocServer.start(ServerConfig.defaults().withPort(0).withPlainHttpOnLoopback().withDataDir(dataDir)
                .withSyncInterval(Duration.ofMillis(300)));
        registerOtherAccount();

        waitForAccountSynced("dc-1", () -> {});
    }

    private void waitForAccountSynced(String accountId, Runnable trigger) throws Exception {
        trigger.run();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            JsonNode account = json.readTree(get("/v1/vendor-account?limit=10&account_id=" + accountId).body())
                    .path("data").path(0);
            if (account.path("sync_status").asText().equals("success")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(accountId + " was not synchronized within 30 s");
    }

    /** Registers the OTHER account {@code dc-1}, reading an inventory of 120 resources in two regions. */
    private void registerOtherAccount() {
        inventory = new OtherInventoryStub(new Fleet(List.of("dc-east", "dc-west"), 60, 2026));
        post("/v1/vendor-account", json.createObjectNode().put("vendor", "OTHER").put("account_id", "dc-1")
                .put("account_name", "Data centre 1").put("ak", inventory.accessKey()).put("sk", inventory.secretKey())
                .put("endpoint", inventory.endpoint()).toString());
    }

    private URI uri(String path) {
        return server.baseUri().resolve(path);
    }

    /** Health and metrics need no credentials; the API is called as the administrator. */
    private HttpResponse<String> get(String path) throws Exception {
        return path.startsWith("/v1/") ? SigningHttp.administratorOf(dataDir).get(uri(path))
                : http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void post(String path, String body) {
        try {
            HttpResponse<String> response = SigningHttp.administratorOf(dataDir).post(uri(path), body);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
