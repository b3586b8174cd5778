package io.cocsync.accounts;

/** An account's endpoint that no connector could call; the message names the field and the rule. */
public final class InvalidEndpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidEndpointException(String message) {
        super(message);
    }
}
