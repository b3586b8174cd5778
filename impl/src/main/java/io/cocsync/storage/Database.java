package io.cocsync.storage;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * The service's relational store: a pooled data source, migrated by Flyway, used through JDBI.
 * Describing it ({@link #embedded}, {@link #at}) opens nothing; {@link #migrate} opens it, so a
 * server can build everything else while storage opens on another thread.
 */
public final class Database implements AutoCloseable {

    /** Connections for answering requests, besides those that running syncs hold. */
    private static final int API_CONNECTIONS = 16;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final GroupCommit groupCommit;
    /** Set by {@link #migrate}: Flyway's classes and its scan of the migrations cost start-up time. */
    private volatile Flyway flyway;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.dialect = dialect;
        this.groupCommit = dialect.groupCommit(jdbi);
        // optional filters bind every parameter and use only those whose clause is present
        jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
    }

    /** Opens (creating if needed) the embedded H2 database in {@code dataDir} and migrates it. */
    public static Database openEmbedded(Path dataDir) {
        return openEmbedded(dataDir, null);
    }

    /** As {@link #openEmbedded(Path)}, with the pool's meters in {@code registry}. */
    public static Database openEmbedded(Path dataDir, MeterRegistry registry) {
        return opened(embedded(dataDir, registry));
    }

    public static Database open(String jdbcUrl, String user, String password, MeterRegistry registry) {
        return opened(at(jdbcUrl, user, password, registry));
    }

    /**
     * Adds a connection to the pool for each sync that may run at once: a sync holds one for an
     * account's whole read (its transaction), which must not starve the API.
     */
    public Database withSyncConnections(int syncs) {
        dataSource.setMaximumPoolSize(API_CONNECTIONS + syncs);
        return this;
    }

    /** The embedded H2 database in {@code dataDir}, not yet opened: see {@link #migrate}. */
    public static Database embedded(Path dataDir, MeterRegistry registry) {
        return at(H2Dialect.embeddedUrl(dataDir), "coc", "", registry, H2Dialect.embedded());
    }

    /**
     * The database at {@code jdbcUrl}, not yet connected to: see {@link #migrate}.
     *
     * @throws IllegalArgumentException for a database the service does not run on ({@link Dialect#of})
     */
    public static Database at(String jdbcUrl, String user, String password, MeterRegistry registry) {
        return at(jdbcUrl, user, password, registry, Dialect.of(jdbcUrl));
    }

    private static Database at(String jdbcUrl, String user, String password, MeterRegistry registry,
            Dialect dialect) {
        // the no-argument data source starts its pool at the first connection, not here
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(jdbcUrl);
        dataSource.setUsername(user);
        dataSource.setPassword(password);
        dataSource.setPoolName("coc-db");
        dataSource.setMaximumPoolSize(API_CONNECTIONS);
        dataSource.setAutoCommit(true);
        if (registry != null) {
            dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        return new Database(dataSource, dialect);
    }

    /**
     * Connects (creating the embedded database if needed) and applies the pending migrations;
     * nothing else may use the database before this returns.
     */
    public Database migrate() {
        Flyway migrations = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
        migrations.migrate();
        flyway = migrations;
        return this;
    }

    private static Database opened(Database database) {
        try {
            return database.migrate();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Whether the database answers a trivial query within a few seconds. */
    public boolean isReachable() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(3);
        } catch (java.sql.SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Whether every migration this build knows is applied. */
    public boolean isMigrated() {
        Flyway migrations = flyway;
        if (migrations == null) {
            return false;
        }
        try {
            return migrations.info().pending().length == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** What differs on this database from the others the service runs on. */
    public Dialect dialect() {
        return dialect;
    }

    /** What an answer that reports a write waits on, after its commit: see {@link GroupCommit}. */
    public GroupCommit groupCommit() {
        return groupCommit;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
