package io.cocsync.accounts;

/** The account is being synchronized, so it cannot be removed now. */
public final class VendorAccountBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VendorAccountBusyException(String id) {
        super("The vendor account " + id + " is being synchronized; delete it when its sync has finished.");
    }
}
