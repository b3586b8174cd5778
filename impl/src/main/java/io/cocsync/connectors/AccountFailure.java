package io.cocsync.connectors;

/**
 * A failure that no other region could escape either (refused credentials, an untrusted
 * certificate, a lost session): it ends the whole fetch at once instead of being recorded as one
 * region's failure by {@link RegionalFetch}.
 */
public class AccountFailure extends ConnectorException {
    private static final long serialVersionUID = 1L;

    public AccountFailure(String message) {
        super(message);
    }
}
