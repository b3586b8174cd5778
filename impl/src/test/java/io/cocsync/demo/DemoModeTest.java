package io.cocsync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.auth.SigningHttp;
import io.cocsync.server.CocServer;
import io.cocsync.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the README promises a newcomer: start with --demo, sync, watch the task, list resources. */
class DemoModeTest {

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void everyDemoAccountSyncsWithoutAnyCloudCredentials() throws Exception {
        try (CocServer server = CocServer.start(ServerConfig.defaults().withPort(0).withPlainHttpOnLoopback().withDataDir(dataDir)
                .withDemo(true))) {
            URI base = server.baseUri();
            JsonNode accounts = get(base, "/v1/vendor-account?limit=100");
            assertThat(accounts.path("total").asLong()).isGreaterThanOrEqualTo(2);

            for (JsonNode account : accounts.path("data")) {
                String vendor = account.path("vendor").asText();
                String taskId = post(base, "/v1/multicloud-resources/sync", "{\"vendor\": \"" + vendor + "\"}")
                        .path("data").asText();
                JsonNode task = waitForEnd(base, taskId);

                assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("success");
                // an HCS account reads the one region of its endpoint; the others every demo region
                assertThat(task.path("resources_added").asLong()).isEqualTo(vendor.equals("HCS") ? 60 : 120);
                assertThat(get(base, "/v1/multicloud-resources/count?vendor=" + vendor).path("data").asLong())
                        .isEqualTo(task.path("resources_added").asLong());
            }
        }
    }

    @Test
    void restartingTheDemoPointsTheDemoAccountsAtTheNewStubs() throws Exception {
        ServerConfig config = ServerConfig.defaults().withPort(0).withPlainHttpOnLoopback().withDataDir(dataDir).withDemo(true);
        try (CocServer first = CocServer.start(config)) {
            assertThat(get(first.baseUri(), "/v1/vendor-account?limit=100").path("total").asLong()).isPositive();
        }
        try (CocServer second = CocServer.start(config)) {
            String taskId = post(second.baseUri(), "/v1/multicloud-resources/sync", "{\"vendor\": \"OTHER\"}")
                    .path("data").asText();
            assertThat(waitForEnd(second.baseUri(), taskId).path("status").asText()).isEqualTo("success");
        }
    }

    private JsonNode waitForEnd(URI base, String taskId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            JsonNode task = get(base, "/v1/multicloud-resources/sync-tasks/" + taskId).path("data");
            String status = task.path("status").asText();
            if (status.equals("success") || status.equals("failed")) {
                return task;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("task " + taskId + " did not finish within 30 s");
    }

    private JsonNode get(URI base, String path) throws Exception {
        HttpResponse<String> response = SigningHttp.administratorOf(dataDir).get(base.resolve(path));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode post(URI base, String path, String body) throws Exception {
        HttpResponse<String> response = SigningHttp.administratorOf(dataDir).post(base.resolve(path), body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
