package io.cocsync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the dialect of each database says about it holds on a real one of its kind. */
class DialectTest {

    @TempDir
    Path dataDir;

    @Test
    void theDialectIsKnownFromTheUrlAloneAndAnyOtherDatabaseIsRefused() {
        assertThat(Dialect.of("jdbc:postgresql://db:5432/coc")).isInstanceOf(PostgresDialect.class);
        assertThat(Dialect.of("jdbc:h2:mem:coc")).isInstanceOf(H2Dialect.class);
        assertThat(Dialect.supports("jdbc:mysql://db/coc")).isFalse();
        assertThatThrownBy(() -> Dialect.of("jdbc:mysql://db/coc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql://db/coc");
    }

    @Test
    void embeddedH2IsThisServersAloneAndItsConstraintFailuresAreRecognised() {
        try (Database database = Database.openEmbedded(dataDir)) {
            assertThat(database.dialect().usedByThisServerOnly()).isTrue();
            assertConstraintFailuresAreRecognised(database);
        }
    }

    @Test
    void anOperatorsOwnH2DatabaseMayBeSharedAndWaitsForNoWrite() {
        Dialect dialect = Dialect.of("jdbc:h2:tcp://db/coc");
        assertThat(dialect.usedByThisServerOnly()).isFalse();
        assertThat(dialect.groupCommit(null)).isSameAs(GroupCommit.alreadyDurable());
    }

    @Test
    void postgresqlIsSharedAndItsConstraintFailuresAreRecognised() {
        try (Database database = TestPostgres.openNew()) {
            assertThat(database.dialect().usedByThisServerOnly()).isFalse();
            assertConstraintFailuresAreRecognised(database);
        }
    }

    private static void assertConstraintFailuresAreRecognised(Database database) {
        Dialect dialect = database.dialect();
        Jdbi jdbi = database.jdbi();
        jdbi.useHandle(handle -> {
            handle.execute("CREATE TABLE parent_row (k INT PRIMARY KEY)");
            handle.execute("CREATE TABLE child_row (k INT NOT NULL REFERENCES parent_row (k))");
            handle.execute("INSERT INTO parent_row (k) VALUES (1)");
        });

        SQLException taken = failureOf(jdbi, "INSERT INTO parent_row (k) VALUES (1)");
        assertThat(dialect.isUniqueViolation(taken)).isTrue();
        assertThat(dialect.isMissingParent(taken)).isFalse();

        SQLException orphan = failureOf(jdbi, "INSERT INTO child_row (k) VALUES (2)");
        assertThat(dialect.isMissingParent(orphan)).isTrue();
        assertThat(dialect.isUniqueViolation(orphan)).isFalse();
    }

    private static SQLException failureOf(Jdbi jdbi, String sql) {
        try {
            jdbi.useHandle(handle -> handle.execute(sql));
        } catch (UnableToExecuteStatementException e) {
            assertThat(e.getCause()).isInstanceOf(SQLException.class);
            return (SQLException) e.getCause();
        }
        throw new AssertionError("expected a constraint failure from " + sql);
    }
}
