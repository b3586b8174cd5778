package io.cocsync.sync;

/** No task has the given id. */
public final class SyncTaskNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SyncTaskNotFoundException(String taskId) {
        super("The sync task does not exist: " + taskId + ".");
    }
}
