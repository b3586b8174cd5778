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
    /** The data directory of the embedded database; null for a shared one. */
    private Path embeddedDir;
    /** Set by {@link #withDiskReserve} on the embedded database. */
    private DiskReserve diskReserve;
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

    /**
     * Bounds every wait on the database: {@code connect} for a connection (from the pool, or a new
     * one), {@code answer} for the database to answer a statement on a connection it holds (a
     * database that stops answering without closing the connection). Past either, the caller gets
     * an exception that {@link StorageUnavailable} recognizes.
     */
    public Database withTimeouts(java.time.Duration connect, java.time.Duration answer) {
        long connectMillis = Math.max(250, connect.toMillis());
        dataSource.setConnectionTimeout(connectMillis);
        dataSource.setValidationTimeout(Math.max(250, connectMillis / 2));
        dialect.timeoutProperties(connect, answer).forEach(dataSource::addDataSourceProperty);
        return this;
    }

    /**
     * Unpacks an online backup of the embedded database ({@code BACKUP TO}) into {@code dataDir} as
     * the database {@code name}: H2's own restore tool, kept here with the rest of what knows H2.
     */
    public static void restoreEmbedded(Path backup, Path dataDir, String name) {
        org.h2.tools.Restore.execute(backup.toAbsolutePath().toString(), dataDir.toAbsolutePath().toString(), name);
    }

    /** The embedded H2 database in {@code dataDir}, not yet opened: see {@link #migrate}. */
    public static Database embedded(Path dataDir, MeterRegistry registry) {
        Database database = at(H2Dialect.embeddedUrl(dataDir), "coc", "", registry, H2Dialect.embedded());
        database.embeddedDir = dataDir;
        return database;
    }

    /**
     * Keeps {@code bytes} of the embedded database's file system in reserve for when it fills
     * ({@link DiskReserve}); nothing for a shared database, whose disk is its server's concern.
     */
    public Database withDiskReserve(long bytes) {
        if (embeddedDir != null && bytes > 0) {
            diskReserve = new DiskReserve(embeddedDir, bytes);
            dataSource.setExceptionOverride(diskReserve);
            diskReserve.dropConnectionsWith(() -> {
                var pool = dataSource.getHikariPoolMXBean();
                if (pool != null) {
                    pool.softEvictConnections();
                }
            });
        }
        return this;
    }

    /** The embedded database's disk reserve, which knows whether its file system is full. */
    public java.util.Optional<DiskReserve> diskReserve() {
        return java.util.Optional.ofNullable(diskReserve);
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
        if (diskReserve != null) {
            diskReserve.reserve();
        }
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

    /** Whether the database answers a trivial query within the connect timeout. */
    public boolean isReachable() {
        return unavailability().isEmpty();
    }

    /** Why the database does not answer a trivial query within the connect timeout; empty while it does. */
    public java.util.Optional<String> unavailability() {
        int seconds = (int) Math.max(1, java.time.Duration.ofMillis(dataSource.getConnectionTimeout()).toSeconds());
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(seconds) ? java.util.Optional.empty()
                    : java.util.Optional.of("the database did not answer within " + seconds + " s");
        } catch (java.sql.SQLException | RuntimeException e) {
            return java.util.Optional.of(StorageUnavailable.describe(e).orElse("the database cannot be reached")
                    + " (" + rootMessage(e) + ")");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
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
