package io.cocsync.connectors.vmware;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.ResourceProperties;
import io.cocsync.connectors.VendorJson;
import java.util.List;

/**
 * The mapping of vendor VMWARE: one row of vCenter's {@code GET /api/vcenter/vm} (a VM summary),
 * with what its details add, to a resource. Pure functions of vCenter's answers.
 *
 * <p>type {@code vms}; resource_id = the VM id ({@code vm-123}); name = its name; region_id = the
 * datacenter's name; properties: {@code state} (power_state), {@code size} ("N vCPU, M MiB"),
 * {@code cpu_count}, {@code memory_size_mib}, {@code datacenter_id}, {@code host} (the ESXi host's
 * name, known when the listing went by host), and with details {@code image} (guest OS),
 * {@code private_ips}, {@code guest_host_name}. vCenter's REST VM list carries no tags or
 * creation time.
 */
public final class VcenterVmMapping {

    public static final String TYPE = "vms";

    /** What the details add to a VM's properties; null fields are unknown. */
    public record Details(String image, List<String> privateIps, String guestHostName) {
        static final Details NONE = new Details(null, List.of(), null);
    }

    /** A datacenter as {@code GET /api/vcenter/datacenter} lists it. */
    public record Datacenter(String id, String name) {}

    private VcenterVmMapping() {}

    /**
     * @param row one element of {@code GET /api/vcenter/vm}
     * @param host the ESXi host's name when the VM was listed by host, else null
     * @param details what the VM's details say, or null when they were not read
     */
    public static DiscoveredResource toResource(JsonNode row, String host, Datacenter datacenter, Details details) {
        JsonNode cpus = row.path("cpu_count");
        // vSphere's REST reference writes memory_size_MiB; its newer OpenAPI rendering memory_size_mib
        JsonNode memory = row.has("memory_size_MiB") ? row.path("memory_size_MiB") : row.path("memory_size_mib");
        ResourceProperties properties = new ResourceProperties()
                .state(text(row, "power_state"))
                .size(cpus.isIntegralNumber() && memory.isIntegralNumber()
                        ? cpus.asLong() + " vCPU, " + memory.asLong() + " MiB" : null)
                .putValue("cpu_count", cpus.isIntegralNumber() ? cpus.asLong() : null)
                .putValue("memory_size_mib", memory.isIntegralNumber() ? memory.asLong() : null)
                .put("datacenter_id", datacenter.id())
                .put("host", host);
        if (details != null) {
            properties.image(details.image());
            if (!details.privateIps().isEmpty()) {
                properties.privateIps(details.privateIps());
            }
            properties.put("guest_host_name", details.guestHostName());
        }
        return new DiscoveredResource(TYPE, text(row, "vm"), text(row, "name"), datacenter.name(), properties.build());
    }

    /**
     * Whether {@code GET /api/vcenter/vm/{vm}/tools} says VMware Tools run: only then can the guest
     * identity be asked (vCenter answers 503 otherwise).
     */
    public static boolean toolsRunning(JsonNode tools) {
        return "RUNNING".equals(text(tools, "run_state"));
    }

    /** The details of {@code GET /api/vcenter/vm/{vm}}: the configured guest OS. */
    public static Details detailsOfVm(JsonNode info) {
        return new Details(text(info, "guest_OS"), List.of(), null);
    }

    /** The details of {@code GET /api/vcenter/vm/{vm}/guest/identity}: what the running guest says of itself. */
    public static Details detailsOfGuest(JsonNode identity) {
        String ip = text(identity, "ip_address");
        return new Details(text(identity.path("full_name"), "default_message"), ip == null ? List.of() : List.of(ip),
                text(identity, "host_name"));
    }

    private static String text(JsonNode node, String field) {
        return VendorJson.text(node.path(field));
    }
}
