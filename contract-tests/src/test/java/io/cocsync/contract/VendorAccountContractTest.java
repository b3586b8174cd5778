package io.cocsync.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.cocsync.client.model.ListVendorAccountResponse;
import io.cocsync.client.model.Vendor;
import io.cocsync.client.model.VendorAccount;
import io.cocsync.client.model.VendorAccountCreateRequest;
import io.cocsync.client.model.VendorAccountUpdateRequest;
import io.cocsync.contract.support.ExchangeRecorder;
import io.cocsync.conformance.http.RecordedExchange;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CreateVendorAccount, ListVendorAccount, UpdateVendorAccount and DeleteVendorAccount. Paging,
 * filters, conflicts, deletes and the refusals of unknown accounts and invalid parameters are the
 * conformance kit's checks, which {@link ConformanceKitFullModeTest} and
 * {@link ConformanceKitReadOnlyModeTest} run; this class holds what the kit does not check.
 */
class VendorAccountContractTest extends ContractTestBase {

    @Test
    void aRegisteredAccountIsListedWithItsFieldsButNeverWithItsSecretKey() throws Exception {
        String accountId = unique("acct");
        VendorAccountCreateRequest request = account(Vendor.HCS, accountId)
                .endpoint("https://ecs.hcs.example.com")
                .regionIds(List.of("cn-north-4"));
        String id = register(request);

        ListVendorAccountResponse page = accounts.listVendorAccount(10, null, null, Vendor.HCS, accountId, null);

        assertThat(page.getTotal()).isEqualTo(1L);
        VendorAccount listed = page.getData().get(0);
        assertThat(listed.getId()).isEqualTo(id);
        assertThat(listed.getVendor()).isEqualTo(Vendor.HCS);
        assertThat(listed.getAccountId()).isEqualTo(accountId);
        assertThat(listed.getAccountName()).isEqualTo(request.getAccountName());
        assertThat(listed.getAk()).isEqualTo(request.getAk());
        assertThat(listed.getEndpoint()).isEqualTo("https://ecs.hcs.example.com");
        assertThat(listed.getRegionIds()).containsExactly("cn-north-4");
        assertThat(listed.getSyncStatus()).isNotNull();
        assertThat(listed.getCreateTime()).isNotNull();
        assertThat(listed.getUpdateTime()).isNotNull();
        RecordedExchange listing = lastExchange();
        assertThat(listing.responseBodyText())
                .as("the listing never carries sk")
                .doesNotContain("\"sk\"")
                .doesNotContain(request.getSk());
    }

    @Test
    void theSameAccountIdMayBeRegisteredForAnotherVendor() throws Exception {
        String accountId = unique("shared");
        String first = register(account(Vendor.ALI, accountId));
        String second = register(account(Vendor.AWS, accountId));

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void updatingChangesOnlyTheGivenFields() throws Exception {
        String accountId = unique("upd");
        VendorAccountCreateRequest original = account(Vendor.HCS, accountId)
                .endpoint("https://ecs.hcs.example.com").regionIds(List.of("cn-north-4"));
        String id = register(original);

        String answered = accounts.updateVendorAccount(id,
                new VendorAccountUpdateRequest().accountName("renamed")).getData();

        assertThat(answered).isEqualTo(id);
        VendorAccount updated = findAccount(Vendor.HCS, accountId);
        assertThat(updated.getAccountName()).isEqualTo("renamed");
        assertThat(updated.getAk()).isEqualTo(original.getAk());
        assertThat(updated.getEndpoint()).isEqualTo(original.getEndpoint());
        assertThat(updated.getRegionIds()).containsExactly("cn-north-4");
        assertThat(updated.getUpdateTime()).isAfterOrEqualTo(updated.getCreateTime());
    }

    @Test
    void updatingTheKeysReplacesTheAccessKeyAndStillNeverReturnsTheSecret() throws Exception {
        String accountId = unique("keys");
        String id = register(account(Vendor.HCS, accountId));

        accounts.updateVendorAccount(id, new VendorAccountUpdateRequest().ak("NEW-AK").sk("NEW-SECRET-KEY"));

        assertThat(findAccount(Vendor.HCS, accountId).getAk()).isEqualTo("NEW-AK");
        assertThat(lastExchange().responseBodyText()).doesNotContain("NEW-SECRET-KEY");
    }

    @Test
    void aDeletedAccountCanBeRegisteredAgain() throws Exception {
        String accountId = unique("again");
        accounts.deleteVendorAccount(register(account(Vendor.AWS, accountId)));

        assertThat(register(account(Vendor.AWS, accountId))).isNotBlank();
    }

    // ---- invalid requests ----------------------------------------------------------------------

    @Test
    void registeringWithoutARequiredFieldIsInvalid() {
        assertError(rejection(() -> accounts.createVendorAccount(account(Vendor.HCS, unique("nosk")).sk(null))),
                400, "COC.00010002");
        assertError(rejection(() -> accounts.createVendorAccount(account(Vendor.HCS, unique("novendor")).vendor(null))),
                400, "COC.00010002");
    }

    @Test
    void registeringWithFieldsOutsideTheirLimitsIsInvalid() {
        assertError(rejection(() -> accounts.createVendorAccount(account(Vendor.HCS, "x".repeat(65)))),
                400, "COC.00010002");
        assertError(rejection(() -> accounts.createVendorAccount(account(Vendor.HCS, unique("emptyname")).accountName(""))),
                400, "COC.00010002");
        assertError(rejection(() -> accounts.createVendorAccount(account(Vendor.HCS, unique("ftp")).endpoint("ftp://host/x"))),
                400, "COC.00010002");
        List<String> tooManyRegions = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooManyRegions.add("r" + i);
        }
        assertError(rejection(() -> accounts.createVendorAccount(account(Vendor.HCS, unique("regions")).regionIds(tooManyRegions))),
                400, "COC.00010002");
    }

    @Test
    void registeringWithAnUnknownJsonFieldIsInvalid() {
        HttpResponse<String> response = sendInvalid(request("/v1/vendor-account")
                .header("Content-Type", "application/json")
                .POST(json(accountJson(unique("unknownfield"), "\"colour\":\"blue\",")))
                .build());

        assertError(errorOf(response), 400, "COC.00010002");
    }

    @Test
    void registeringWithAWrongJsonTypeIsInvalid() {
        HttpResponse<String> response = sendInvalid(request("/v1/vendor-account")
                .header("Content-Type", "application/json")
                .POST(json("{\"vendor\":\"HCS\",\"account_id\":12345,\"account_name\":\"n\",\"ak\":\"a\",\"sk\":\"s\"}"))
                .build());

        assertError(errorOf(response), 400, "COC.00010002");
    }

    @Test
    void updatingWithAnUnknownJsonFieldIsInvalid() throws Exception {
        String id = register(account(Vendor.HCS, unique("upd-unknown")));

        HttpResponse<String> response = sendInvalid(request("/v1/vendor-account/" + id)
                .header("Content-Type", "application/json")
                .PUT(json("{\"account_name\":\"x\",\"vendor\":\"AWS\"}"))
                .build());

        assertError(errorOf(response), 400, "COC.00010002");
    }

    @Test
    void getAndDeleteWithAJsonContentTypeAndNoBodyAreAccepted() throws Exception {
        String id = register(account(Vendor.HCS, unique("sdk-style")));

        HttpResponse<String> listed = send(request("/v1/vendor-account?limit=1")
                .header("Content-Type", "application/json").GET().build());
        HttpResponse<String> deleted = send(request("/v1/vendor-account/" + id)
                .header("Content-Type", "application/json").DELETE().build());

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(deleted.statusCode()).isEqualTo(200);
    }

    static String accountJson(String accountId, String extraFields) {
        return "{" + extraFields + "\"vendor\":\"HCS\",\"account_id\":\"" + accountId
                + "\",\"account_name\":\"n\",\"ak\":\"a\",\"sk\":\"s\"}";
    }

    private static RecordedExchange lastExchange() {
        List<RecordedExchange> exchanges = ExchangeRecorder.snapshot();
        assertThat(exchanges).isNotEmpty();
        return exchanges.get(exchanges.size() - 1);
    }

}
