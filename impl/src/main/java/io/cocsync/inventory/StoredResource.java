package io.cocsync.inventory;

import io.cocsync.accounts.CloudVendor;
import java.time.OffsetDateTime;
import java.util.Map;

/** A resource in the inventory. */
public record StoredResource(
        String id,
        String resourceId,
        String name,
        CloudVendor vendor,
        String type,
        String datasource,
        String regionId,
        Map<String, Object> properties,
        OffsetDateTime createTime) {}
