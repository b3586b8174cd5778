package io.cocsync.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A PostgreSQL server of its own (not the one other tests share) that a test can stop, kill and
 * start again on the same data directory and port, so that clients reconnect to the same URL.
 */
final class RestartablePostgres implements AutoCloseable {

    static final String USER = "postgres";
    static final String PASSWORD = "postgres";
    private static final String DATABASE = "coc";

    private final Path dataDir;
    private int port;
    private EmbeddedPostgres server;

    private RestartablePostgres(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Starts a new server with one empty database for the service. */
    static RestartablePostgres start(Path dataDir) throws IOException, SQLException {
        RestartablePostgres postgres = new RestartablePostgres(dataDir);
        postgres.start();
        try (Connection connection = postgres.server.getPostgresDatabase().getConnection(USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        return postgres;
    }

    String jdbcUrl() {
        return server.getJdbcUrl(USER, DATABASE);
    }

    /** Starts the server (again) on its data directory and port. */
    void start() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                .setCleanDataDirectory(false).setRegisterShutdownHook(true);
        if (port != 0) {
            builder.setPort(port);
        }
        server = builder.start();
        port = server.getPort();
    }

    /** Stops the server as an operator would ({@code pg_ctl stop}: fast shutdown, clients cut off). */
    void stop() throws IOException {
        server.close();
    }

    /** Kills the postmaster and its processes with SIGKILL, as a crash of the machine's database would. */
    void kill() throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> children = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while ((postmaster.isAlive() || children.stream().anyMatch(ProcessHandle::isAlive))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        // releases the test's lock on the data directory; pg_ctl finds no server to stop
        server.close();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
