package io.cocsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.OtherInventoryStub;
import io.cocsync.stubs.StubFaults;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real jar on an embedded database, killed with SIGKILL while it synchronizes a large
 * account, then started again on the same data directory. Before the kill the account holds the
 * old estate (10,000 resources); the new one has 6,000, partly changed. Whatever the moment of
 * the kill, the restarted server ends the task (none stays running), and the account holds
 * either exactly the old inventory (the killed read was one transaction, rolled back) or
 * exactly the new estate, never a mixture; a sync after that gives exactly the new estate.
 */
class CrashRecoveryIT {

    private static final Fleet BEFORE = new Fleet(List.of("dc-1", "dc-2"), 5_000, 1);
    private static final Fleet AFTER = new Fleet(List.of("dc-1", "dc-2"), 3_000, 2);
    private static final Duration END = Duration.ofSeconds(60);

    @org.junit.jupiter.api.io.TempDir
    Path dataDir;

    private OtherInventoryStub vendor;
    private ServerProcess server;
    /** The inventory after the first sync, as the API lists it. */
    private List<String> oldInventory;

    @BeforeEach
    void start() throws Exception {
        vendor = new OtherInventoryStub(BEFORE);
        server = startServer();
        api().registerOther("big", vendor);
        assertThat(api().awaitEnd(api().syncOther("big"), END).path("status").asText()).isEqualTo("success");
        assertThat(api().countOther()).isEqualTo(BEFORE.size());
        oldInventory = api().inventoryOther();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        vendor.close();
    }

    /**
     * @param killAfter resources read when the kill comes: early in the read, late in it, and
     *     after the last page (the swap: removing the unseen rows and recording success)
     */
    @ParameterizedTest
    @ValueSource(longs = {500, 4_000, 6_000})
    void aKilledSyncEndsAfterTheRestartWithEitherTheOldOrTheNewInventoryNeverAMixture(long killAfter)
            throws Exception {
        vendor.setFleet(AFTER);
        vendor.setFaults(StubFaults.NONE.withDelay(Duration.ofMillis(30)));
        String taskId = api().syncOther("big");
        awaitRead(taskId, killAfter);

        server.kill();
        // the vendor is down when the server comes back: the resumed run fails and removes nothing
        vendor.setFaults(StubFaults.NONE.withServerErrors(1.0));
        server = startServer();

        JsonNode resumed = api().awaitEnd(taskId, END);
        JsonNode account = resumed.path("accounts").get(0);
        if (account.path("status").asText().equals("success")) {
            assertThat(api().countOther()).as("the swap was committed before the kill").isEqualTo(AFTER.size());
        } else {
            assertThat(api().inventoryOther()).as("the killed read left nothing behind").isEqualTo(oldInventory);
            assertThat(account.path("failure_msg").asText()).isNotBlank();
        }
        assertThat(accountStatus()).isIn("success", "failed");

        vendor.setFaults(StubFaults.NONE);
        assertThat(api().awaitEnd(api().syncOther("big"), END).path("status").asText()).isEqualTo("success");
        assertThat(api().countOther()).isEqualTo(AFTER.size());
    }

    /** The embedded database writes most commits out a little later; what an answer reports is stored first. */
    @org.junit.jupiter.api.Test
    void anAccountAndATaskAcceptedWithA200SurviveAKillRightAfterTheAnswer() throws Exception {
        vendor.setFaults(StubFaults.NONE.withDelay(Duration.ofSeconds(1)));
        String accountId = api().registerOther("late", vendor);
        String taskId = api().syncOther("big");

        server.kill();
        vendor.setFaults(StubFaults.NONE);
        server = startServer();

        assertThat(api().accounts()).extracting(account -> account.path("id").asText()).contains(accountId);
        assertThat(api().awaitEnd(taskId, END).path("status").asText()).isEqualTo("success");
    }

    private ServerProcess startServer() throws Exception {
        return ServerProcess.start("crash-recovery", List.of("--data-dir", dataDir.toString()));
    }

    private Api api() throws Exception {
        return Api.of(server.baseUri(), dataDir);
    }

    private String accountStatus() throws Exception {
        return api().accounts().get(0).path("sync_status").asText();
    }

    private void awaitRead(String taskId, long atLeast) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        Api api = api();
        while (Instant.now().isBefore(deadline)) {
            JsonNode task = api.task(taskId);
            if (task.path("resources_read").asLong() >= atLeast || !task.path("status").asText().equals("running")
                    && !task.path("status").asText().equals("waiting")) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("task " + taskId + " did not read " + atLeast + " resources in time");
    }
}
