package io.cocsync.accounts;

/** An account with the same vendor and vendor-side account id is registered already. */
public final class DuplicateVendorAccountException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DuplicateVendorAccountException(CloudVendor vendor, String accountId) {
        super("A vendor account with vendor " + vendor + " and account_id " + accountId + " exists already.");
    }
}
