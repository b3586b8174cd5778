package io.cocsync.accounts;

/** The named vendor account is not registered. */
public final class VendorAccountNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VendorAccountNotFoundException(String message) {
        super(message);
    }
}
