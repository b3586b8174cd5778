package io.cocsync.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.client.auth.AkSkSigner;
import io.cocsync.stubs.VendorStub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The few API calls the reliability tests make, over plain HTTP, signed as the administrator
 * that the server created in its data directory on first start.
 */
final class Api {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI server;
    private final AkSkSigner signer;

    private Api(URI server, AkSkSigner signer) {
        this.server = server;
        this.signer = signer;
    }

    /** Calls to the server at {@code server}, signed with the administrator key in {@code dataDir}. */
    static Api of(URI server, Path dataDir) throws IOException {
        JsonNode admin = JSON.readTree(dataDir.resolve("credentials.json").toFile()).path("access_keys").path(0);
        return new Api(server, new AkSkSigner(admin.path("ak").asText(), admin.path("sk").asText()));
    }

    /** Registers an OTHER account reading the stub; returns its id. */
    String registerOther(String accountId, VendorStub stub) throws IOException, InterruptedException {
        String body = JSON.createObjectNode()
                .put("vendor", "OTHER")
                .put("account_id", accountId)
                .put("account_name", accountId)
                .put("ak", stub.accessKey())
                .put("sk", stub.secretKey())
                .put("endpoint", stub.endpoint())
                .toString();
        return data(post("/v1/vendor-account", body)).asText();
    }

    /** Requests a sync of one OTHER account; returns the task id. */
    String syncOther(String accountId) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("vendor", "OTHER").put("account_id", accountId).toString();
        return data(post("/v1/multicloud-resources/sync", body)).asText();
    }

    JsonNode task(String taskId) throws IOException, InterruptedException {
        return data(get("/v1/multicloud-resources/sync-tasks/" + taskId));
    }

    /** Waits until the task succeeded or failed; returns it. */
    JsonNode awaitEnd(String taskId, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode task = task(taskId);
            String status = task.path("status").asText();
            if (status.equals("success") || status.equals("failed")) {
                return task;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("task " + taskId + " did not end within " + timeout);
    }

    JsonNode accounts() throws IOException, InterruptedException {
        return data(get("/v1/vendor-account?limit=100"));
    }

    long countOther() throws IOException, InterruptedException {
        return data(get("/v1/multicloud-resources/count?vendor=OTHER")).asLong();
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(server.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(server.resolve(path)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        signer.accept(request);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode data(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("data");
    }
}
