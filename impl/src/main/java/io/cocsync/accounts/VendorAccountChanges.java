package io.cocsync.accounts;

import java.util.List;

/** The fields of an account to change; a null field keeps its value. */
public record VendorAccountChanges(
        String accountName,
        String ak,
        String sk,
        String endpoint,
        String tenantId,
        String subscriptionId,
        List<String> regionIds) {

    VendorAccount applyTo(VendorAccount current, java.time.OffsetDateTime now) {
        return new VendorAccount(
                current.id(),
                current.vendor(),
                current.accountId(),
                orElse(accountName, current.accountName()),
                current.domainId(),
                orElse(ak, current.ak()),
                sk != null ? Secret.of(sk) : current.secretKey(),
                orElse(endpoint, current.endpoint()),
                orElse(tenantId, current.tenantId()),
                orElse(subscriptionId, current.subscriptionId()),
                orElse(regionIds, current.regionIds()),
                current.syncStatus(),
                current.failureMsg(),
                current.syncDate(),
                current.createTime(),
                now);
    }

    private static <T> T orElse(T value, T current) {
        return value != null ? value : current;
    }

    @Override
    public String toString() {
        return "VendorAccountChanges[accountName=" + accountName + "]";
    }
}
