package io.cocsync.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.huaweicloud.sdk.coc.v1.CocClient;
import com.huaweicloud.sdk.coc.v1.model.BatchListMultiCloudResourceResponseData;
import com.huaweicloud.sdk.coc.v1.model.ListMultiCloudResourcesRequest;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.core.http.HttpConfig;
import io.cocsync.client.model.SyncMultiCloudResourceRequestBody;
import io.cocsync.client.model.Vendor;
import io.cocsync.client.model.VendorAccountCreateRequest;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.OtherInventoryStub;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Huawei Cloud's own Java SDK for COC (the newest release on Maven Central publishes
 * ListMultiCloudResources), configured with an AK/SK of this server, works against it unchanged:
 * its signature verifies, and its models read our answers.
 */
class HuaweiSdkCompatibilityTest extends ContractTestBase {

    @Test
    void huaweisCocClientListsTheInventoryWithItsOwnSigning() throws Exception {
        try (OtherInventoryStub inventory = new OtherInventoryStub(new Fleet(List.of("dc-9"), 3, 5))) {
            String accountId = unique("sdk");
            accounts.createVendorAccount(new VendorAccountCreateRequest().vendor(Vendor.OTHER).accountId(accountId)
                    .accountName("SDK check").ak(inventory.accessKey()).sk(inventory.secretKey())
                    .endpoint(inventory.endpoint()));
            awaitTask(resources.syncMultiCloudResource(new SyncMultiCloudResourceRequestBody()
                    .vendor(Vendor.OTHER).accountId(accountId)).getData());

            List<BatchListMultiCloudResourceResponseData> listed = huaweiClient(administrator(serverDataDir).ak(), administrator(serverDataDir).sk())
                    .listMultiCloudResources(new ListMultiCloudResourcesRequest().withVendor("OTHER").withLimit(100)
                            .withRegionIdList(List.of("dc-9")))
                    .getData();

            assertThat(listed).hasSize(3).allSatisfy(resource -> {
                assertThat(resource.getVendor()).isEqualTo("OTHER");
                assertThat(resource.getRegionId()).isEqualTo("dc-9");
                assertThat(resource.getDatasource()).isEqualTo(accountId);
                assertThat(resource.getName()).startsWith("dc-9-vm-");
            });
        }
    }

    @Test
    void aWrongSecretKeyIsRefusedToHuaweisClientAsTheGatewayWould() {
        CocClient client = huaweiClient(administrator(serverDataDir).ak(), "not-the-secret-key-of-this-access-key");

        assertThatThrownBy(() -> client.listMultiCloudResources(
                        new ListMultiCloudResourcesRequest().withVendor("OTHER").withLimit(1)))
                .isInstanceOfSatisfying(ClientRequestException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(401);
                    assertThat(e.getErrorCode()).isEqualTo("APIG.0301");
                    assertThat(e.getRequestId()).isNotBlank();
                });
    }

    private static CocClient huaweiClient(String ak, String sk) {
        return CocClient.newBuilder()
                .withCredential(new BasicCredentials().withAk(ak).withSk(sk)
                        // a project id keeps the SDK from asking IAM for one
                        .withProjectId("0f3b6f5e2b8c4d51a3a7e3d2c1b0a998"))
                .withHttpConfig(HttpConfig.getDefaultHttpConfig())
                .withEndpoints(List.of(server.baseUri().toString()))
                .build();
    }

}
