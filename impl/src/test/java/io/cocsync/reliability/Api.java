package io.cocsync.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cocsync.accounts.CloudVendor;
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
import java.util.ArrayList;
import java.util.List;

/**
 * The few API calls the reliability tests make, over plain HTTP, signed as the administrator
 * that the server created in its data directory on first start.
 */
final class Api {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer than any answer may take: a request that hits it is a hang. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

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

    /** Calls to the server at {@code server}, signed with the given access key. */
    static Api as(URI server, String ak, String sk) {
        return new Api(server, new AkSkSigner(ak, sk));
    }

    /** Registers an OTHER account reading the stub; returns its id. */
    String registerOther(String accountId, VendorStub stub) throws IOException, InterruptedException {
        return register(accountId, stub);
    }

    /** Registers an account of the stub's vendor reading the stub; returns its id. */
    String register(String accountId, VendorStub stub) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode()
                .put("vendor", stub.vendor().name())
                .put("account_id", accountId)
                .put("account_name", accountId)
                .put("ak", stub.accessKey())
                .put("sk", stub.secretKey())
                .put("endpoint", stub.endpoint());
        stub.tenantId().ifPresent(tenant -> body.put("tenant_id", tenant));
        stub.subscription().ifPresent(subscription -> body.put("subscription_id", subscription));
        return data(post("/v1/vendor-account", body.toString())).asText();
    }

    /** Requests a sync of one OTHER account; returns the task id. */
    String syncOther(String accountId) throws IOException, InterruptedException {
        return sync(CloudVendor.OTHER, accountId);
    }

    /** Requests a sync of one account; returns the task id. */
    String sync(CloudVendor vendor, String accountId) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("vendor", vendor.name()).put("account_id", accountId).toString();
        return data(post("/v1/multicloud-resources/sync", body)).asText();
    }

    /** Deletes an account; answers the response, whose status the caller judges (200, or 409 while it syncs). */
    HttpResponse<String> delete(String id) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(server.resolve("/v1/vendor-account/" + id)).DELETE());
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

    /**
     * Every OTHER resource in the inventory as the API shows it, in id order: two equal lists
     * mean nothing was added, changed or removed between them.
     */
    List<String> inventoryOther() throws IOException, InterruptedException {
        List<String> resources = new ArrayList<>();
        String marker = null;
        while (true) {
            JsonNode page = data(get("/v1/multicloud-resources?vendor=OTHER&limit=500"
                    + (marker == null ? "" : "&marker=" + marker)));
            if (page.isEmpty()) {
                return resources;
            }
            page.forEach(resource -> resources.add(resource.toString()));
            marker = page.get(page.size() - 1).path("id").asText();
        }
    }

    /** How many resources the inventory holds in these regions of the vendor. */
    long count(CloudVendor vendor, List<String> regions) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder("/v1/multicloud-resources/count?vendor=" + vendor.name());
        regions.forEach(region -> query.append("&region_id_list=").append(region));
        return data(get(query.toString())).asLong();
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(server.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(server.resolve(path)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        signer.accept(request.timeout(REQUEST_TIMEOUT));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode data(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("data");
    }
}
