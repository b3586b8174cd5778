package io.cocsync.accounts;

import java.util.List;

/**
 * What a caller gives to register a vendor account. Without a domain (the demo, tests) the
 * account joins {@link #DEFAULT_DOMAIN}, the domain of the administrator created on first start.
 */
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

    public static final String DEFAULT_DOMAIN = "default";

    public NewVendorAccount {
        domainId = domainId == null ? DEFAULT_DOMAIN : domainId;
        regionIds = regionIds == null ? List.of() : List.copyOf(regionIds);
    }

    @Override
    public String toString() {
        return "NewVendorAccount[vendor=" + vendor + ", accountId=" + accountId + "]";
    }
}
