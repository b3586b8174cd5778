package io.cocsync.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.cocsync.client.model.SyncMultiCloudResourceRequestBody;
import io.cocsync.client.model.SyncTask;
import io.cocsync.client.model.SyncTaskAccount;
import io.cocsync.client.model.Vendor;
import io.cocsync.client.model.VendorAccountCreateRequest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The example of Huawei Cloud's API reference for SyncMultiCloudResource,
 * {@code {"vendor": "HCS", "account_id": "ssstest21321"}}, played against a fresh server.
 */
class SeedScenarioTest extends ContractTestBase {

    private static final SyncMultiCloudResourceRequestBody SEED =
            new SyncMultiCloudResourceRequestBody().vendor(Vendor.HCS).accountId("ssstest21321");

    @Test
    void theSeedSyncIsRefusedUntilItsAccountIsRegisteredAndThenAcceptedAndReadableAsATask() throws Exception {
        assertError(failure(() -> resources.syncMultiCloudResource(SEED)), 400, "COC.00101102");

        String id = register(new VendorAccountCreateRequest()
                .vendor(Vendor.HCS)
                .accountId("ssstest21321")
                .accountName("hcs-production")
                .ak("HPUAHVNXXSUT3EXAMPLE")
                .sk("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY")
                .endpoint("https://ecs.hcs.example.com"));
        UUID data = resources.syncMultiCloudResource(SEED).getData();

        UUID taskId = uuidOf(data);
        SyncTask task = resources.showSyncTask(taskId).getData();
        assertThat(task.getTaskId()).isEqualTo(taskId);
        assertThat(task.getVendor()).isEqualTo(Vendor.HCS);
        assertThat(task.getStatus()).isNotNull();
        assertThat(task.getCreateTime()).isNotNull();
        assertThat(task.getAccounts()).extracting(SyncTaskAccount::getAccountId).containsExactly("ssstest21321");
        assertThat(task.getAccounts()).extracting(SyncTaskAccount::getId).containsExactly(id);

        // Not asserted: how it ends (there is no HCS connector yet, so it fails). Waiting lets the
        // server stop without a task in flight.
        assertThat(awaitTask(taskId).getTaskId()).isEqualTo(taskId);
    }
}
