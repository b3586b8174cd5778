package io.cocsync.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/** The service's relational store: a pooled data source, migrated by Flyway at open, used through JDBI. */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        // optional filters bind every parameter and use only those whose clause is present
        jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
    }

    /** Opens (creating if needed) the embedded H2 database in {@code dataDir} and migrates it. */
    public static Database openEmbedded(Path dataDir) {
        String file = dataDir.toAbsolutePath().resolve("coc").toString();
        // FILE_LOCK=FILE keeps a second server from opening the same data directory by mistake.
        return open("jdbc:h2:file:" + file + ";FILE_LOCK=FILE;DB_CLOSE_ON_EXIT=FALSE", "coc", "");
    }

    public static Database open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("coc-db");
        config.setMaximumPoolSize(16);
        config.setAutoCommit(true);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
