package io.cocsync.storage;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** PostgreSQL: a database that several server instances share. */
public final class PostgresDialect implements Dialect {

    static final String URL_PREFIX = "jdbc:postgresql:";

    /** PostgreSQL's foreign-key violation, which a missing parent row raises. */
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    @Override
    public String name() {
        return "PostgreSQL";
    }

    /** PostgreSQL checks a new row's foreign key against committed deletes too. */
    @Override
    public boolean isMissingParent(SQLException failure) {
        return FOREIGN_KEY_VIOLATION.equals(failure.getSQLState());
    }

    /** Other instances may share the database: a running task may be theirs. */
    @Override
    public boolean usedByThisServerOnly() {
        return false;
    }

    /** Its commits are durable when they return: nothing is waited for. */
    @Override
    public GroupCommit groupCommit(Jdbi jdbi) {
        return GroupCommit.alreadyDurable();
    }

    /** The PostgreSQL driver takes whole seconds. */
    @Override
    public Map<String, String> timeoutProperties(Duration connect, Duration answer) {
        String connectSeconds = String.valueOf(Math.max(1, connect.toSeconds()));
        return Map.of("socketTimeout", String.valueOf(Math.max(1, answer.toSeconds())),
                "connectTimeout", connectSeconds, "loginTimeout", connectSeconds);
    }
}
