package io.cocsync.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cocsync.auth.OperationActions;
import io.cocsync.client.ApiClient;
import io.cocsync.client.api.MulticloudResourceApi;
import io.cocsync.client.api.VendorAccountApi;
import io.cocsync.client.auth.AkSkSigner;
import io.cocsync.client.model.SyncMultiCloudResourceRequestBody;
import io.cocsync.client.model.Vendor;
import io.cocsync.client.model.VendorAccountUpdateRequest;
import io.cocsync.conformance.http.ApiError;
import io.cocsync.conformance.spec.SpecContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation refuses callers without valid credentials (401 APIG.0301) and callers without
 * its action (403 APIG.0302), and the spec's x-iam-action is the server's table.
 */
class SecurityContractTest extends ContractTestBase {

    private static final String NO_ACTIONS_AK = "CONTRACTNOACTIONS001";
    private static final String LOCKED_AK = "CONTRACTLOCKED000001";
    private static final String OTHER_DOMAIN_AK = "CONTRACTOTHERDOMAIN1";
    private static final String SK = "contract-test-secret-key-0123456789";

    /** One valid call per operation, made with the APIs of a given client. */
    private record Apis(VendorAccountApi accounts, MulticloudResourceApi resources) {
        static Apis of(ApiClient client) {
            return new Apis(new VendorAccountApi(client), new MulticloudResourceApi(client));
        }
    }

    private static final Map<String, Function<Apis, ClientCall>> CALLS = new TreeMap<>(Map.of(
            "SyncMultiCloudResource", apis -> () -> apis.resources().syncMultiCloudResource(
                    new SyncMultiCloudResourceRequestBody().vendor(Vendor.HCS).accountId("nobody")),
            "ShowSyncTask", apis -> () -> apis.resources().showSyncTask(UUID.randomUUID()),
            "ListMultiCloudResources", apis -> () -> apis.resources().listMultiCloudResources(Vendor.AWS, 1, null,
                    null, null, null, null, null),
            "CountMultiCloudResources", apis -> () -> apis.resources().countMultiCloudResources(Vendor.AWS, null,
                    null, null, null),
            "CreateVendorAccount", apis -> () -> apis.accounts().createVendorAccount(
                    account(Vendor.HCS, unique("denied"))),
            "ListVendorAccount", apis -> () -> apis.accounts().listVendorAccount(10, null, null, null, null, null),
            "UpdateVendorAccount", apis -> () -> apis.accounts().updateVendorAccount("no-such-account",
                    new VendorAccountUpdateRequest().accountName("n")),
            "DeleteVendorAccount", apis -> () -> apis.accounts().deleteVendorAccount("no-such-account")));

    @BeforeAll
    static void addCredentials() throws Exception {
        Path file = serverDataDir.resolve("credentials.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(file.toFile());
        root.withArray("access_keys").addObject().put("ak", NO_ACTIONS_AK).put("sk", SK).put("domain_id", "default")
                .putArray("actions");
        // one AK per operation for wrong signatures, so that none of them reaches the lockout
        for (String operationId : CALLS.keySet()) {
            root.withArray("access_keys").addObject().put("ak", wrongSkAk(operationId)).put("sk", SK)
                    .put("domain_id", "default").putArray("actions");
        }
        var everything = root.withArray("access_keys").addObject().put("ak", OTHER_DOMAIN_AK).put("sk", SK)
                .put("domain_id", "other-domain").putArray("actions");
        OperationActions.BY_OPERATION_ID.values().forEach(action -> everything.add(action.iamName()));
        root.withArray("access_keys").addObject().put("ak", LOCKED_AK).put("sk", SK).put("domain_id", "default")
                .putArray("actions").add("coc:vendorAccount:list");
        Files.write(file, json.writeValueAsBytes(root));
        awaitReload();
    }

    private static String wrongSkAk(String operationId) {
        return "WRONG-SK-" + operationId;
    }

    /** The server re-reads the file within a few seconds: wait until the new AK is known. */
    private static void awaitReload() throws Exception {
        Apis probe = Apis.of(newApiClient(server.baseUri(), new AkSkSigner(NO_ACTIONS_AK, SK)));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (failure(CALLS.get("ListVendorAccount").apply(probe)).status() == 401) {
            assertThat(System.nanoTime()).as("the credentials file was not reloaded").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void theSpecNamesForEachOperationTheActionTheServerEnforces() {
        Map<String, String> inSpec = new TreeMap<>();
        SpecContract.get().forEachOperation((path, method, operation) -> inSpec.put(operation.getOperationId(),
                String.valueOf(operation.getExtensions() == null ? null : operation.getExtensions().get("x-iam-action"))));
        Map<String, String> enforced = new TreeMap<>();
        OperationActions.BY_OPERATION_ID.forEach((operationId, action) -> enforced.put(operationId, action.iamName()));

        assertThat(enforced).isEqualTo(inSpec);
        assertThat(CALLS.keySet()).isEqualTo(inSpec.keySet());
    }

    @Test
    void everyOperationRefusesARequestWithoutCredentials() {
        Apis anonymous = Apis.of(newApiClient(server.baseUri(), null));
        CALLS.forEach((operationId, call) -> assertThat(assertError(rejection(call.apply(anonymous)), 401, "APIG.0301")
                .errorMsg()).as(operationId).contains("neither an Authorization signature nor an X-Auth-Token"));
    }

    @Test
    void everyOperationRefusesAWrongSignature() {
        CALLS.forEach((operationId, call) -> {
            Apis apis = Apis.of(newApiClient(server.baseUri(), new AkSkSigner(wrongSkAk(operationId), "wrong")));
            assertThat(assertError(failure(call.apply(apis)), 401, "APIG.0301").errorMsg()).as(operationId)
                    .contains("verify aksk signature fail");
        });
    }

    @Test
    void everyOperationRefusesAStaleDateAndAnUnknownAk() {
        Map<String, AkSkSigner> signers = Map.of(
                "signature expired", new AkSkSigner(NO_ACTIONS_AK, SK,
                        Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-16))),
                "ak NOBODY not exist", new AkSkSigner("NOBODY", SK));
        signers.forEach((cause, wrong) -> {
            Apis apis = Apis.of(newApiClient(server.baseUri(), wrong));
            CALLS.forEach((operationId, call) -> assertThat(assertError(failure(call.apply(apis)), 401, "APIG.0301")
                    .errorMsg()).as(operationId).contains(cause));
        });
    }

    @Test
    void aLockedAkIsRefusedOnEveryOperationEvenWhenSignedCorrectly() {
        Apis wrong = Apis.of(newApiClient(server.baseUri(), new AkSkSigner(LOCKED_AK, "wrong")));
        for (int i = 0; i < 5; i++) {
            assertError(failure(CALLS.get("ListVendorAccount").apply(wrong)), 401, "APIG.0301");
        }
        Apis right = Apis.of(newApiClient(server.baseUri(), new AkSkSigner(LOCKED_AK, SK)));
        CALLS.forEach((operationId, call) -> assertThat(assertError(failure(call.apply(right)), 401, "APIG.0301")
                .errorMsg()).as(operationId).contains("is locked after 5 failed signature checks"));
    }

    @Test
    void aCallerSeesAndChangesOnlyTheAccountsAndTasksOfItsOwnDomain() throws Exception {
        String accountId = unique("domain");
        String id = register(account(Vendor.HCS, accountId));
        UUID task = resources.syncMultiCloudResource(
                new SyncMultiCloudResourceRequestBody().vendor(Vendor.HCS).accountId(accountId)).getData();
        Apis other = Apis.of(newApiClient(server.baseUri(), new AkSkSigner(OTHER_DOMAIN_AK, SK)));

        assertThat(other.accounts().listVendorAccount(500, null, null, null, null, null).getData())
                .extracting(account -> account.getId()).doesNotContain(id);
        assertError(failure(() -> other.accounts().updateVendorAccount(id,
                new VendorAccountUpdateRequest().accountName("taken"))), 400, "COC.00101102");
        assertError(failure(() -> other.accounts().deleteVendorAccount(id)), 400, "COC.00101102");
        assertError(failure(() -> other.resources().syncMultiCloudResource(
                new SyncMultiCloudResourceRequestBody().vendor(Vendor.HCS).accountId(accountId))), 400, "COC.00101102");
        assertError(failure(() -> other.resources().showSyncTask(task)), 404, "COC.00010404");

        assertThat(findAccount(Vendor.HCS, accountId).getAccountName()).isEqualTo("name of " + accountId);
        assertThat(findAccount(Vendor.HCS, accountId).getDomainId()).isEqualTo("default");
        awaitTask(task);
    }

    @Test
    void everyOperationRefusesACallerWithoutItsAction() {
        Apis apis = Apis.of(newApiClient(server.baseUri(), new AkSkSigner(NO_ACTIONS_AK, SK)));
        CALLS.forEach((operationId, call) -> {
            ApiError error = assertError(failure(call.apply(apis)), 403, "APIG.0302");
            assertThat(error.errorMsg()).as(operationId).isEqualTo("The caller is not permitted to perform "
                    + OperationActions.of(operationId).orElseThrow().iamName() + ".");
        });
    }
}
