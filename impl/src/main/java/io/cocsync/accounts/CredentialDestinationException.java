package io.cocsync.accounts;

/**
 * A registration or update would send an account's stored secret somewhere its owner did not
 * send it (an endpoint changed without the secret) or in clear (a plain-HTTP endpoint the
 * operator did not allow). Answered 400.
 */
public final class CredentialDestinationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CredentialDestinationException(String message) {
        super(message);
    }
}
