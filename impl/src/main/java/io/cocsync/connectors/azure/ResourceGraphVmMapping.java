package io.cocsync.connectors.azure;

import static io.cocsync.connectors.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.ResourceProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapping of vendor AZURE: the rows of an Azure Resource Graph answer (result format
 * objectArray, projected to id, name, location, resourceGroup, zones, tags, properties) to
 * resources. A pure function of the rows.
 *
 * <p>type {@code virtualMachines}; resource_id = properties.vmId (the VM's GUID: stable, and
 * unlike the ARM id always short enough for the inventory); name = name; region_id = location;
 * properties: state (the power state code without its {@code PowerState/} prefix, from the
 * properties.extended.instanceView Resource Graph keeps; else provisioningState), size
 * (hardwareProfile.vmSize), image (imageReference publisher:offer:sku:version, or its id for a
 * custom image), zone (zones[0]), tags, created_time (timeCreated), resource_group, os_type,
 * provisioning_state, arm_id. IP addresses live on network interfaces, which would take a join
 * per page, so they are left out.
 */
public final class ResourceGraphVmMapping {

    public static final String TYPE = "virtualMachines";
    private static final String POWER_STATE_PREFIX = "PowerState/";

    private ResourceGraphVmMapping() {}

    /** @param page the page number, for messages */
    public static List<DiscoveredResource> resourcesOf(JsonNode rows, int page) throws ConnectorException {
        if (!rows.isArray()) {
            throw new ConnectorException("Azure Resource Graph page " + page + " holds no list of virtual machines.");
        }
        List<DiscoveredResource> resources = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            resources.add(toResource(row, page));
        }
        return resources;
    }

    static DiscoveredResource toResource(JsonNode row, int page) throws ConnectorException {
        JsonNode vm = row.path("properties");
        String vmId = text(vm.path("vmId"));
        if (vmId == null) {
            throw new ConnectorException("Azure Resource Graph page " + page + " holds a virtual machine without"
                    + " a vmId: " + row.path("id").asText("(no id either)") + ".");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> tag : row.path("tags").properties()) {
            tags.put(tag.getKey(), tag.getValue().asText(""));
        }
        String provisioningState = text(vm.path("provisioningState"));
        String powerState = text(vm.path("extended").path("instanceView").path("powerState").path("code"));
        ResourceProperties properties = new ResourceProperties()
                .state(powerState == null ? provisioningState
                        : powerState.startsWith(POWER_STATE_PREFIX) ? powerState.substring(POWER_STATE_PREFIX.length())
                        : powerState)
                .size(text(vm.path("hardwareProfile").path("vmSize")))
                .image(imageOf(vm.path("storageProfile").path("imageReference")))
                .zone(text(row.path("zones").path(0)))
                .tags(tags)
                .createdTime(text(vm.path("timeCreated")))
                .put("resource_group", text(row.path("resourceGroup")))
                .put("os_type", text(vm.path("storageProfile").path("osDisk").path("osType")))
                .put("provisioning_state", provisioningState)
                .put("arm_id", text(row.path("id")));
        String name = text(row.path("name"));
        return new DiscoveredResource(TYPE, vmId, name == null ? vmId : name, text(row.path("location")),
                properties.build());
    }

    /** publisher:offer:sku:version of a Marketplace image; the resource id of a custom or gallery image. */
    private static String imageOf(JsonNode reference) {
        String offer = text(reference.path("offer"));
        if (offer == null) {
            return text(reference.path("id"));
        }
        return String.join(":", reference.path("publisher").asText(""), offer, reference.path("sku").asText(""),
                reference.path("version").asText(""));
    }
}
