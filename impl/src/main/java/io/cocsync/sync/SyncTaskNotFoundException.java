package io.cocsync.sync;

/** No task has the given id. */
public final class SyncTaskNotFoundException extends RuntimeException {
    public SyncTaskNotFoundException(String taskId) {
        super("The sync task does not exist: " + taskId + ".");
    }
}
