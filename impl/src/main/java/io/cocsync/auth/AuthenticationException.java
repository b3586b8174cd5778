package io.cocsync.auth;

/** Why a request was not authenticated, in words fit for the caller: never a secret. */
public final class AuthenticationException extends Exception {
    private static final long serialVersionUID = 1L;

    private static final String PREFIX = "Incorrect IAM authentication information: ";

    public AuthenticationException(String cause) {
        super(PREFIX + cause, null, false, false);
    }
}
