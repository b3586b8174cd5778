package io.cocsync.sync;

import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.SyncState;
import io.cocsync.inventory.RegionCounts;
import java.time.OffsetDateTime;
import java.util.List;

/** A synchronization task and its outcome per account. */
public record SyncTask(
        String id,
        CloudVendor vendor,
        SyncState status,
        String failureMsg,
        OffsetDateTime createTime,
        OffsetDateTime startTime,
        OffsetDateTime endTime,
        List<AccountOutcome> accounts) {

    public SyncTask {
        accounts = List.copyOf(accounts);
    }

    /** One account's part of a task. */
    public record AccountOutcome(
            String vendorAccountId,
            String accountId,
            SyncState status,
            String failureMsg,
            List<String> errors,
            List<RegionCounts> regions,
            long resourcesRead,
            long resourcesAdded,
            long resourcesUpdated,
            long resourcesRemoved,
            OffsetDateTime startTime,
            OffsetDateTime endTime) {

        public AccountOutcome {
            errors = List.copyOf(errors);
            regions = List.copyOf(regions);
        }
    }

    public long resourcesRead() {
        return accounts.stream().mapToLong(AccountOutcome::resourcesRead).sum();
    }

    public long resourcesAdded() {
        return accounts.stream().mapToLong(AccountOutcome::resourcesAdded).sum();
    }

    public long resourcesUpdated() {
        return accounts.stream().mapToLong(AccountOutcome::resourcesUpdated).sum();
    }

    public long resourcesRemoved() {
        return accounts.stream().mapToLong(AccountOutcome::resourcesRemoved).sum();
    }
}
