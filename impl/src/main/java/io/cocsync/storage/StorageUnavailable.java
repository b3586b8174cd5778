package io.cocsync.storage;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells a failure of the database itself (unreachable, shut down, not answering in time, out of
 * disk space) from a failure of one statement. The first is the operator's to fix and passes by
 * itself: the API answers 503 and a sync fails saying why, instead of an internal error.
 */
public final class StorageUnavailable {

    /** PostgreSQL's SQLSTATE class 08: connection exceptions. */
    private static final String CONNECTION_CLASS = "08";
    /** PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now (starting or stopping). */
    private static final java.util.Set<String> SHUTDOWN_STATES = java.util.Set.of("57P01", "57P02", "57P03");
    /** PostgreSQL: disk_full, insufficient_resources class. */
    private static final String DISK_FULL_STATE = "53100";
    /** H2: database is closed (after a write failed, or while it shuts down). */
    private static final int H2_DATABASE_CLOSED = 90098;
    /** H2: the connection was broken (its file store failed). */
    private static final int H2_CONNECTION_BROKEN = 90067;
    /** What Linux and most systems say when a write finds the file system full. */
    private static final String NO_SPACE = "no space left on device";

    /** What a write refused on a full disk, and a sync failed by one, say. */
    public static final String DISK_FULL = "The database's disk is full: nothing was changed. Reads still answer;"
            + " writes resume once the operator frees space.";

    private StorageUnavailable() {}

    /**
     * A sentence for the operator and the client when {@code failure} (or one of its causes) says
     * the database is away or its disk full; empty for any other failure.
     */
    public static Optional<String> describe(Throwable failure) {
        boolean unreachable = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (isDiskFull(cause)) {
                return Optional.of(DISK_FULL);
            }
            unreachable |= isUnreachable(cause);
            if (cause.getCause() == cause) {
                break;
            }
        }
        return unreachable
                ? Optional.of("The database is unreachable or not answering: nothing was changed. Retry later.")
                : Optional.empty();
    }

    /** Whether {@code failure} says the database's file system is full. */
    public static boolean isDiskFull(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains(NO_SPACE)) {
                return true;
            }
            if (cause instanceof SQLException sql && DISK_FULL_STATE.equals(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean isUnreachable(Throwable cause) {
        if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (cause instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && (state.startsWith(CONNECTION_CLASS) || SHUTDOWN_STATES.contains(state))) {
                return true;
            }
            return sql.getErrorCode() == H2_DATABASE_CLOSED || sql.getErrorCode() == H2_CONNECTION_BROKEN;
        }
        return cause instanceof java.net.SocketTimeoutException || cause instanceof java.net.ConnectException;
    }
}
