package io.cocsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cocsync.server.CocServer;
import io.cocsync.server.ServerConfig;
import io.cocsync.storage.TestPostgres;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.OtherInventoryStub;
import io.cocsync.stubs.StubFaults;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server instances on one PostgreSQL: instance A is the real jar in its own process (so it
 * can be killed with SIGKILL), B and C run in this JVM. All share one vendor stub, and one data
 * directory: the credentials file and the key that seals vendor secrets, which every instance of
 * a deployment must share (A creates both at its first start).
 */
class ScaleOutIT {

    private static final Duration LEASE = Duration.ofSeconds(3);
    /** 20,000 resources: 40 pages of 500. */
    private static final Fleet FLEET = new Fleet(List.of("dc-1", "dc-2"), 10_000, 7);

    @TempDir
    static Path dataDir;

    private static String jdbcUrl;
    private static OtherInventoryStub vendor;
    private static ServerProcess instanceA;
    private static CocServer instanceB;
    private static CocServer instanceC;
    private static Api apiA;
    private static Api apiB;
    private static Api apiC;

    @BeforeAll
    static void start() throws Exception {
        jdbcUrl = TestPostgres.newDatabase();
        vendor = new OtherInventoryStub(FLEET);
        instanceA = ServerProcess.start("scale-out-a", List.of("--data-dir", dataDir.toString(),
                "--jdbc-url", jdbcUrl, "--jdbc-user", TestPostgres.USER, "--jdbc-password", TestPostgres.PASSWORD,
                "--task-lease", Long.toString(LEASE.toSeconds())));
        instanceB = startInJvm();
        instanceC = startInJvm();
        apiA = Api.of(instanceA.baseUri(), dataDir);
        apiB = Api.of(instanceB.baseUri(), dataDir);
        apiC = Api.of(instanceC.baseUri(), dataDir);
    }

    private static CocServer startInJvm() {
        return CocServer.start(ServerConfig.defaults().withPort(0).withPlainHttpOnLoopback().withDataDir(dataDir)
                .withDatabase(new ServerConfig.Jdbc(jdbcUrl, TestPostgres.USER, TestPostgres.PASSWORD))
                .withTaskLease(LEASE));
    }

    @AfterAll
    static void stop() throws Exception {
        instanceA.close();
        instanceB.close();
        instanceC.close();
        vendor.close();
    }

    @Test
    void concurrentDuplicateRequestsSpreadOverTheInstancesGiveOneTask() throws Exception {
        apiB.registerOther("shared-1", vendor);
        List<Api> instances = List.of(apiA, apiB, apiC);
        ExecutorService clients = Executors.newFixedThreadPool(12);
        Set<String> taskIds = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> requests = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Api instance = instances.get(i % instances.size());
                requests.add(clients.submit(() -> taskIds.add(instance.syncOther("shared-1"))));
            }
            for (Future<?> request : requests) {
                request.get();
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(taskIds).hasSize(1);
        String taskId = taskIds.iterator().next();
        assertThat(apiC.awaitEnd(taskId, Duration.ofSeconds(60)).path("status").asText())
                .isEqualTo("success");
        assertThat(count("SELECT COUNT(*) FROM sync_task_account WHERE account_id = ?", "shared-1")).isEqualTo(1);
    }

    @Test
    void aTaskWhoseInstanceIsKilledIsFinishedByAnother() throws Exception {
        apiB.registerOther("shared-2", vendor);
        vendor.setFaults(StubFaults.NONE.withDelay(Duration.ofMillis(100)));
        try {
            // A accepts the request, so A claims it at once (the others look every second)
            String taskId = apiA.syncOther("shared-2");
            awaitReadingOn(taskId, instanceA.pid());

            instanceA.kill();

            var task = apiB.awaitEnd(taskId, Duration.ofSeconds(90));
            assertThat(task.path("status").asText()).isEqualTo("success");
            assertThat(count("SELECT attempts FROM sync_task WHERE id = ?", taskId)).isEqualTo(2);
            assertThat(count("SELECT COUNT(*) FROM resource WHERE datasource = ?", "shared-2"))
                    .isEqualTo(FLEET.size());
            assertThat(count("SELECT COUNT(*) FROM account_claim c JOIN vendor_account a"
                    + " ON a.id = c.vendor_account_id WHERE a.account_id = ?", "shared-2")).isZero();
        } finally {
            vendor.setFaults(StubFaults.NONE);
        }
    }

    /** Waits until the instance with this pid owns the task and has written resources. */
    private static void awaitReadingOn(String taskId, long pid) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            try (Connection db = connect();
                    PreparedStatement query = db.prepareStatement("SELECT t.owner, a.resources_read FROM sync_task t"
                            + " JOIN sync_task_account a ON a.task_id = t.id WHERE t.id = ?")) {
                query.setString(1, taskId);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next() && String.valueOf(row.getString(1)).contains("/" + pid + "/")
                            && row.getLong(2) > 0) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("instance " + pid + " did not start reading task " + taskId);
    }

    private static long count(String sql, String parameter) throws SQLException {
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, TestPostgres.USER, TestPostgres.PASSWORD);
    }
}
