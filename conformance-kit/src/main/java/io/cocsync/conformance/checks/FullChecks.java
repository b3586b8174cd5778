package io.cocsync.conformance.checks;

import static io.cocsync.conformance.checks.Listing.ACCOUNTS;
import static io.cocsync.conformance.checks.Listing.COUNT;
import static io.cocsync.conformance.checks.Listing.RESOURCES;
import static io.cocsync.conformance.checks.Listing.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocsync.conformance.checks.KitAccounts.Account;
import io.cocsync.conformance.http.Answer;
import io.cocsync.conformance.http.ApiTarget;
import io.cocsync.conformance.inventory.LocalInventory;
import io.cocsync.conformance.inventory.LocalInventory.Item;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks that write: each registers OTHER accounts of its own (reading from the kit's
 * inventory), syncs, updates or deletes them, and compares what the deployment then answers with
 * what the kit served. The run's clean-up deletes whatever a check left.
 */
public final class FullChecks {

    private FullChecks() {
    }

    public static List<Check> all() {
        return List.of(
                check("CreateVendorAccount.registeredAccountIsListedWithoutItsSecret", "a registered account is listed with its fields, never with its sk",
                        FullChecks::registeredAccountIsListed),
                check("CreateVendorAccount.sameVendorAndAccountIdIsAConflict", "registering the same vendor and account_id twice is 409 COC.00101103",
                        FullChecks::duplicateRegistrationIsAConflict),
                check("UpdateVendorAccount.changesOnlyTheGivenFields", "an update changes the fields it names and keeps the others",
                        FullChecks::updateChangesOnlyTheGivenFields),
                check("ListVendorAccount.pagesAndFiltersTheKitsAccounts", "offset, marker, marker with offset, total and filters over accounts the kit registered",
                        FullChecks::accountPagingAndFilters),
                check("SyncMultiCloudResource.syncStoresTheInventory", "a sync reads every inventory page, ends in success and stores every resource",
                        FullChecks::syncStoresTheInventory),
                check("ListMultiCloudResources.pagingByMarkerAndOffsetAgreeOnTheKitsResources", "paging by marker and by offset read the kit's five resources in id order",
                        FullChecks::resourcePaging),
                check("ListMultiCloudResources.filtersFilterTheKitsResources", "type, region and name filters, combined or not, list and count exactly the matching resources",
                        FullChecks::resourceFilters),
                check("SyncMultiCloudResource.duplicateRequestReturnsTheRunningTask", "a sync request for an account whose sync runs answers that task's id",
                        FullChecks::duplicateSyncReturnsTheRunningTask),
                check("DeleteVendorAccount.refusedWhileItsSyncRuns", "deleting an account while its sync runs is 409 COC.00101104",
                        FullChecks::deleteWhileSyncingIsAConflict),
                check("DeleteVendorAccount.removesTheAccountAndItsResources", "a deleted account's resources are gone, and a second delete is COC.00101102",
                        FullChecks::deleteRemovesTheAccountAndItsResources));
    }

    private static Check check(String name, String summary, Check.Body body) {
        return new Check(name, Mode.FULL, summary, body);
    }

    // ---- accounts ------------------------------------------------------------------------------

    private static JsonNode listedAccount(ApiTarget api, String accountId) {
        List<JsonNode> found = Listing.page(api, query(ACCOUNTS, "limit", "10", "vendor", "OTHER", "account_id", accountId));
        assertThat(found).as("accounts of OTHER with account_id %s", accountId).hasSize(1);
        return found.get(0);
    }

    private static void registeredAccountIsListed(CheckContext context) {
        Account account = context.accounts().register(context.unique("listed"));
        Answer answer = context.api().get(query(ACCOUNTS, "limit", "10", "vendor", "OTHER", "account_id", account.accountId()));

        assertThat(Expect.ok(answer, "ListVendorAccount")).hasSize(1);
        assertThat(answer.json().path("total").asLong()).isEqualTo(1L);
        JsonNode listed = answer.data().get(0);
        assertThat(listed.path("id").asText()).isEqualTo(account.id());
        assertThat(listed.path("vendor").asText()).isEqualTo("OTHER");
        assertThat(listed.path("account_id").asText()).isEqualTo(account.accountId());
        assertThat(listed.path("account_name").asText()).isEqualTo(account.accountName());
        assertThat(listed.path("ak").asText()).isEqualTo(account.ak());
        assertThat(listed.path("endpoint").asText()).isEqualTo(account.endpoint());
        assertThat(listed.hasNonNull("sync_status")).as("sync_status of %s", listed).isTrue();
        assertThat(listed.hasNonNull("create_time")).as("create_time of %s", listed).isTrue();
        assertThat(answer.body()).as("the listing never carries sk").doesNotContain("\"sk\"").doesNotContain(account.sk());
    }

    private static void duplicateRegistrationIsAConflict(CheckContext context) {
        Account account = context.accounts().register(context.unique("dup"));
        String again = "{\"vendor\":\"OTHER\",\"account_id\":\"" + account.accountId() + "\",\"account_name\":\"again\","
                + "\"ak\":\"a\",\"sk\":\"s\",\"endpoint\":\"" + account.endpoint() + "\"}";

        Expect.error(context.api().send("POST", ACCOUNTS, again), 409, "COC.00101103");
        assertThat(Listing.page(context.api(), query(ACCOUNTS, "limit", "10", "vendor", "OTHER", "account_id", account.accountId())))
                .as("the first registration stays the only one").hasSize(1);
    }

    private static void updateChangesOnlyTheGivenFields(CheckContext context) {
        Account account = context.accounts().register(context.unique("upd"));
        String renamed = account.accountName() + "-renamed";

        JsonNode answered = Expect.ok(context.api().send("PUT", ACCOUNTS + "/" + account.id(),
                "{\"account_name\":\"" + renamed + "\"}"), "UpdateVendorAccount");

        assertThat(answered.asText()).isEqualTo(account.id());
        JsonNode updated = listedAccount(context.api(), account.accountId());
        assertThat(updated.path("account_name").asText()).isEqualTo(renamed);
        assertThat(updated.path("ak").asText()).isEqualTo(account.ak());
        assertThat(updated.path("endpoint").asText()).isEqualTo(account.endpoint());
        Expect.invalid(context.api().sendInvalid("PUT", ACCOUNTS + "/" + account.id(), "{}"), "an update without any field");
    }

    private static void accountPagingAndFilters(CheckContext context) {
        ApiTarget api = context.api();
        String group = context.unique("paged");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(context.accounts().register(group + "-" + i).id());
        }
        ids.sort(null);
        String byName = query(ACCOUNTS, "account_name", group);

        assertThat(Listing.pagingAgrees(api, byName, 2, 3)).containsExactlyElementsOf(ids);
        Answer second = api.get(byName + "&limit=2&offset=2");
        assertThat(second.json().path("total").asLong()).as("total of %s", second).isEqualTo(3L);
        assertThat(Listing.ids(Listing.page(api, byName + "&limit=10&offset=1&marker=" + ids.get(0))))
                .as("marker with offset").containsExactly(ids.get(2));
        assertThat(Listing.page(api, byName + "&limit=10&vendor=OTHER")).hasSize(3);
        assertThat(Listing.page(api, byName + "&limit=10&vendor=AWS")).as("another vendor's accounts").isEmpty();
        assertThat(Listing.page(api, query(ACCOUNTS, "limit", "10", "account_id", group + "-1")))
                .extracting(a -> a.path("account_id").asText()).containsExactly(group + "-1");
    }

    // ---- syncs and the inventory ---------------------------------------------------------------

    private static void syncStoresTheInventory(CheckContext context) throws Exception {
        ApiTarget api = context.api();
        String accountId = context.unique("sync");
        Account account = context.accounts().register(accountId,
                List.of(KitAccounts.item(accountId, "i-1", "web-1", "cloudservers", "eu-1"), KitAccounts.item(accountId, "i-2", "db-1", "servers", "eu-2")),
                List.of(KitAccounts.item(accountId, "i-3", "web-3", "cloudservers", "eu-1")));

        JsonNode task = SyncTasks.syncSuccessfully(api, account.accountId(), context.syncTimeout());

        assertThat(task.path("vendor").asText()).isEqualTo("OTHER");
        assertThat(task.path("resources_read").asLong()).as("resources_read of %s", task).isEqualTo(3L);
        assertThat(task.path("resources_added").asLong()).as("resources_added of %s", task).isEqualTo(3L);
        List<String> all = account.resourceIds("i-1", "i-2", "i-3");
        List<JsonNode> stored = listedResources(api, all);
        assertThat(stored).extracting(r -> r.path("resource_id").asText()).containsExactlyInAnyOrderElementsOf(all);
        JsonNode web1 = stored.stream().filter(r -> r.path("resource_id").asText().equals(account.resourceId("i-1")))
                .findFirst().orElseThrow();
        assertThat(web1.path("name").asText()).isEqualTo("web-1");
        assertThat(web1.path("type").asText()).isEqualTo("cloudservers");
        assertThat(web1.path("region_id").asText()).isEqualTo("eu-1");
        assertThat(web1.path("vendor").asText()).isEqualTo("OTHER");
        assertThat(Listing.count(api, resourceQuery(COUNT, all))).isEqualTo(3L);
        assertThat(listedAccount(api, account.accountId()).path("sync_status").asText()).isEqualToIgnoringCase("success");
    }

    private static void resourcePaging(CheckContext context) throws Exception {
        String accountId = context.unique("rpaged");
        List<Item> five = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            five.add(KitAccounts.item(accountId, "i-" + i, "vm-" + i, "cloudservers", "eu-1"));
        }
        Account account = context.accounts().register(accountId, five);
        SyncTasks.syncSuccessfully(context.api(), account.accountId(), context.syncTimeout());
        List<String> all = account.resourceIds("i-1", "i-2", "i-3", "i-4", "i-5");

        List<String> read = Listing.pagingAgrees(context.api(), resourceQuery(RESOURCES, all), 2, 3);

        assertThat(read).hasSize(5);
    }

    private static void resourceFilters(CheckContext context) throws Exception {
        ApiTarget api = context.api();
        String accountId = context.unique("filter");
        Account account = context.accounts().register(accountId, List.of(
                KitAccounts.item(accountId, "i-1", "web-1", "cloudservers", "eu-1"),
                KitAccounts.item(accountId, "i-2", "db-1", "servers", "eu-2"),
                KitAccounts.item(accountId, "i-3", "web-3", "cloudservers", "eu-1")));
        SyncTasks.syncSuccessfully(api, account.accountId(), context.syncTimeout());
        String all = resourceQuery(RESOURCES, account.resourceIds("i-1", "i-2", "i-3")) + "&limit=10";
        String counted = resourceQuery(COUNT, account.resourceIds("i-1", "i-2", "i-3"));

        assertThat(names(api, all + "&type=servers")).containsExactly("db-1");
        assertThat(Listing.count(api, counted + "&type=servers")).isEqualTo(1L);
        assertThat(names(api, all + "&region_id_list=eu-1")).containsExactlyInAnyOrder("web-1", "web-3");
        assertThat(Listing.count(api, counted + "&region_id_list=eu-1")).isEqualTo(2L);
        assertThat(names(api, all + "&name_list=web-1&name_list=db-1")).containsExactlyInAnyOrder("web-1", "db-1");
        assertThat(Listing.count(api, counted + "&name_list=web-1&name_list=db-1")).isEqualTo(2L);
        assertThat(Listing.count(api, counted + "&type=cloudservers&region_id_list=eu-2")).as("filters combine").isZero();
        assertThat(Listing.count(api, counted.replace("vendor=OTHER", "vendor=AWS"))).as("another vendor's inventory").isZero();
    }

    private static void duplicateSyncReturnsTheRunningTask(CheckContext context) throws Exception {
        ApiTarget api = context.api();
        String accountId = context.unique("held");
        Account account = context.accounts().register(accountId, List.of(KitAccounts.item(accountId, "i-1", "held-1", "servers", "dc-1")));
        String second;
        String first;
        LocalInventory.Hold hold = context.inventory().hold(account.accountId());
        try {
            first = SyncTasks.start(api, account.accountId());
            SyncTasks.awaitAccountRunning(api, account.accountId(), context.syncTimeout());
            second = SyncTasks.start(api, account.accountId());
        } finally {
            hold.release();
        }
        assertThat(second).as("the task id answered to a duplicate request").isEqualTo(first);
        assertThat(SyncTasks.awaitFinished(api, first, context.syncTimeout()).path("status").asText())
                .isEqualToIgnoringCase("success");
    }

    private static void deleteWhileSyncingIsAConflict(CheckContext context) throws Exception {
        ApiTarget api = context.api();
        String accountId = context.unique("busy");
        Account account = context.accounts().register(accountId, List.of(KitAccounts.item(accountId, "i-1", "busy-1", "servers", "dc-1")));
        String task;
        LocalInventory.Hold hold = context.inventory().hold(account.accountId());
        try {
            task = SyncTasks.start(api, account.accountId());
            SyncTasks.awaitAccountRunning(api, account.accountId(), context.syncTimeout());
            Expect.error(api.send("DELETE", ACCOUNTS + "/" + account.id(), null), 409, "COC.00101104");
        } finally {
            hold.release();
        }
        SyncTasks.awaitFinished(api, task, context.syncTimeout());
        assertThat(listedAccount(api, account.accountId()).path("id").asText()).as("the account survives").isEqualTo(account.id());
    }

    private static void deleteRemovesTheAccountAndItsResources(CheckContext context) throws Exception {
        ApiTarget api = context.api();
        String accountId = context.unique("del");
        Account account = context.accounts().register(accountId, List.of(
                KitAccounts.item(accountId, "i-1", "gone-1", "servers", "dc-1"), KitAccounts.item(accountId, "i-2", "gone-2", "servers", "dc-1")));
        SyncTasks.syncSuccessfully(api, account.accountId(), context.syncTimeout());
        List<String> all = account.resourceIds("i-1", "i-2");
        assertThat(Listing.count(api, resourceQuery(COUNT, all))).as("resources before the delete").isEqualTo(2L);

        JsonNode deleted = Expect.ok(api.send("DELETE", ACCOUNTS + "/" + account.id(), null), "DeleteVendorAccount");
        context.accounts().deleted(account.id());

        assertThat(deleted.asText()).isEqualTo(account.id());
        assertThat(Listing.count(api, resourceQuery(COUNT, all))).as("the account's resources go with it").isZero();
        assertThat(listedResources(api, all)).isEmpty();
        assertThat(Listing.page(api, query(ACCOUNTS, "limit", "10", "vendor", "OTHER", "account_id", account.accountId())))
                .isEmpty();
        Expect.error(api.send("DELETE", ACCOUNTS + "/" + account.id(), null), 400, "COC.00101102");
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** OTHER's list or count restricted to the given resource ids. */
    private static String resourceQuery(String path, List<String> resourceIds) {
        StringBuilder url = new StringBuilder(query(path, "vendor", "OTHER"));
        resourceIds.forEach(id -> url.append("&resource_id_list=").append(id));
        return url.toString();
    }

    private static List<JsonNode> listedResources(ApiTarget api, List<String> resourceIds) {
        return Listing.page(api, resourceQuery(RESOURCES, resourceIds) + "&limit=500");
    }

    private static List<String> names(ApiTarget api, String pathAndQuery) {
        return Listing.page(api, pathAndQuery).stream().map(r -> r.path("name").asText()).toList();
    }
}
