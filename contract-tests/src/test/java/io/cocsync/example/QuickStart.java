package io.cocsync.example;

// README:BEGIN (generated-client/README.md shows this file from here to README:END; a test runs it)
import io.cocsync.client.ApiClient;
import io.cocsync.client.ApiException;
import io.cocsync.client.api.MulticloudResourceApi;
import io.cocsync.client.api.VendorAccountApi;
import io.cocsync.client.auth.AkSkSigner;
import io.cocsync.client.model.ErrorResponse;
import io.cocsync.client.model.MultiCloudResource;
import io.cocsync.client.model.SyncMultiCloudResourceRequestBody;
import io.cocsync.client.model.SyncStatus;
import io.cocsync.client.model.SyncTask;
import io.cocsync.client.model.Vendor;
import io.cocsync.client.model.VendorAccountCreateRequest;
import java.util.List;
import java.util.UUID;

public final class QuickStart {

    /** Where an OTHER account reads its resources (the README's "OTHER inventory format"). */
    public record Inventory(String url, String user, String password) {}

    /** Registers an inventory, synchronizes it, waits for the task and prints every resource. */
    public static int run(String baseUrl, String ak, String sk, Inventory inventory) throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUrl);
        client.setRequestInterceptor(new AkSkSigner(ak, sk)); // signs every request as Huawei's SDKs do
        VendorAccountApi accounts = new VendorAccountApi(client);
        MulticloudResourceApi resources = new MulticloudResourceApi(client);

        try {
            accounts.createVendorAccount(new VendorAccountCreateRequest()
                    .vendor(Vendor.OTHER).accountId("dc-1").accountName("Data centre 1")
                    .ak(inventory.user()).sk(inventory.password()).endpoint(inventory.url()));
        } catch (ApiException e) {
            ErrorResponse error = client.getObjectMapper().readValue(e.getResponseBody(), ErrorResponse.class);
            if (!"COC.00101103".equals(error.getErrorCode())) { // anything but "registered already"
                throw new IllegalStateException(error.getErrorMsg() + " (request " + error.getRequestId() + ")", e);
            }
        }

        UUID taskId = resources.syncMultiCloudResource(
                new SyncMultiCloudResourceRequestBody().vendor(Vendor.OTHER).accountId("dc-1")).getData();
        SyncTask task = resources.showSyncTask(taskId).getData();
        while (task.getStatus() == SyncStatus.WAITING || task.getStatus() == SyncStatus.RUNNING) {
            Thread.sleep(500);
            task = resources.showSyncTask(taskId).getData();
        }
        if (task.getStatus() != SyncStatus.SUCCESS) {
            throw new IllegalStateException("sync failed: " + task.getFailureMsg());
        }

        int count = 0;
        String marker = null; // the id of the last resource of the previous page
        while (true) {
            List<MultiCloudResource> page = resources.listMultiCloudResources(
                    Vendor.OTHER, 500, null, null, marker, null, null, null).getData();
            for (MultiCloudResource resource : page) {
                System.out.println(resource.getResourceId() + " " + resource.getName() + " " + resource.getRegionId());
            }
            count += page.size();
            if (page.size() < 500) {
                return count;
            }
            marker = page.get(page.size() - 1).getId().toString();
        }
    }
}
// README:END
