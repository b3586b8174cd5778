package io.cocsync.conformance.checks;

import static io.cocsync.conformance.checks.Listing.ACCOUNTS;
import static io.cocsync.conformance.checks.Listing.COUNT;
import static io.cocsync.conformance.checks.Listing.RESOURCES;
import static io.cocsync.conformance.checks.Listing.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocsync.conformance.http.Answer;
import io.cocsync.conformance.http.ApiTarget;
import io.cocsync.conformance.http.ApiTarget.Call;
import io.cocsync.conformance.spec.SpecContract;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The checks that write nothing: lists, counts, and refusals of requests that cannot change
 * anything (unknown ids, invalid input). Where they compare pages or filters they use whatever
 * data the deployment holds, and skip when it holds none.
 */
public final class ReadOnlyChecks {

    private ReadOnlyChecks() {
    }

    public static List<Check> all() {
        return List.of(
                check("ListVendorAccount.answersAPage", "a page of accounts has at most limit items, a total, and never an sk",
                        ReadOnlyChecks::accountsAnswerAPage),
                check("ListVendorAccount.pagingByMarkerAndOffsetAgree", "paging by marker and by offset read the same accounts in id order",
                        c -> requireAccounts(c.api(), 3, () -> Listing.pagingAgrees(c.api(), ACCOUNTS, 2, 3))),
                check("ListVendorAccount.filtersFilter", "vendor, account_id and account_name filters keep only matching accounts",
                        ReadOnlyChecks::accountFiltersFilter),
                check("ListVendorAccount.refusesInvalidParameters", "an invalid limit, offset, vendor or account_id is refused with COC.00010002",
                        ReadOnlyChecks::accountListRefusesInvalidParameters),
                check("ListMultiCloudResources.answersAPagePerVendor", "every vendor's inventory answers a page of its own resources, and its count",
                        ReadOnlyChecks::resourcesAnswerAPagePerVendor),
                check("ListMultiCloudResources.pagingByMarkerAndOffsetAgree", "paging by marker and by offset read the same resources in id order",
                        c -> Listing.pagingAgrees(c.api(), query(RESOURCES, "vendor", vendorWithResources(c.api(), 3)), 2, 3)),
                check("ListMultiCloudResources.filtersFilter", "type, region, name and resource id filters keep only matching resources, and the count agrees",
                        ReadOnlyChecks::resourceFiltersFilter),
                check("ListMultiCloudResources.refusesInvalidParameters", "an invalid vendor, limit, offset or id list is refused with COC.00010002",
                        ReadOnlyChecks::resourceListRefusesInvalidParameters),
                check("CountMultiCloudResources.refusesInvalidParameters", "an invalid vendor or empty filter is refused with COC.00010002",
                        ReadOnlyChecks::countRefusesInvalidParameters),
                check("ShowSyncTask.unknownTaskIsNotFound", "a task id that names no task is 404 COC.00010404",
                        c -> Expect.error(c.api().get("/v1/multicloud-resources/sync-tasks/" + UUID.randomUUID()), 404, "COC.00010404")),
                check("ShowSyncTask.refusesAnIdThatIsNotAUuid", "a task id that is not a UUID is refused with COC.00010002",
                        c -> Expect.invalid(c.api().sendInvalid("GET", "/v1/multicloud-resources/sync-tasks/not-a-uuid", null), "a task id not a UUID")),
                check("SyncMultiCloudResource.refusesAnUnknownAccount", "a sync of an account that is not registered is refused with COC.00101102",
                        c -> Expect.error(permitted(c.api().send("POST", "/v1/multicloud-resources/sync",
                                "{\"vendor\":\"OTHER\",\"account_id\":\"" + absent() + "\"}")), 400, "COC.00101102")),
                check("SyncMultiCloudResource.refusesInvalidBodies", "a sync request that breaks the schema is refused with COC.00010002",
                        c -> refusesBodies(c.api(), "POST", "/v1/multicloud-resources/sync", List.of("{\"vendor\":\"NOPE\"}", "{}",
                                "{\"vendor\":\"OTHER\",\"scope\":\"all\"}", "{\"vendor\":\"OTHER\",\"account_id\":\"" + "x".repeat(65) + "\"}",
                                "{\"vendor\":7}", "{\"vendor\":\"OTHER\",\"account_id\":[\"a\"]}", "{\"vendor\":", ""))),
                check("CreateVendorAccount.refusesInvalidBodies", "a registration that cannot be stored (bad JSON, unknown vendor, wrong types) is refused with COC.00010002",
                        c -> refusesBodies(c.api(), "POST", ACCOUNTS, List.of("{\"vendor\":\"HCS\",", "not json at all", "[]", "",
                                "{\"vendor\":\"NOPE\",\"account_id\":\"a\",\"account_name\":\"n\",\"ak\":\"a\",\"sk\":\"s\"}",
                                "{\"vendor\":7,\"account_id\":12345,\"account_name\":\"n\",\"ak\":\"a\",\"sk\":\"s\"}"))),
                check("UpdateVendorAccount.refusesAnUnknownAccount", "an update of an account that does not exist is refused with COC.00101102",
                        c -> Expect.error(permitted(c.api().send("PUT", ACCOUNTS + "/" + absent(), "{\"account_name\":\"x\"}")), 400, "COC.00101102")),
                check("DeleteVendorAccount.refusesAnUnknownAccount", "a delete of an account that does not exist is refused with COC.00101102",
                        c -> Expect.error(permitted(c.api().send("DELETE", ACCOUNTS + "/" + absent(), null)), 400, "COC.00101102")),
                check("Http.unknownPathIsNotFound", "a path the spec does not have is 404 with the error body",
                        ReadOnlyChecks::unknownPathIsNotFound),
                check("Http.callersRequestIdIsEchoed", "a caller's X-Request-Id comes back in the header, also in an error body",
                        ReadOnlyChecks::callersRequestIdIsEchoed),
                check("Auth.requestWithoutCredentialsIsRefused", "a request without credentials is 401 APIG.0301",
                        c -> Expect.error(c.api().send(Call.of("GET", query(ACCOUNTS, "limit", "1"), null), false, false),
                                401, "APIG.0301")));
    }

    private static Check check(String name, String summary, Check.Body body) {
        return new Check(name, Mode.READ_ONLY, summary, body);
    }

    /**
     * The answer to a refused write, unless the kit's credentials lack the write's action (403
     * APIG.0302): read-only credentials are right for production, so the check is then skipped.
     */
    private static Answer permitted(Answer answer) {
        if (answer.status() == 403 && "APIG.0302".equals(answer.error().errorCode())) {
            throw new Check.Skipped("the kit's credentials may not perform this operation (403 APIG.0302)");
        }
        return answer;
    }

    /** An id that no deployment holds. */
    private static String absent() {
        return "kit-absent-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- accounts ------------------------------------------------------------------------------

    private static void accountsAnswerAPage(CheckContext context) {
        Answer answer = context.api().get(query(ACCOUNTS, "limit", "10"));
        JsonNode data = Expect.ok(answer, "ListVendorAccount");
        assertThat(data.size()).as("accounts on a page of limit 10").isLessThanOrEqualTo(10);
        assertThat(answer.json().path("total").asLong(-1)).as("total of %s", answer).isGreaterThanOrEqualTo(data.size());
        data.forEach(account -> assertThat(account.has("sk")).as("an account listed with its sk: %s", account).isFalse());
    }

    private static void requireAccounts(ApiTarget api, int least, Runnable check) {
        long total = api.get(query(ACCOUNTS, "limit", "1")).json().path("total").asLong();
        if (total < least) {
            throw new Check.Skipped("the deployment holds " + total + " accounts; this check needs " + least);
        }
        check.run();
    }

    private static void accountFiltersFilter(CheckContext context) {
        ApiTarget api = context.api();
        List<JsonNode> sample = Listing.page(api, query(ACCOUNTS, "limit", "1"));
        if (sample.isEmpty()) {
            throw new Check.Skipped("the deployment holds no accounts");
        }
        JsonNode account = sample.get(0);
        String vendor = account.path("vendor").asText();
        String accountId = account.path("account_id").asText();
        String name = account.path("account_name").asText();
        assertThat(Listing.page(api, query(ACCOUNTS, "limit", "500", "vendor", vendor)))
                .as("accounts listed with vendor %s", vendor).isNotEmpty()
                .allSatisfy(a -> assertThat(a.path("vendor").asText()).isEqualTo(vendor));
        assertThat(Listing.page(api, query(ACCOUNTS, "limit", "500", "account_id", accountId)))
                .as("accounts listed with account_id %s", accountId).isNotEmpty()
                .allSatisfy(a -> assertThat(a.path("account_id").asText()).isEqualTo(accountId));
        assertThat(Listing.page(api, query(ACCOUNTS, "limit", "500", "account_name", name)))
                .as("accounts listed with account_name %s", name).isNotEmpty()
                .allSatisfy(a -> assertThat(a.path("account_name").asText()).contains(name));
        assertThat(Listing.page(api, query(ACCOUNTS, "limit", "500", "vendor", vendor, "account_id", accountId)))
                .as("filters combine").extracting(a -> a.path("id").asText()).contains(account.path("id").asText());
    }

    private static void accountListRefusesInvalidParameters(CheckContext context) {
        for (String query : List.of("limit=0", "limit=501", "limit=abc", "", "limit=10&offset=x", "limit=10&offset=-1",
                "limit=10&vendor=NOPE", "limit=10&account_id=")) {
            Expect.invalid(context.api().sendInvalid("GET", ACCOUNTS + "?" + query, null), "ListVendorAccount ?" + query);
        }
    }

    // ---- resources -----------------------------------------------------------------------------

    /** The vendors the spec knows. */
    static List<String> vendors() {
        Schema<?> vendor = SpecContract.get().openApi().getComponents().getSchemas().get("Vendor");
        return vendor.getEnum().stream().map(String::valueOf).toList();
    }

    private static void resourcesAnswerAPagePerVendor(CheckContext context) {
        for (String vendor : vendors()) {
            List<JsonNode> page = Listing.page(context.api(), query(RESOURCES, "vendor", vendor, "limit", "5"));
            assertThat(page).as("a page of limit 5 of %s", vendor).hasSizeLessThanOrEqualTo(5)
                    .allSatisfy(r -> assertThat(r.path("vendor").asText()).isEqualTo(vendor));
            assertThat(Listing.count(context.api(), query(COUNT, "vendor", vendor)))
                    .as("count of %s", vendor).isGreaterThanOrEqualTo(page.size());
        }
    }

    /** A vendor whose inventory has at least {@code least} resources, or the check is skipped. */
    private static String vendorWithResources(ApiTarget api, int least) {
        for (String vendor : vendors()) {
            if (Listing.count(api, query(COUNT, "vendor", vendor)) >= least) {
                return vendor;
            }
        }
        throw new Check.Skipped("no vendor's inventory holds " + least + " resources");
    }

    private static void resourceFiltersFilter(CheckContext context) {
        ApiTarget api = context.api();
        String vendor = vendorWithResources(api, 1);
        JsonNode sample = Listing.page(api, query(RESOURCES, "vendor", vendor, "limit", "1")).get(0);
        String type = sample.path("type").asText();
        String region = sample.path("region_id").asText(null);
        String name = sample.path("name").asText(null);
        String resourceId = sample.path("resource_id").asText();

        assertFiltered(api, vendor, "type", type, r -> assertThat(r.path("type").asText()).isEqualTo(type));
        assertFiltered(api, vendor, "resource_id_list", resourceId,
                r -> assertThat(r.path("resource_id").asText()).isEqualTo(resourceId));
        if (region != null && !region.isEmpty()) {
            assertFiltered(api, vendor, "region_id_list", region, r -> assertThat(r.path("region_id").asText()).isEqualTo(region));
        }
        if (name != null && !name.isEmpty()) {
            assertFiltered(api, vendor, "name_list", name, r -> assertThat(r.path("name").asText()).isEqualTo(name));
        }
    }

    /** Lists and counts one vendor's inventory with one filter: everything listed matches, the count agrees. */
    private static void assertFiltered(ApiTarget api, String vendor, String filter, String value,
            Consumer<JsonNode> matches) {
        List<JsonNode> listed = Listing.page(api, query(RESOURCES, "vendor", vendor, "limit", "500", filter, value));
        assertThat(listed).as("%s resources listed with %s=%s", vendor, filter, value).isNotEmpty().allSatisfy(matches);
        if (listed.size() < 500) {
            assertThat(Listing.count(api, query(COUNT, "vendor", vendor, filter, value)))
                    .as("count of %s with %s=%s", vendor, filter, value).isEqualTo(listed.size());
        }
    }

    private static void resourceListRefusesInvalidParameters(CheckContext context) {
        for (String query : List.of("?limit=10", "?vendor=NOPE&limit=10", "?vendor=OTHER&limit=abc", "?vendor=OTHER",
                "?vendor=OTHER&limit=0", "?vendor=OTHER&limit=501", "?vendor=OTHER&limit=10&offset=-1",
                "?vendor=OTHER&limit=10&" + repeated("resource_id_list", 101))) {
            Expect.invalid(context.api().sendInvalid("GET", RESOURCES + query, null), "ListMultiCloudResources " + query);
        }
    }

    private static void countRefusesInvalidParameters(CheckContext context) {
        for (String query : List.of("", "?vendor=NOPE", "?vendor=OTHER&region_id_list=", "?vendor=OTHER&type=",
                "?vendor=OTHER&" + repeated("name_list", 101), "?vendor=OTHER&" + repeated("resource_id_list", 101))) {
            Expect.invalid(context.api().sendInvalid("GET", COUNT + query, null), "CountMultiCloudResources " + query);
        }
    }

    /** A list parameter repeated {@code times} times (the spec's lists are form-exploded), one past its limit. */
    private static String repeated(String name, int times) {
        return String.join("&", IntStream.range(0, times).mapToObj(i -> name + "=v-" + i).toList());
    }

    // ---- the HTTP edge -------------------------------------------------------------------------

    private static void refusesBodies(ApiTarget api, String method, String path, List<String> bodies) {
        for (String body : bodies) {
            Expect.invalid(permitted(api.sendInvalid(method, path, body)), method + " " + path + " with " + body);
        }
    }

    private static void unknownPathIsNotFound(CheckContext context) {
        for (String path : List.of("/v1/nothing-here", "/v2/vendor-account", "/v1/vendor-account/a/b")) {
            Expect.error(context.api().send("GET", path, null), 404, "COC.00010404");
        }
    }

    private static void callersRequestIdIsEchoed(CheckContext context) {
        String own = "kit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20) + "-1";
        Answer ok = context.api().send(Call.of("GET", query(ACCOUNTS, "limit", "1"), null).withHeader("X-Request-Id", own),
                true, false);
        assertThat(ok.status()).as("answer %s", ok).isEqualTo(200);
        assertThat(ok.requestIdHeader()).as("the request id header of a success").isEqualTo(own);
        Answer refused = permitted(context.api().send(Call.of("DELETE", ACCOUNTS + "/" + absent(), null)
                .withHeader("X-Request-Id", own), true, false));
        Expect.error(refused, 400, "COC.00101102");
        assertThat(refused.requestIdHeader()).as("the request id header of a refusal").isEqualTo(own);
        assertThat(refused.error().requestId()).as("request_id in the error body").isEqualTo(own);
    }
}
