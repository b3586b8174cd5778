package io.cocsync.connectors.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.VendorPayloads;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nova's servers, as its API reference documents them, in the inventory's shape. */
class NovaServerMappingTest {

    private final JsonNode servers = VendorPayloads.json("openstack/servers-detail-2.47.json").path("servers");

    @Test
    void aServerOfMicroversion247MapsEveryDocumentedField() throws Exception {
        DiscoveredResource server = NovaServerMapping.toResource(servers.get(0), "RegionOne");

        assertThat(server.type()).isEqualTo("servers");
        assertThat(server.resourceId()).isEqualTo("3f2b9c1e-7d4a-4e8b-9a61-2c5d8e0f1a7b");
        assertThat(server.name()).isEqualTo("billing-api-1");
        assertThat(server.regionId()).isEqualTo("RegionOne");
        assertThat(server.properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "state", "ACTIVE",
                "size", "c2.medium",
                "image", "b8e2a4c6-1d3f-4a5b-8c7d-9e0f1a2b3c4d",
                "zone", "az-north",
                "private_ips", List.of("10.20.1.14", "fd00:20::14"),
                "public_ips", List.of("203.0.113.40"),
                "tags", Map.of("env", "prod", "team", "billing"),
                "created_time", "2025-03-02T08:15:02Z",
                "project_id", "9a8b7c6d5e4f40312a1b2c3d4e5f6a7b",
                "host_id", "8e1f0c7a2b5d4e9f1a3c6b8d0e2f4a6c8b0d2e4f6a8c0e2f4b6d8a0c"));
    }

    @Test
    void aServerBootedFromAVolumeHasNoImageAndAnUnscheduledOneNoHost() throws Exception {
        DiscoveredResource server = NovaServerMapping.toResource(servers.get(1), "RegionOne");

        assertThat(server.properties())
                .doesNotContainKeys("image", "host_id")
                .containsEntry("state", "SHUTOFF")
                .containsEntry("size", "m3.large")
                .containsEntry("private_ips", List.of())
                .containsEntry("public_ips", List.of())
                .containsEntry("tags", Map.of());
    }

    @Test
    void withoutMicroversionTheSizeIsTheFlavorsId() throws Exception {
        JsonNode legacy = VendorPayloads.json("openstack/servers-detail-2.1.json").path("servers").get(0);

        DiscoveredResource server = NovaServerMapping.toResource(legacy, "RegionTwo");

        assertThat(server.properties())
                .containsEntry("size", "3")
                .containsEntry("image", "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")
                .containsEntry("private_ips", List.of("192.168.10.7"));
    }

    @Test
    void aServerWithoutIdIsRefused() {
        ObjectNode withoutId = servers.get(0).deepCopy();
        withoutId.remove("id");

        assertThatThrownBy(() -> NovaServerMapping.toResource(withoutId, "RegionOne"))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("A server has no id.");
    }
}
