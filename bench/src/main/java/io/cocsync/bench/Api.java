package io.cocsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The few API calls the benchmarks make around what they measure, with the token of the server's data dir. */
final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;
    private final String token;

    Api(HttpClient http, URI base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    Api(ServerProcess server) {
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build(), server.baseUri(), server.token());
    }

    HttpClient http() {
        return http;
    }

    HttpRequest get(String pathAndQuery) {
        return authorized(pathAndQuery).GET().build();
    }

    HttpRequest post(String path, Object body) {
        try {
            return authorized(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the request body", e);
        }
    }

    /** Whether the call answers 2xx; a refused connection (server still starting) is a no. */
    boolean answersOk(String pathAndQuery) throws InterruptedException {
        try {
            int status = http.send(get(pathAndQuery), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2;
        } catch (IOException e) {
            return false;
        }
    }

    JsonNode call(HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        }
    }

    /** Registers an account and returns its id. */
    String registerAccount(String vendor, String accountId, String ak, String sk, String endpoint,
            List<String> regionIds) throws InterruptedException {
        return call(post("/v1/vendor-account", Map.of("vendor", vendor, "account_id", accountId,
                "account_name", accountId, "ak", ak, "sk", sk, "endpoint", endpoint, "region_ids", regionIds)))
                .path("data").asText();
    }

    HttpRequest syncRequest(String vendor, String accountId) {
        return post("/v1/multicloud-resources/sync", Map.of("vendor", vendor, "account_id", accountId));
    }

    /** Requests a sync and returns the task id. */
    String requestSync(String vendor, String accountId) throws InterruptedException {
        return call(syncRequest(vendor, accountId)).path("data").asText();
    }

    /** Polls the task until it ended; returns it. */
    JsonNode awaitTask(String taskId, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode task = call(get("/v1/multicloud-resources/sync-tasks/" + taskId)).path("data");
            String status = task.path("status").asText();
            if (status.equals("success") || status.equals("failed")) {
                return task;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("sync task " + taskId + " did not end within " + limit);
    }

    private HttpRequest.Builder authorized(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(60))
                .header("X-Auth-Token", token);
    }
}
