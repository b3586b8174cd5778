package io.cocsync.conformance.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.conformance.inventory.LocalInventory.Item;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kit's OTHER inventory, read as the server's connector reads it. */
class LocalInventoryTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private LocalInventory inventory;

    @BeforeEach
    void start() {
        inventory = LocalInventory.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null);
        inventory.serve("acct", "user", "pass", List.of(
                List.of(new Item("r-1", "one", "servers", "dc-1", Map.of())),
                List.of(new Item("r-2", "two", "servers", "dc-2", Map.of("cpus", 2)))));
    }

    @AfterEach
    void stop() {
        inventory.close();
    }

    private HttpResponse<String> read(String query, String user, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(inventory.endpointOf("acct") + query))
                .header("Authorization", "Basic " + basic).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pagesAreLinkedByNextMarkerAndTheLastHasNone() throws Exception {
        JsonNode first = new ObjectMapper().readTree(read("", "user", "pass").body());
        JsonNode second = new ObjectMapper().readTree(read("?marker=page-2", "user", "pass").body());

        assertThat(first.path("resources").get(0).path("id").asText()).isEqualTo("r-1");
        assertThat(first.path("next_marker").asText()).isEqualTo("page-2");
        assertThat(second.path("resources").get(0).path("properties").path("cpus").asInt()).isEqualTo(2);
        assertThat(second.path("next_marker").isNull()).isTrue();
    }

    @Test
    void wrongCredentialsAreRefused() throws Exception {
        assertThat(read("", "user", "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void aHeldAccountAnswersOnlyOnceReleased() throws Exception {
        CompletableFuture<HttpResponse<String>> answer;
        LocalInventory.Hold hold = inventory.hold("acct");
        try {
            answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return read("", "user", "pass");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThat(answer).as("the answer of a held account").isNotDone();
        } finally {
            hold.release();
        }
        assertThat(answer.get().statusCode()).isEqualTo(200);
    }
}
