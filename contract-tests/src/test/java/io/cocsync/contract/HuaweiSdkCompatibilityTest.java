package io.cocsync.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.huaweicloud.sdk.coc.v1.CocClient;
import com.huaweicloud.sdk.coc.v1.model.BatchListMultiCloudResourceResponseData;
import com.huaweicloud.sdk.coc.v1.model.ListMultiCloudResourcesRequest;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.auth.SigningAlgorithm;
import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.core.http.HttpConfig;
import io.cocsync.client.model.SyncMultiCloudResourceRequestBody;
import io.cocsync.client.model.Vendor;
import io.cocsync.client.model.VendorAccountCreateRequest;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.OtherInventoryStub;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    @ParameterizedTest(name = "{0}")
    @EnumSource(SigningAlgorithm.class)
    void huaweisClientIsAcceptedWithEachOfItsSigningAlgorithms(SigningAlgorithm algorithm) {
        CocClient client = huaweiClient(administrator(serverDataDir).ak(), administrator(serverDataDir).sk(),
                algorithm);

        assertThat(client.listMultiCloudResources(new ListMultiCloudResourcesRequest().withVendor("OTHER")
                        .withLimit(1).withRegionIdList(List.of("nowhere-" + algorithm.ordinal())))
                .getHttpStatusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SigningAlgorithm.class)
    void eachSigningAlgorithmIsRefusedWithAWrongSecretKey(SigningAlgorithm algorithm) throws Exception {
        // an AK of its own, so that these failures do not add up to a lockout of the administrator
        String ak = "WRONGSK" + algorithm.ordinal() + "X".repeat(12);
        addAccessKey(ak, "the-right-secret-key-of-" + ak);
        CocClient client = huaweiClient(ak, "not-the-secret-key-of-this-access-key", algorithm);

        assertThatThrownBy(() -> client.listMultiCloudResources(
                        new ListMultiCloudResourcesRequest().withVendor("OTHER").withLimit(1)))
                .isInstanceOfSatisfying(ClientRequestException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(401);
                    assertThat(e.getErrorCode()).isEqualTo("APIG.0301");
                    assertThat(e.getErrorMsg()).contains("verify aksk signature fail");
                });
    }

    /** Adds an access key with every action to the server's credentials file, which the server reloads. */
    private static void addAccessKey(String ak, String sk) throws Exception {
        Path file = serverDataDir.resolve("credentials.json");
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        ObjectNode key = root.withArray("access_keys").addObject().put("ak", ak).put("sk", sk)
                .put("domain_id", "sdk-check");
        key.putArray("actions").add("coc:instance:listResources");
        Path next = Files.createTempFile(serverDataDir, "credentials", ".new",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(next, new ObjectMapper().writeValueAsBytes(root));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static CocClient huaweiClient(String ak, String sk) {
        return huaweiClient(ak, sk, SigningAlgorithm.getDefault());
    }

    private static CocClient huaweiClient(String ak, String sk, SigningAlgorithm algorithm) {
        return CocClient.newBuilder()
                .withCredential(new BasicCredentials().withAk(ak).withSk(sk)
                        // a project id keeps the SDK from asking IAM for one
                        .withProjectId("0f3b6f5e2b8c4d51a3a7e3d2c1b0a998"))
                .withHttpConfig(HttpConfig.getDefaultHttpConfig().withSigningAlgorithm(algorithm))
                .withEndpoints(List.of(server.baseUri().toString()))
                .build();
    }

}
