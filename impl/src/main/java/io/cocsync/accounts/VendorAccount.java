package io.cocsync.accounts;

import java.time.OffsetDateTime;
import java.util.List;

/** A registered vendor account with its credentials and its synchronization state. */
public record VendorAccount(
        String id,
        CloudVendor vendor,
        String accountId,
        String accountName,
        String domainId,
        String ak,
        Secret secretKey,
        String endpoint,
        String tenantId,
        String subscriptionId,
        List<String> regionIds,
        SyncState syncStatus,
        String failureMsg,
        OffsetDateTime syncDate,
        OffsetDateTime createTime,
        OffsetDateTime updateTime) {

    public VendorAccount {
        regionIds = List.copyOf(regionIds);
    }

    /** The secret key in clear: opened from its stored form by the first call (see {@link Secret}). */
    public String sk() {
        return secretKey.reveal();
    }

    @Override
    public String toString() {
        // never print the secret key, wherever a record ends up in a log line
        return "VendorAccount[id=" + id + ", vendor=" + vendor + ", accountId=" + accountId + "]";
    }
}
