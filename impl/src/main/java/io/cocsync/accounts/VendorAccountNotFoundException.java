package io.cocsync.accounts;

/** The named vendor account is not registered. */
public final class VendorAccountNotFoundException extends RuntimeException {
    public VendorAccountNotFoundException(String message) {
        super(message);
    }
}
