package io.cocsync.accounts;

/** The caller's domain, filters and a page of ListVendorAccount; null filters match everything. */
public record VendorAccountQuery(
        String domainId, CloudVendor vendor, String accountId, String accountNameContains, String marker, int offset, int limit) {}
