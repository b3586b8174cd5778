package io.cocsync.accounts;

/** An account with the same vendor and vendor-side account id is registered already. */
public final class DuplicateVendorAccountException extends RuntimeException {
    public DuplicateVendorAccountException(CloudVendor vendor, String accountId) {
        super("A vendor account with vendor " + vendor + " and account_id " + accountId + " exists already.");
    }
}
