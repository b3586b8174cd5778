package io.cocsync.http;

import io.cocsync.api.server.MulticloudResourceApi;
import io.cocsync.api.server.model.CountMultiCloudResourcesResponse;
import io.cocsync.api.server.model.ListMultiCloudResourcesResponse;
import io.cocsync.api.server.model.ShowSyncTaskResponse;
import io.cocsync.api.server.model.SyncMultiCloudResourceRequestBody;
import io.cocsync.api.server.model.SyncMultiCloudResourceResponse;
import io.cocsync.api.server.model.Vendor;
import io.cocsync.inventory.InventoryQuery;
import io.cocsync.inventory.InventoryReader;
import io.cocsync.sync.SyncService;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.UUID;

/** Sync requests, sync tasks and the inventory: each maps the wire form and calls one service. */
public final class MulticloudResourceResource implements MulticloudResourceApi {

    private final SyncService sync;
    private final InventoryReader inventory;
    /** Per request (Jersey injects a proxy): the caller, set by the authentication filter. */
    @Context
    private SecurityContext security;

    public MulticloudResourceResource(SyncService sync, InventoryReader inventory) {
        this.sync = sync;
        this.inventory = inventory;
    }

    @Override
    public SyncMultiCloudResourceResponse syncMultiCloudResource(SyncMultiCloudResourceRequestBody request) {
        String accountId = request.getAccountId();
        // Huawei Cloud documents account_id as 0..64 characters: empty means "all accounts" like absent
        String taskId = sync.requestSync(domainId(), WireMapping.vendor(request.getVendor()),
                accountId == null || accountId.isEmpty() ? null : accountId);
        return new SyncMultiCloudResourceResponse().data(UUID.fromString(taskId));
    }

    @Override
    public ShowSyncTaskResponse showSyncTask(UUID taskId) {
        return new ShowSyncTaskResponse().data(WireMapping.task(sync.find(domainId(), taskId.toString())));
    }

    @Override
    public ListMultiCloudResourcesResponse listMultiCloudResources(Vendor vendor, Integer limit, String type,
            Integer offset, String marker, List<String> resourceIdList, List<String> nameList,
            List<String> regionIdList) {
        InventoryQuery query = query(vendor, type, resourceIdList, nameList, regionIdList);
        return new ListMultiCloudResourcesResponse()
                .data(inventory.list(domainId(), query, marker, offset, limit).stream().map(WireMapping::resource).toList());
    }

    @Override
    public CountMultiCloudResourcesResponse countMultiCloudResources(Vendor vendor, String type,
            List<String> resourceIdList, List<String> nameList, List<String> regionIdList) {
        return new CountMultiCloudResourcesResponse()
                .data(inventory.count(domainId(), query(vendor, type, resourceIdList, nameList, regionIdList)));
    }

    private String domainId() {
        return CallerSecurityContext.callerOf(security).domainId();
    }

    private static InventoryQuery query(Vendor vendor, String type, List<String> resourceIds, List<String> names,
            List<String> regionIds) {
        return new InventoryQuery(WireMapping.vendor(vendor), type, resourceIds, names, regionIds);
    }
}
