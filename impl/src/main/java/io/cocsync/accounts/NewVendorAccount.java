package io.cocsync.accounts;

import java.util.List;

/** What a caller gives to register a vendor account. */
public record NewVendorAccount(
        CloudVendor vendor,
        String accountId,
        String accountName,
        String ak,
        String sk,
        String endpoint,
        String tenantId,
        String subscriptionId,
        List<String> regionIds,
        String domainId) {

    public NewVendorAccount {
        regionIds = regionIds == null ? List.of() : List.copyOf(regionIds);
    }

    @Override
    public String toString() {
        return "NewVendorAccount[vendor=" + vendor + ", accountId=" + accountId + "]";
    }
}
