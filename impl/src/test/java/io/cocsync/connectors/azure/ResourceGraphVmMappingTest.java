package io.cocsync.connectors.azure;

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

/** Azure Resource Graph rows of virtual machines, as Azure's references document them, in the inventory's shape. */
class ResourceGraphVmMappingTest {

    private final JsonNode data = VendorPayloads.json("azure/resources-vms.json").path("data");

    @Test
    void aRunningMarketplaceVmMapsEveryDocumentedField() throws Exception {
        List<DiscoveredResource> vms = ResourceGraphVmMapping.resourcesOf(data, 1);

        DiscoveredResource vm = vms.get(0);
        assertThat(vm.type()).isEqualTo("virtualMachines");
        assertThat(vm.resourceId()).isEqualTo("6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9");
        assertThat(vm.name()).isEqualTo("shop-web-01");
        assertThat(vm.regionId()).isEqualTo("westeurope");
        assertThat(vm.properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "state", "running",
                "size", "Standard_D4s_v5",
                "image", "Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest",
                "zone", "2",
                "tags", Map.of("costCenter", "4711", "owner", "web-team"),
                "created_time", "2025-01-20T10:11:12.1234567+00:00",
                "resource_group", "rg-shop",
                "os_type", "Linux",
                "provisioning_state", "Succeeded",
                "arm_id", "/subscriptions/3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/rg-shop/providers"
                        + "/Microsoft.Compute/virtualMachines/shop-web-01"));
    }

    @Test
    void aGalleryImageVmWithoutPowerStateHasItsImageIdAndProvisioningState() throws Exception {
        DiscoveredResource vm = ResourceGraphVmMapping.resourcesOf(data, 1).get(1);

        assertThat(vm.properties())
                .containsEntry("state", "Updating")
                .containsEntry("image", "/subscriptions/3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/rg-build"
                        + "/providers/Microsoft.Compute/galleries/buildGallery/images/agent/versions/3.2.0")
                .containsEntry("os_type", "Windows")
                .containsEntry("tags", Map.of())
                .doesNotContainKey("zone");
    }

    @Test
    void aRowWithoutVmIdIsRefusedNamingIt() {
        ObjectNode row = data.get(1).deepCopy();
        ((ObjectNode) row.path("properties")).remove("vmId");

        assertThatThrownBy(() -> ResourceGraphVmMapping.resourcesOf(row.arrayNode().add(row), 4))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("Azure Resource Graph page 4 holds a virtual machine without a vmId:");
    }
}
