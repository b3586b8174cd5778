package io.cocsync.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/** The service's relational store: a pooled data source, migrated by Flyway at open, used through JDBI. */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Flyway flyway;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource, Flyway flyway) {
        this.dataSource = dataSource;
        this.flyway = flyway;
        this.jdbi = Jdbi.create(dataSource);
        // optional filters bind every parameter and use only those whose clause is present
        jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
    }

    /** Opens (creating if needed) the embedded H2 database in {@code dataDir} and migrates it. */
    public static Database openEmbedded(Path dataDir) {
        return openEmbedded(dataDir, null);
    }

    /** As {@link #openEmbedded(Path)}, with the pool's meters in {@code registry}. */
    public static Database openEmbedded(Path dataDir, MeterRegistry registry) {
        String file = dataDir.toAbsolutePath().resolve("coc").toString();
        // FILE_LOCK=FILE keeps a second server from opening the same data directory by mistake.
        // WRITE_DELAY=0: H2 otherwise writes commits out up to half a second later, and a killed
        // process would lose a task it had already accepted with a 200
        return open("jdbc:h2:file:" + file + ";FILE_LOCK=FILE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "coc", "",
                registry);
    }

    public static Database open(String jdbcUrl, String user, String password, MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("coc-db");
        config.setMaximumPoolSize(16);
        config.setAutoCommit(true);
        if (registry != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
        try {
            flyway.migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, flyway);
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
        try {
            return flyway.info().pending().length == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
