package io.cocsync.sync;

import java.util.ArrayList;
import java.util.List;

/** What one account's sync has done so far; owned by the one thread that runs it. */
final class AccountProgress {

    static final int MAX_ERRORS = 100;
    static final int MAX_MESSAGE = 1024;

    private long read;
    private long added;
    private long updated;
    private long removed;
    private String failureMsg;
    private final List<String> errors = new ArrayList<>();

    void pageWritten(int size, io.cocsync.inventory.WriteCounts counts) {
        read += size;
        added += counts.added();
        updated += counts.updated();
    }

    void removed(long count) {
        removed = count;
    }

    void failed(String message) {
        String shown = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 1) + "…" : message;
        failureMsg = shown;
        if (errors.size() < MAX_ERRORS) {
            errors.add(shown);
        }
    }

    long read() {
        return read;
    }

    long added() {
        return added;
    }

    long updated() {
        return updated;
    }

    long removed() {
        return removed;
    }

    String failureMsg() {
        return failureMsg;
    }

    List<String> errors() {
        return List.copyOf(errors);
    }
}
