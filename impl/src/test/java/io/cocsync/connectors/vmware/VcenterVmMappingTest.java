package io.cocsync.connectors.vmware;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.VendorPayloads;
import io.cocsync.connectors.vmware.VcenterVmMapping.Datacenter;
import io.cocsync.connectors.vmware.VcenterVmMapping.Details;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** vCenter's VMs, as the vSphere Automation API reference documents them, in the inventory's shape. */
class VcenterVmMappingTest {

    private static final Datacenter DATACENTER = new Datacenter("datacenter-3", "dc-frankfurt");

    private final JsonNode vms = VendorPayloads.json("vmware/vm-list.json");

    @Test
    void aRunningVmWithItsGuestIdentityMapsEveryDocumentedField() {
        Details guest = VcenterVmMapping.detailsOfGuest(VendorPayloads.json("vmware/vm-guest-identity.json"));

        DiscoveredResource vm = VcenterVmMapping.toResource(vms.get(0), "esx-04.corp.example.net", DATACENTER, guest);

        assertThat(vm.type()).isEqualTo("vms");
        assertThat(vm.resourceId()).isEqualTo("vm-1021");
        assertThat(vm.name()).isEqualTo("erp-app-01");
        assertThat(vm.regionId()).isEqualTo("dc-frankfurt");
        assertThat(vm.properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "state", "POWERED_ON",
                "size", "4 vCPU, 16384 MiB",
                "cpu_count", 4L,
                "memory_size_mib", 16384L,
                "datacenter_id", "datacenter-3",
                "host", "esx-04.corp.example.net",
                "image", "Ubuntu Linux (64-bit)",
                "private_ips", List.of("172.16.40.21"),
                "guest_host_name", "erp-app-01.corp.example.net"));
    }

    @Test
    void aStoppedVmHasItsConfiguredGuestOsAsImage() {
        Details info = VcenterVmMapping.detailsOfVm(VendorPayloads.json("vmware/vm-info.json"));

        DiscoveredResource vm = VcenterVmMapping.toResource(vms.get(1), null, DATACENTER, info);

        assertThat(vm.properties())
                .containsEntry("state", "POWERED_OFF")
                .containsEntry("image", "RHEL_9_64")
                .doesNotContainKeys("private_ips", "guest_host_name", "host");
    }

    @Test
    void aVmWhoseConfigurationIsUnavailableHasNoSize() {
        DiscoveredResource vm = VcenterVmMapping.toResource(vms.get(2), null, DATACENTER, null);

        assertThat(vm.properties())
                .containsEntry("state", "SUSPENDED")
                .doesNotContainKeys("size", "cpu_count", "memory_size_mib", "image");
    }

    @Test
    void theMemoryFieldIsReadInTheSpellingOfTheNewerReferenceToo() {
        ObjectNode row = vms.get(1).deepCopy();
        row.set("memory_size_mib", row.remove("memory_size_MiB"));

        DiscoveredResource vm = VcenterVmMapping.toResource(row, null, DATACENTER, null);

        assertThat(vm.properties()).containsEntry("size", "2 vCPU, 8192 MiB").containsEntry("memory_size_mib", 8192L);
    }

    @Test
    void theGuestIdentityIsAskedOnlyWhenToolsRun() {
        JsonNode tools = VendorPayloads.json("vmware/vm-tools.json");
        ObjectNode stopped = tools.deepCopy();
        stopped.put("run_state", "NOT_RUNNING");

        assertThat(VcenterVmMapping.toolsRunning(tools)).isTrue();
        assertThat(VcenterVmMapping.toolsRunning(stopped)).isFalse();
    }
}
