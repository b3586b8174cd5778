package io.cocsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.server.CocServer;
import io.cocsync.server.ServerConfig;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.OtherInventoryStub;
import io.cocsync.stubs.StubFaults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shared PostgreSQL database goes away while an account is being read and clients call the
 * API: stopped by its operator, killed, or holding its connections without answering. The
 * outage lasts {@value #OUTAGE_SECONDS} seconds here (the 30 s only make the test
 * slower: what bounds each wait are the timeouts, set low below). Throughout, the server answers
 * within its timeouts with 503 and the error body, and is not ready, naming the cause; within
 * seconds of the database's return it is ready, the task that was running ends (resumed or
 * failed with a message), no account stays running, and the inventory is either the old one or
 * the new one whole.
 */
class DatabaseOutageTest {

    private static final int OUTAGE_SECONDS = 4;
    private static final Fleet BEFORE = new Fleet(List.of("dc-1", "dc-2"), 1_000, 1);
    private static final Fleet AFTER = new Fleet(List.of("dc-1", "dc-2"), 800, 2);
    private static final Duration END = Duration.ofSeconds(90);
    /** Far above the timeouts below: an answer slower than this is a hang. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(8);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path postgresDir;
    @TempDir
    Path dataDir;

    private RestartablePostgres postgres;
    private FreezingProxy proxy;
    private OtherInventoryStub vendor;
    private CocServer server;
    private Api api;
    private List<String> oldInventory;

    @BeforeEach
    void serverSyncedOnceAgainstItsOwnPostgres() throws Exception {
        postgres = RestartablePostgres.start(postgresDir.resolve("pg"));
        int postgresPort = URI.create(postgres.jdbcUrl().substring("jdbc:".length())).getPort();
        proxy = FreezingProxy.to(postgresPort);
        // the server reaches the database through the proxy, which can stop passing bytes on
        String url = postgres.jdbcUrl().replace(":" + postgresPort + "/", ":" + proxy.port() + "/");
        vendor = new OtherInventoryStub(BEFORE);
        server = CocServer.start(ServerConfig.defaults().withPlainHttpOnLoopback().withPort(0).withDataDir(dataDir)
                .withDatabase(new ServerConfig.Jdbc(url, RestartablePostgres.USER, RestartablePostgres.PASSWORD))
                .withTaskLease(Duration.ofSeconds(2))
                .withDatabaseTimeouts(new ServerConfig.DatabaseTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))));
        api = Api.of(server.baseUri(), dataDir);
        api.registerOther("estate", vendor);
        assertThat(api.awaitEnd(api.syncOther("estate"), END).path("status").asText()).isEqualTo("success");
        oldInventory = api.inventoryOther();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        vendor.close();
        proxy.close();
        postgres.close();
    }

    /** The ways the database goes away, and how it comes back. */
    enum Outage {
        /** Stopped by its operator ({@code pg_ctl stop}), then started. */
        STOPPED,
        /** Its processes killed with SIGKILL, then started. */
        KILLED,
        /** Its connections held open with no answer, then answering again. */
        SILENT
    }

    @ParameterizedTest
    @EnumSource(Outage.class)
    void theServerAnswers503WhileTheDatabaseIsAwayAndRecoversWithTheRunningTaskEndedHonestly(Outage outage)
            throws Exception {
        String taskId = syncUnderway();
        switch (outage) {
            case STOPPED -> postgres.stop();
            case KILLED -> postgres.kill();
            case SILENT -> proxy.freeze();
        }
        assertUnavailableFor(Duration.ofSeconds(OUTAGE_SECONDS));
        if (outage == Outage.SILENT) {
            proxy.thaw();
        } else {
            postgres.start();
        }
        assertRecovered(taskId);
    }

    /** A second sync, reading a changed estate slowly: the outage comes in the middle of it. */
    private String syncUnderway() throws Exception {
        vendor.setFleet(AFTER);
        vendor.setFaults(StubFaults.NONE.withDelay(Duration.ofMillis(700)));
        String taskId = api.syncOther("estate");
        BackupRestoreTest.awaitRead(api, taskId, 500);
        return taskId;
    }

    /** For {@code outage}, every call answers 503 with the error body within the bound, and readiness says why. */
    private void assertUnavailableFor(Duration outage) throws Exception {
        Instant end = Instant.now().plus(outage);
        do {
            assertAnswered503(() -> api.get("/v1/vendor-account?limit=10"));
            assertAnswered503(() -> api.post("/v1/multicloud-resources/sync",
                    "{\"vendor\": \"OTHER\", \"account_id\": \"estate\"}"));
            Instant asked = Instant.now();
            HttpResponse<String> ready = ready();
            assertThat(Duration.between(asked, Instant.now())).isLessThan(ANSWER_BOUND);
            assertThat(ready.statusCode()).isEqualTo(503);
            JsonNode body = JSON.readTree(ready.body());
            assertThat(body.path("checks").path("storage").asText()).isEqualTo("DOWN");
            assertThat(body.path("cause").asText()).contains("database");
        } while (Instant.now().isBefore(end));
    }

    private void assertRecovered(String taskId) throws Exception {
        Instant back = Instant.now();
        while (ready().statusCode() != 200) {
            assertThat(Duration.between(back, Instant.now())).as("ready again within seconds").isLessThan(
                    Duration.ofSeconds(15));
            Thread.sleep(100);
        }
        JsonNode task = api.awaitEnd(taskId, END);
        JsonNode account = task.path("accounts").get(0);
        if (account.path("status").asText().equals("success")) {
            assertThat(api.countOther()).as("the new estate, whole").isEqualTo(AFTER.size());
        } else {
            assertThat(account.path("failure_msg").asText()).isNotBlank();
            assertThat(api.inventoryOther()).as("the old inventory, untouched").isEqualTo(oldInventory);
        }
        assertThat(api.accounts().get(0).path("sync_status").asText()).isIn("success", "failed");

        vendor.setFaults(StubFaults.NONE);
        assertThat(api.awaitEnd(api.syncOther("estate"), END).path("status").asText()).isEqualTo("success");
        assertThat(api.countOther()).isEqualTo(AFTER.size());
    }

    private HttpResponse<String> ready() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve("/health/ready")).timeout(ANSWER_BOUND.multipliedBy(2))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private static void assertAnswered503(Call call) throws Exception {
        Instant asked = Instant.now();
        HttpResponse<String> answer = call.send();
        assertThat(Duration.between(asked, Instant.now())).as("answered within the timeouts").isLessThan(ANSWER_BOUND);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("error_code").asText()).isEqualTo("COC.00010503");
        assertThat(body.path("error_msg").asText()).contains("database");
        assertThat(body.path("request_id").asText()).isNotBlank();
    }
}
