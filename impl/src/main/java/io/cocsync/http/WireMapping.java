package io.cocsync.http;

import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.NewVendorAccount;
import io.cocsync.accounts.SyncState;
import io.cocsync.accounts.VendorAccountChanges;
import io.cocsync.api.server.model.MultiCloudResource;
import io.cocsync.api.server.model.SyncStatus;
import io.cocsync.api.server.model.SyncTaskAccount;
import io.cocsync.api.server.model.SyncTaskRegion;
import io.cocsync.api.server.model.Vendor;
import io.cocsync.api.server.model.VendorAccount;
import io.cocsync.api.server.model.VendorAccountCreateRequest;
import io.cocsync.api.server.model.VendorAccountUpdateRequest;
import io.cocsync.inventory.RegionCounts;
import io.cocsync.inventory.StoredResource;
import io.cocsync.sync.SyncTask;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Between the generated wire models and the service's own types. Enums map by exhaustive
 * switch, so a value added to the spec fails compilation here until it is handled.
 */
final class WireMapping {

    private WireMapping() {}

    static CloudVendor vendor(Vendor wire) {
        if (wire == null) {
            return null;
        }
        return switch (wire) {
            case RMS -> CloudVendor.RMS;
            case AZURE -> CloudVendor.AZURE;
            case ALI -> CloudVendor.ALI;
            case VMWARE -> CloudVendor.VMWARE;
            case OPENSTACK -> CloudVendor.OPENSTACK;
            case HCS -> CloudVendor.HCS;
            case OTHER -> CloudVendor.OTHER;
            case AWS -> CloudVendor.AWS;
        };
    }

    static Vendor vendor(CloudVendor vendor) {
        return switch (vendor) {
            case RMS -> Vendor.RMS;
            case AZURE -> Vendor.AZURE;
            case ALI -> Vendor.ALI;
            case VMWARE -> Vendor.VMWARE;
            case OPENSTACK -> Vendor.OPENSTACK;
            case HCS -> Vendor.HCS;
            case OTHER -> Vendor.OTHER;
            case AWS -> Vendor.AWS;
        };
    }

    static SyncStatus status(SyncState state) {
        return switch (state) {
            case WAITING -> SyncStatus.WAITING;
            case RUNNING -> SyncStatus.RUNNING;
            case SUCCESS -> SyncStatus.SUCCESS;
            case FAILED -> SyncStatus.FAILED;
        };
    }

    static NewVendorAccount newAccount(VendorAccountCreateRequest wire, String domainId) {
        return new NewVendorAccount(vendor(wire.getVendor()), wire.getAccountId(), wire.getAccountName(),
                wire.getAk(), wire.getSk(), wire.getEndpoint(), wire.getTenantId(), wire.getSubscriptionId(),
                wire.getRegionIds(), domainId);
    }

    static VendorAccountChanges changes(VendorAccountUpdateRequest wire) {
        return new VendorAccountChanges(wire.getAccountName(), wire.getAk(), wire.getSk(), wire.getEndpoint(),
                wire.getTenantId(), wire.getSubscriptionId(), wire.getRegionIds());
    }

    /** The wire names of the fields an update gives, in the spec's order. */
    static List<String> fieldsGiven(VendorAccountUpdateRequest wire) {
        List<String> given = new ArrayList<>();
        addIfGiven(given, "account_name", wire.getAccountName());
        addIfGiven(given, "ak", wire.getAk());
        addIfGiven(given, "sk", wire.getSk());
        addIfGiven(given, "endpoint", wire.getEndpoint());
        addIfGiven(given, "tenant_id", wire.getTenantId());
        addIfGiven(given, "subscription_id", wire.getSubscriptionId());
        addIfGiven(given, "region_ids", wire.getRegionIds());
        return given;
    }

    private static void addIfGiven(List<String> given, String name, Object value) {
        if (value != null) {
            given.add(name);
        }
    }

    static boolean isEmpty(VendorAccountUpdateRequest wire) {
        return fieldsGiven(wire).isEmpty();
    }

    static VendorAccount account(io.cocsync.accounts.VendorAccount account) {
        return new VendorAccount()
                .id(account.id())
                .vendor(vendor(account.vendor()))
                .accountId(account.accountId())
                .domainId(account.domainId())
                .accountName(account.accountName())
                .ak(account.ak())
                .syncStatus(status(account.syncStatus()))
                .failureMsg(account.failureMsg())
                .syncDate(account.syncDate())
                .createTime(account.createTime())
                .updateTime(account.updateTime())
                .endpoint(account.endpoint())
                .tenantId(account.tenantId())
                .subscriptionId(account.subscriptionId())
                .regionIds(account.regionIds());
    }

    static MultiCloudResource resource(StoredResource resource) {
        return new MultiCloudResource()
                .id(UUID.fromString(resource.id()))
                .resourceId(resource.resourceId())
                .name(resource.name())
                .vendor(vendor(resource.vendor()))
                .type(resource.type())
                .datasource(resource.datasource())
                .regionId(resource.regionId())
                .properties(resource.properties())
                .createTime(resource.createTime());
    }

    static io.cocsync.api.server.model.SyncTask task(SyncTask task) {
        return new io.cocsync.api.server.model.SyncTask()
                .taskId(UUID.fromString(task.id()))
                .vendor(vendor(task.vendor()))
                .status(status(task.status()))
                .failureMsg(task.failureMsg())
                .createTime(task.createTime())
                .startTime(task.startTime())
                .endTime(task.endTime())
                .resourcesRead(task.resourcesRead())
                .resourcesAdded(task.resourcesAdded())
                .resourcesUpdated(task.resourcesUpdated())
                .resourcesRemoved(task.resourcesRemoved())
                .accounts(task.accounts().stream().map(WireMapping::taskAccount).toList());
    }

    private static SyncTaskAccount taskAccount(SyncTask.AccountOutcome outcome) {
        return new SyncTaskAccount()
                .id(outcome.vendorAccountId())
                .accountId(outcome.accountId())
                .status(status(outcome.status()))
                .failureMsg(outcome.failureMsg())
                .startTime(outcome.startTime())
                .endTime(outcome.endTime())
                .resourcesRead(outcome.resourcesRead())
                .resourcesAdded(outcome.resourcesAdded())
                .resourcesUpdated(outcome.resourcesUpdated())
                .resourcesRemoved(outcome.resourcesRemoved())
                .errors(outcome.errors())
                .regions(outcome.regions().stream().map(WireMapping::taskRegion).toList());
    }

    private static SyncTaskRegion taskRegion(RegionCounts counts) {
        return new SyncTaskRegion()
                .regionId(counts.regionId())
                .resourcesRead(counts.read())
                .resourcesAdded(counts.added())
                .resourcesUpdated(counts.updated())
                .resourcesRemoved(counts.removed());
    }
}
