package io.cocsync.contract;

import io.cocsync.contract.support.Coverage;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.cocsync.client.model.SyncMultiCloudResourceRequestBody;
import io.cocsync.client.model.Vendor;
import io.cocsync.client.model.VendorAccountCreateRequest;
import io.cocsync.client.model.VendorAccountUpdateRequest;
import io.cocsync.conformance.spec.SpecContract;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every request-body example in the spec is accepted (200) by the server, sent through the
 * generated client. Operations are played in an order that makes each example meaningful:
 * accounts are registered before they are updated or synchronized.
 */
class SpecExamplesTest extends ContractTestBase {

    /** The operations with request-body examples, in the order they are played. */
    private static final List<String> PLAY_ORDER =
            List.of("CreateVendorAccount", "UpdateVendorAccount", "SyncMultiCloudResource");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer inventory;

    @BeforeAll
    static void startInventory() {
        inventory = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        inventory.start();
        inventory.stubFor(get(urlPathEqualTo("/inventory")).willReturn(okJson("{\"resources\":[]}")));
    }

    @AfterAll
    static void stopInventory() {
        if (inventory != null) {
            inventory.stop();
        }
    }

    @Test
    void everyRequestBodyExampleInTheSpecIsAccepted() throws Exception {
        Map<String, Map<String, JsonNode>> examples = requestBodyExamples();
        assertThat(examples).as("the spec has request-body examples").isNotEmpty();
        assertThat(PLAY_ORDER).as("operations with request-body examples that this test knows how to play")
                .containsAll(examples.keySet());

        List<String> registered = new ArrayList<>();
        Map<String, String> otherAccounts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> example : examples.getOrDefault("CreateVendorAccount", Map.of()).entrySet()) {
            VendorAccountCreateRequest body = JSON.treeToValue(example.getValue(), VendorAccountCreateRequest.class);
            assertSentVerbatim(example, body);
            String id = accounts.createVendorAccount(body).getData();
            assertThat(id).as("CreateVendorAccount example %s", example.getKey()).isNotBlank();
            Coverage.exampleExercised("CreateVendorAccount", "request " + example.getKey());
            registered.add(id);
            if (body.getVendor() == Vendor.OTHER) {
                otherAccounts.put(id, body.getAccountId());
            }
        }
        for (Map.Entry<String, JsonNode> example : examples.getOrDefault("UpdateVendorAccount", Map.of()).entrySet()) {
            assertThat(registered).as("an account to apply UpdateVendorAccount example %s to", example.getKey()).isNotEmpty();
            VendorAccountUpdateRequest body = JSON.treeToValue(example.getValue(), VendorAccountUpdateRequest.class);
            assertSentVerbatim(example, body);
            assertThat(accounts.updateVendorAccount(registered.get(0), body).getData())
                    .as("UpdateVendorAccount example %s", example.getKey()).isEqualTo(registered.get(0));
            Coverage.exampleExercised("UpdateVendorAccount", "request " + example.getKey());
        }
        // Setup, not an example: OTHER accounts read this test's (empty) inventory rather than the
        // example's host, so that their syncs finish quickly and offline. A new endpoint needs the
        // secret again (the stub asks for none).
        for (String id : otherAccounts.keySet()) {
            accounts.updateVendorAccount(id, new VendorAccountUpdateRequest()
                    .endpoint(inventory.baseUrl() + "/inventory").sk("secret-for-the-test-inventory"));
        }
        List<UUID> tasks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> example : examples.getOrDefault("SyncMultiCloudResource", Map.of()).entrySet()) {
            SyncMultiCloudResourceRequestBody body = JSON.treeToValue(example.getValue(), SyncMultiCloudResourceRequestBody.class);
            assertSentVerbatim(example, body);
            UUID data = resources.syncMultiCloudResource(body).getData();
            assertThat(data).as("SyncMultiCloudResource example %s", example.getKey()).isNotNull();
            Coverage.exampleExercised("SyncMultiCloudResource", "request " + example.getKey());
            tasks.add(uuidOf(data));
        }
        for (UUID task : tasks) {
            assertThat(awaitTask(task).getTaskId()).isEqualTo(task);
        }
    }

    /** The generated client will send exactly the example, nothing more or less. */
    private static void assertSentVerbatim(Map.Entry<String, JsonNode> example, Object body) {
        JsonNode sent = apiClient.getObjectMapper().valueToTree(body);
        assertThat(sent)
                .as("what the client sends for example %s", example.getKey())
                .isEqualTo(example.getValue());
    }

    /** operationId -> example name -> example value, for every JSON request body in the spec. */
    static Map<String, Map<String, JsonNode>> requestBodyExamples() {
        Map<String, Map<String, JsonNode>> found = new LinkedHashMap<>();
        SpecContract.get().forEachOperation((path, method, operation) -> {
            if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
                return;
            }
            MediaType media = operation.getRequestBody().getContent().get("application/json");
            if (media == null) {
                fail(operation.getOperationId() + " has a request body that is not application/json");
            }
            Map<String, JsonNode> values = new LinkedHashMap<>();
            if (media.getExample() != null) {
                values.put("example", JSON.valueToTree(media.getExample()));
            }
            if (media.getExamples() != null) {
                for (Map.Entry<String, Example> example : media.getExamples().entrySet()) {
                    values.put(example.getKey(), JSON.valueToTree(example.getValue().getValue()));
                }
            }
            if (!values.isEmpty()) {
                found.put(operation.getOperationId(), values);
            }
        });
        return found;
    }
}
