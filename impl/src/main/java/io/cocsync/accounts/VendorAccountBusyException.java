package io.cocsync.accounts;

/** The account is being synchronized, so it cannot be removed now. */
public final class VendorAccountBusyException extends RuntimeException {
    public VendorAccountBusyException(String id) {
        super("The vendor account " + id + " is being synchronized; delete it when its sync has finished.");
    }
}
