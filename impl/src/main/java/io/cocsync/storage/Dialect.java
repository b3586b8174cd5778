package io.cocsync.storage;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * What differs between the databases the service runs on, in one place, with one implementation
 * per database: {@link H2Dialect} (embedded, one server) and {@link PostgresDialect} (shared by
 * several instances). Everything else (the schema's migrations, every statement) is written once
 * and runs on both; code outside this package asks the dialect rather than the database's name.
 */
public interface Dialect {

    /**
     * The dialect of the database at {@code jdbcUrl}, known from the URL alone (nothing is
     * connected to).
     *
     * @throws IllegalArgumentException for a database the service does not run on
     */
    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith(PostgresDialect.URL_PREFIX)) {
            return new PostgresDialect();
        }
        if (jdbcUrl.startsWith(H2Dialect.URL_PREFIX)) {
            return H2Dialect.atOperatorsUrl();
        }
        throw new IllegalArgumentException("the service runs on PostgreSQL or H2, not on " + jdbcUrl);
    }

    /** Whether the service runs on the database at {@code jdbcUrl}. */
    static boolean supports(String jdbcUrl) {
        return jdbcUrl.startsWith(PostgresDialect.URL_PREFIX) || jdbcUrl.startsWith(H2Dialect.URL_PREFIX);
    }

    /** The database's name, for the logs. */
    String name();

    /**
     * Whether a statement failed because a unique key already holds its value: the SQL standard's
     * state, which every database the service runs on reports.
     */
    default boolean isUniqueViolation(SQLException failure) {
        return "23505".equals(failure.getSQLState());
    }

    /** Whether a statement failed because the row that a foreign key refers to is gone. */
    boolean isMissingParent(SQLException failure);

    /**
     * Whether no other process can have the database open while this server runs: then a task
     * that the database shows running when the server starts is an orphan of its last run.
     */
    boolean usedByThisServerOnly();

    /**
     * The driver's own properties that bound a new connection's set-up by {@code connect} and a
     * statement's wait for the database's answer by {@code answer} (a database that holds its
     * connections without answering); none where the driver has no such setting.
     */
    default Map<String, String> timeoutProperties(Duration connect, Duration answer) {
        return Map.of();
    }

    /** What an answer that reports a write waits on after its commit: see {@link GroupCommit}. */
    GroupCommit groupCommit(Jdbi jdbi);
}
