package io.cocsync.inventory;

import io.cocsync.accounts.CloudVendor;
import java.util.List;

/** Filters of ListMultiCloudResources and CountMultiCloudResources; empty lists match everything. */
public record InventoryQuery(
        CloudVendor vendor, String type, List<String> resourceIds, List<String> names, List<String> regionIds) {

    public InventoryQuery {
        resourceIds = resourceIds == null ? List.of() : List.copyOf(resourceIds);
        names = names == null ? List.of() : List.copyOf(names);
        regionIds = regionIds == null ? List.of() : List.copyOf(regionIds);
    }
}
