package io.cocsync.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.cocsync.client.ApiClient;
import io.cocsync.client.model.SyncStatus;
import io.cocsync.client.model.Vendor;
import io.cocsync.client.model.VendorAccount;
import org.junit.jupiter.api.Test;

/**
 * The generated client reads enum values that a newer server may add as
 * {@code UNKNOWN_DEFAULT_OPEN_API} instead of failing (it is generated with
 * {@code enumUnknownDefaultCase=true}).
 */
class ClientEnumToleranceTest {

    @Test
    void anUnknownVendorReadsAsTheUnknownDefault() {
        assertThat(Vendor.fromValue("NEWCLOUD")).isEqualTo(Vendor.UNKNOWN_DEFAULT_OPEN_API);
        assertThat(Vendor.fromValue("HCS")).isEqualTo(Vendor.HCS);
    }

    @Test
    void aVendorAccountWithAnUnknownVendorAndSyncStatusDeserializesThroughTheClientsMapper() throws Exception {
        String json = """
                {"id":"688b32521c083f512c338cf2","vendor":"NEWCLOUD","account_id":"a-1",
                 "account_name":"n","ak":"ak","sync_status":"paused",
                 "create_time":"2026-11-22T08:30:00Z","update_time":"2026-11-22T08:30:00.5+01:00",
                 "some_future_field":{"x":1}}
                """;

        VendorAccount account = new ApiClient().getObjectMapper().readValue(json, VendorAccount.class);

        assertThat(account.getVendor()).isEqualTo(Vendor.UNKNOWN_DEFAULT_OPEN_API);
        assertThat(account.getSyncStatus()).isEqualTo(SyncStatus.UNKNOWN_DEFAULT_OPEN_API);
        assertThat(account.getAccountId()).isEqualTo("a-1");
        assertThat(account.getUpdateTime().getOffset().getTotalSeconds()).isEqualTo(3600);
    }
}
