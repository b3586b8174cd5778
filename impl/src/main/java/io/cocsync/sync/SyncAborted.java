package io.cocsync.sync;

/**
 * Thrown into a connector's page loop, between pages, when its sync must end early; the reason
 * decides what is recorded (see {@link Reason}).
 */
final class SyncAborted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    enum Reason {
        /** The account's time limit passed: the account fails with the message, nothing removed. */
        TIME_LIMIT,
        /** The server is stopping: the task goes back to the queue and runs again later. */
        STOPPING,
        /** Another instance claimed the task (this one stalled past its lease): record nothing. */
        LEASE_LOST
    }

    private final Reason reason;

    SyncAborted(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
