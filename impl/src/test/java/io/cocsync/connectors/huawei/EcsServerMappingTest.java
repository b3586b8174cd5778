package io.cocsync.connectors.huawei;

import static org.assertj.core.api.Assertions.assertThat;

import com.huaweicloud.sdk.core.utils.JsonUtils;
import com.huaweicloud.sdk.ecs.v2.model.ListServersDetailsResponse;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.VendorPayloads;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Huawei Cloud's ECS servers, as its API reference documents them, read by the SDK's own JSON
 * mapping and then in the inventory's shape.
 */
class EcsServerMappingTest {

    private final List<DiscoveredResource> servers = EcsServerMapping.resourcesOf(
            JsonUtils.toObject(VendorPayloads.text("huawei/list-servers-details.json"), ListServersDetailsResponse.class)
                    .getServers(),
            "cn-north-4");

    @Test
    void aRunningServerMapsEveryDocumentedField() {
        DiscoveredResource server = servers.get(0);

        assertThat(server.type()).isEqualTo("cloudservers");
        assertThat(server.resourceId()).isEqualTo("d3f1a7c2-58e4-4b9a-9c61-7e2d4f0a1b35");
        assertThat(server.name()).isEqualTo("orders-svc-01");
        assertThat(server.regionId()).isEqualTo("cn-north-4");
        assertThat(server.properties()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("state", "ACTIVE"),
                Map.entry("size", "s6.xlarge.2"),
                Map.entry("image", "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"),
                Map.entry("image_name", "EulerOS 2.9 64bit"),
                Map.entry("zone", "cn-north-4a"),
                Map.entry("private_ips", List.of("192.168.20.11")),
                Map.entry("public_ips", List.of("198.51.100.77")),
                Map.entry("tags", Map.of("app", "orders", "env", "prod", "critical", "")),
                Map.entry("created_time", "2025-02-11T03:20:41Z"),
                Map.entry("enterprise_project_id", "0"),
                Map.entry("project_id", "0c6e1f2a3b4c5d6e7f8a9b0c1d2e3f4a")));
    }

    @Test
    void aServerWithoutNameOrFlavorNameIsNamedByItsIdAndSizedByTheFlavorId() {
        DiscoveredResource server = servers.get(1);

        assertThat(server.name()).isEqualTo("6b8d0f2a-4c6e-4a8b-9d1f-3a5c7e9b1d3f");
        assertThat(server.properties())
                .containsEntry("state", "SHUTOFF")
                .containsEntry("size", "c7.large.2")
                .containsEntry("private_ips", List.of())
                .containsEntry("public_ips", List.of())
                .containsEntry("tags", Map.of())
                .doesNotContainKey("image_name");
    }
}
