package io.cocsync.connectors.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.OpenStackStub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stub's own promises, the ones the connector tests do not show. */
class OpenStackStubTest {

    private final OpenStackStub stub = new OpenStackStub(new Fleet(List.of("RegionOne"), 1_000_000, 1));
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void servesAnyPageOfAMillionServerFleetFromItsMarker() throws Exception {
        String token = authenticate();

        HttpResponse<String> last = get("/compute/RegionOne/v2.1/servers/detail?limit=5&marker="
                + stub.serverId("RegionOne", 999_997), token);

        JsonNode body = json.readTree(last.body());
        assertThat(body.path("servers")).extracting(server -> server.path("id").asText())
                .containsExactly(stub.serverId("RegionOne", 999_998), stub.serverId("RegionOne", 999_999));
        assertThat(body.has("servers_links")).isFalse();
    }

    @Test
    void aFullPageLinksToTheNextOneByTheLastServersId() throws Exception {
        HttpResponse<String> first = get("/compute/RegionOne/v2.1/servers/detail?limit=2", authenticate());

        assertThat(json.readTree(first.body()).path("servers_links").get(0).path("href").asText())
                .isEqualTo(stub.baseUrl() + "/compute/RegionOne/v2.1/servers/detail?limit=2&marker="
                        + stub.serverId("RegionOne", 1));
    }

    @Test
    void novaRefusesAMissingOrUnknownToken() throws Exception {
        assertThat(get("/compute/RegionOne/v2.1/servers/detail", "not-a-token").statusCode()).isEqualTo(401);
    }

    @Test
    void anUnknownMarkerIsABadRequestAsInNova() throws Exception {
        HttpResponse<String> response = get("/compute/RegionOne/v2.1/servers/detail?marker=nope", authenticate());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("marker [nope] not found");
    }

    private String authenticate() throws Exception {
        String body = """
                {"auth": {"identity": {"methods": ["password"],
                  "password": {"user": {"id": "%s", "password": "%s"}}},
                  "scope": {"project": {"id": "%s"}}}}"""
                .formatted(stub.accessKey(), stub.secretKey(), stub.projectId());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stub.endpoint() + "/auth/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        return response.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + path)).header("X-Auth-Token", token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
