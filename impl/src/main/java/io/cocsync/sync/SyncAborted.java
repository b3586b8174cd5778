package io.cocsync.sync;

/**
 * Thrown into a connector's page loop, between pages, when its sync must end early (the time
 * limit passed or the server is stopping); the message becomes the account's failure_msg.
 */
final class SyncAborted extends RuntimeException {
    SyncAborted(String message) {
        super(message, null, false, false);
    }
}
