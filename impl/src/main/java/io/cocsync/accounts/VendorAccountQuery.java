package io.cocsync.accounts;

/** Filters and a page of ListVendorAccount; null filters match everything. */
public record VendorAccountQuery(
        CloudVendor vendor, String accountId, String accountNameContains, String marker, int offset, int limit) {}
