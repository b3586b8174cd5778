package io.cocsync.accounts;

/** An account's endpoint that no connector could call; the message names the field and the rule. */
public final class InvalidEndpointException extends RuntimeException {
    public InvalidEndpointException(String message) {
        super(message);
    }
}
