package io.cocsync.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.cocsync.client.ApiException;
import io.cocsync.client.model.MultiCloudResource;
import io.cocsync.client.model.SyncMultiCloudResourceRequestBody;
import io.cocsync.client.model.SyncStatus;
import io.cocsync.client.model.SyncTask;
import io.cocsync.client.model.SyncTaskAccount;
import io.cocsync.client.model.Vendor;
import io.cocsync.client.model.VendorAccount;
import io.cocsync.client.model.VendorAccountCreateRequest;
import io.cocsync.conformance.inventory.LocalInventory.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SyncMultiCloudResource, ShowSyncTask, ListMultiCloudResources and CountMultiCloudResources,
 * through the OTHER connector reading an inventory that this test serves with WireMock. Paging,
 * filters, the duplicate sync, deletes while and after a sync, and the refusals of unknown
 * accounts, unknown tasks and invalid parameters are the conformance kit's checks, which
 * {@link ConformanceKitFullModeTest} and {@link ConformanceKitReadOnlyModeTest} run.
 */
class MulticloudSyncContractTest extends ContractTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static WireMockServer inventory;
    private final List<String> registered = new ArrayList<>();

    @BeforeAll
    static void startInventory() {
        inventory = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        inventory.start();
    }

    @AfterAll
    static void stopInventory() {
        if (inventory != null) {
            inventory.stop();
        }
    }

    @AfterEach
    void deleteTheAccountsOfThisTest() throws Exception {
        for (String id : registered) {
            try {
                accounts.deleteVendorAccount(id);
            } catch (ApiException e) {
                assertThat(e.getCode()).as("deleting %s after the test: %s", id, e.getMessage()).isEqualTo(400);
            }
        }
    }

    // ---- a successful sync ---------------------------------------------------------------------

    @Test
    void aSyncReadsEveryInventoryPageWithTheAccountsCredentialsAndStoresTheResources() throws Exception {
        Account account = registerOther();
        List<Item> firstPage = List.of(
                res(account, "i-1", "web-1", "cloudservers", "eu-1", Map.of("status", "ACTIVE")),
                res(account, "i-2", "db-1", "servers", "eu-2", Map.of("status", "SHUTOFF")));
        List<Item> secondPage = List.of(res(account, "i-3", "web-3", "cloudservers", "eu-1", Map.of()));
        servePages(account, firstPage, secondPage);

        UUID taskId = uuidOf(resources.syncMultiCloudResource(syncOf(account)).getData());
        SyncTask task = awaitTask(taskId);

        assertThat(task.getTaskId()).isEqualTo(taskId);
        assertThat(task.getVendor()).isEqualTo(Vendor.OTHER);
        assertThat(task.getStatus()).as("task %s", task).isEqualTo(SyncStatus.SUCCESS);
        assertThat(task.getResourcesRead()).isEqualTo(3L);
        assertThat(task.getResourcesAdded()).isEqualTo(3L);
        assertThat(task.getAccounts()).singleElement().satisfies(part -> {
            assertThat(part.getId()).isEqualTo(account.id);
            assertThat(part.getAccountId()).isEqualTo(account.accountId);
            assertThat(part.getStatus()).isEqualTo(SyncStatus.SUCCESS);
            assertThat(part.getResourcesRead()).isEqualTo(3L);
        });

        List<MultiCloudResource> stored = listed(account.resourceIds("i-1", "i-2", "i-3"));
        assertThat(stored).extracting(MultiCloudResource::getResourceId)
                .containsExactlyInAnyOrderElementsOf(account.resourceIds("i-1", "i-2", "i-3"));
        MultiCloudResource web1 = stored.stream()
                .filter(r -> r.getResourceId().equals(account.resourceId("i-1"))).findFirst().orElseThrow();
        assertThat(web1.getName()).isEqualTo("web-1");
        assertThat(web1.getType()).isEqualTo("cloudservers");
        assertThat(web1.getRegionId()).isEqualTo("eu-1");
        assertThat(web1.getVendor()).isEqualTo(Vendor.OTHER);
        assertThat(web1.getDatasource()).isEqualTo(account.accountId);
        assertThat(web1.getProperties()).containsEntry("status", "ACTIVE");
        assertThat(web1.getId()).isNotNull();
        assertThat(web1.getCreateTime()).isNotNull();
        assertThat(count(account.resourceIds("i-1", "i-2", "i-3"))).isEqualTo(3L);

        VendorAccount after = findAccount(Vendor.OTHER, account.accountId);
        assertThat(after.getSyncStatus()).isEqualTo(SyncStatus.SUCCESS);
        assertThat(after.getSyncDate()).isNotNull();

        inventory.verify(2, getRequestedFor(urlPathEqualTo(account.path))
                .withBasicAuth(new BasicCredentials(account.ak, account.sk))
                .withHeader("Accept", containing("application/json")));
        inventory.verify(1, getRequestedFor(urlPathEqualTo(account.path)).withQueryParam("marker", equalTo("page-2")));
    }

    @Test
    void aSecondSyncRemovesWhatTheInventoryNoLongerListsAndUpdatesWhatChanged() throws Exception {
        Account account = registerOther();
        servePages(account, List.of(
                res(account, "i-1", "web-1", "cloudservers", "eu-1", Map.of("status", "ACTIVE")),
                res(account, "i-2", "web-2", "cloudservers", "eu-1", Map.of())));
        syncSuccessfully(account);

        servePages(account, List.of(res(account, "i-1", "web-1-renamed", "cloudservers", "eu-1", Map.of("status", "SHUTOFF"))));
        SyncTask second = syncSuccessfully(account);

        assertThat(second.getResourcesRead()).isEqualTo(1L);
        assertThat(second.getResourcesAdded()).isZero();
        assertThat(second.getResourcesRemoved()).isEqualTo(1L);
        assertThat(second.getResourcesUpdated()).isEqualTo(1L);
        List<MultiCloudResource> stored = listed(account.resourceIds("i-1", "i-2"));
        assertThat(stored).singleElement().satisfies(r -> {
            assertThat(r.getName()).isEqualTo("web-1-renamed");
            assertThat(r.getProperties()).containsEntry("status", "SHUTOFF");
        });
        assertThat(count(account.resourceIds("i-1", "i-2"))).isEqualTo(1L);
    }

    @Test
    void aSyncWithoutAnAccountIdCoversEveryAccountOfTheVendor() throws Exception {
        Account first = registerOther();
        Account second = registerOther();
        servePages(first, List.of(res(first, "i-1", "a", "cloudservers", "eu-1", Map.of())));
        servePages(second, List.of(res(second, "i-1", "b", "cloudservers", "eu-1", Map.of())));

        SyncTask withoutAccountId = awaitTask(uuidOf(resources.syncMultiCloudResource(
                new SyncMultiCloudResourceRequestBody().vendor(Vendor.OTHER)).getData()));
        SyncTask withEmptyAccountId = awaitTask(uuidOf(resources.syncMultiCloudResource(
                new SyncMultiCloudResourceRequestBody().vendor(Vendor.OTHER).accountId("")).getData()));

        for (SyncTask task : List.of(withoutAccountId, withEmptyAccountId)) {
            assertThat(task.getStatus()).as("task %s", task).isEqualTo(SyncStatus.SUCCESS);
            assertThat(task.getAccounts()).extracting(SyncTaskAccount::getAccountId)
                    .containsExactlyInAnyOrder(first.accountId, second.accountId);
        }
        assertThat(count(List.of(first.resourceId("i-1"), second.resourceId("i-1")))).isEqualTo(2L);
    }

    // ---- failing inventories -------------------------------------------------------------------

    @Test
    void anInventoryThatRefusesTheCredentialsFailsTheSyncAndKeepsTheStoredResources() throws Exception {
        Account account = registerOther();
        servePages(account, List.of(res(account, "i-1", "web-1", "cloudservers", "eu-1", Map.of())));
        syncSuccessfully(account);

        inventory.stubFor(get(urlPathEqualTo(account.path)).willReturn(aResponse().withStatus(401)));
        SyncTask failed = awaitTask(uuidOf(resources.syncMultiCloudResource(syncOf(account)).getData()));

        assertThat(failed.getStatus()).isEqualTo(SyncStatus.FAILED);
        assertThat(failed.getAccounts()).singleElement().satisfies(part -> {
            assertThat(part.getStatus()).isEqualTo(SyncStatus.FAILED);
            assertThat(part.getFailureMsg()).contains("401");
        });
        VendorAccount after = findAccount(Vendor.OTHER, account.accountId);
        assertThat(after.getSyncStatus()).isEqualTo(SyncStatus.FAILED);
        assertThat(after.getFailureMsg()).contains("401");
        assertThat(count(account.resourceIds("i-1"))).as("resources survive a failed sync").isEqualTo(1L);
    }

    @Test
    void anInventoryFailingWith500IsRetriedThenTheSyncFailsAndKeepsTheStoredResources() throws Exception {
        Account account = registerOther();
        servePages(account, List.of(res(account, "i-1", "web-1", "cloudservers", "eu-1", Map.of())));
        syncSuccessfully(account);
        int before = inventory.findAll(getRequestedFor(urlPathEqualTo(account.path))).size();

        inventory.stubFor(get(urlPathEqualTo(account.path)).willReturn(aResponse().withStatus(500)));
        SyncTask failed = awaitTask(uuidOf(resources.syncMultiCloudResource(syncOf(account)).getData()));

        assertThat(failed.getStatus()).isEqualTo(SyncStatus.FAILED);
        assertThat(failed.getAccounts()).singleElement()
                .satisfies(part -> assertThat(part.getFailureMsg()).isNotBlank());
        int attempts = inventory.findAll(getRequestedFor(urlPathEqualTo(account.path))).size() - before;
        assertThat(attempts).as("requests to an inventory that answers 500").isGreaterThan(1);
        VendorAccount after = findAccount(Vendor.OTHER, account.accountId);
        assertThat(after.getSyncStatus()).isEqualTo(SyncStatus.FAILED);
        assertThat(after.getFailureMsg()).isNotBlank();
        assertThat(count(account.resourceIds("i-1"))).as("resources survive a failed sync").isEqualTo(1L);
    }

    @Test
    void aThrottledOrTransientlyFailingInventoryIsRetriedAndTheSyncSucceeds() throws Exception {
        Account account = registerOther();
        String scenario = "flaky " + account.accountId;
        inventory.stubFor(firstPage(account).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0"))
                .willSetStateTo("throttled"));
        inventory.stubFor(firstPage(account).inScenario(scenario).whenScenarioStateIs("throttled")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));
        inventory.stubFor(firstPage(account).inScenario(scenario).whenScenarioStateIs("recovered")
                .willReturn(page(List.of(res(account, "i-1", "web-1", "cloudservers", "eu-1", Map.of())), null)));

        syncSuccessfully(account);

        assertThat(count(account.resourceIds("i-1"))).isEqualTo(1L);
    }

    // ---- refusals ------------------------------------------------------------------------------

    @Test
    void syncingAVendorWithoutRegisteredAccountsIsRefusedAsAnUnknownVendorAccount() {
        assertError(failure(() -> resources.syncMultiCloudResource(new SyncMultiCloudResourceRequestBody().vendor(Vendor.AWS))),
                400, "COC.00101102");
    }

    @Test
    void aVendorWithNoResourcesHasAnEmptyInventory() throws Exception {
        assertThat(resources.listMultiCloudResources(Vendor.AZURE, 500, null, null, null, null, null, null).getData()).isEmpty();
        assertThat(resources.countMultiCloudResources(Vendor.AZURE, null, null, null, null).getData()).isZero();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Account registerOther() throws Exception {
        String accountId = unique("dc");
        String path = "/inventory/" + accountId;
        VendorAccountCreateRequest request = account(Vendor.OTHER, accountId).endpoint(inventory.baseUrl() + path);
        String id = register(request);
        registered.add(id);
        return new Account(id, accountId, path, request.getAk(), request.getSk());
    }

    private static SyncMultiCloudResourceRequestBody syncOf(Account account) {
        return new SyncMultiCloudResourceRequestBody().vendor(Vendor.OTHER).accountId(account.accountId);
    }

    private static SyncTask syncSuccessfully(Account account) throws Exception {
        SyncTask task = awaitTask(uuidOf(resources.syncMultiCloudResource(syncOf(account)).getData()));
        assertThat(task.getStatus()).as("sync of %s: %s", account.accountId, task).isEqualTo(SyncStatus.SUCCESS);
        return task;
    }

    private static List<MultiCloudResource> listed(List<String> resourceIds) throws ApiException {
        return resources.listMultiCloudResources(Vendor.OTHER, 500, null, null, null, resourceIds, null, null).getData();
    }

    private static long count(List<String> resourceIds) throws ApiException {
        return resources.countMultiCloudResources(Vendor.OTHER, null, resourceIds, null, null).getData();
    }

    /** Serves the pages in order, linked by next_marker page-2, page-3, ... */
    @SafeVarargs
    private static void servePages(Account account, List<Item>... pages) throws Exception {
        for (int i = 0; i < pages.length; i++) {
            String next = i + 1 < pages.length ? "page-" + (i + 2) : null;
            MappingBuilder mapping = i == 0
                    ? firstPage(account)
                    : get(urlPathEqualTo(account.path)).withQueryParam("marker", equalTo("page-" + (i + 1)));
            inventory.stubFor(mapping.willReturn(page(pages[i], next)));
        }
    }

    private static MappingBuilder firstPage(Account account) {
        return get(urlPathEqualTo(account.path)).withQueryParam("marker", absent());
    }

    private static ResponseDefinitionBuilder page(List<Item> items, String nextMarker) {
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("resources", items.stream().map(Item::toJson).toList());
            body.put("next_marker", nextMarker);
            return okJson(JSON.writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Item res(Account account, String id, String name, String type, String region, Map<String, Object> properties) {
        return new Item(account.resourceId(id), name, type, region, properties);
    }

    private record Account(String id, String accountId, String path, String ak, String sk) {
        String resourceId(String local) {
            return accountId + "-" + local;
        }

        List<String> resourceIds(String... locals) {
            return java.util.Arrays.stream(locals).map(this::resourceId).toList();
        }
    }
}
