package io.cocsync.connectors;

import java.util.List;

/**
 * What a connector needs of a stored account to read it: where the vendor is, how to sign in,
 * and which regions to read. Connectors get this narrow view, never the stored account with its
 * ids, names and sync state.
 *
 * @param endpoint the vendor endpoint the account names, or null for the vendor's public one
 * @param ak the access key, user name or client id, as the vendor calls it
 * @param sk the secret that goes with {@code ak}, in clear
 * @param tenantId the project, tenant or directory, for vendors that need one
 * @param subscriptionId the subscription to read (Azure)
 * @param regionIds the regions to read; empty: every region the account has
 */
public record AccountAccess(
        String endpoint, String ak, String sk, String tenantId, String subscriptionId, List<String> regionIds) {

    public AccountAccess {
        regionIds = regionIds == null ? List.of() : List.copyOf(regionIds);
    }

    /** The same access with other regions to read. */
    public AccountAccess withRegionIds(List<String> regions) {
        return new AccountAccess(endpoint, ak, sk, tenantId, subscriptionId, regions);
    }

    @Override
    public String toString() {
        // never print the secret, wherever a record ends up in a log line
        return "AccountAccess[endpoint=" + endpoint + ", ak=" + ak + ", regionIds=" + regionIds + "]";
    }
}
