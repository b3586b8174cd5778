package io.cocsync.accounts;

/** Where an account, or a task, stands in synchronization; stored by name. */
public enum SyncState {
    WAITING,
    RUNNING,
    SUCCESS,
    FAILED;

    public boolean isActive() {
        return this == WAITING || this == RUNNING;
    }
}
