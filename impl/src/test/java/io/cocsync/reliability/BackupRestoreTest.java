package io.cocsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cocsync.server.CocServer;
import io.cocsync.server.Commands;
import io.cocsync.server.ServerConfig;
import io.cocsync.storage.Database;
import io.cocsync.storage.SecretCipher;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.OtherInventoryStub;
import io.cocsync.stubs.StubFaults;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An online backup taken through {@code POST /admin/backup} while an account is being read holds
 * the state of that moment, whole: the restored server shows the accounts, the finished task and
 * the inventory as they were when the backup was taken (the read in progress left nothing in
 * it), ends the task that was running honestly, and opens the sealed vendor secrets with the
 * original key file.
 */
class BackupRestoreTest {

    private static final Fleet BEFORE = new Fleet(List.of("dc-1", "dc-2"), 1_500, 1);
    private static final Fleet AFTER = new Fleet(List.of("dc-1", "dc-2"), 1_000, 2);
    private static final Duration END = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path live;
    @TempDir
    Path restored;

    @Test
    void aBackupTakenMidSyncRestoresTheStateOfItsMomentWithSecretsThatStillOpen() throws Exception {
        try (OtherInventoryStub vendor = new OtherInventoryStub(BEFORE)) {
            String firstTask;
            String midTask;
            Path backup;
            List<JsonNode> accountsAtBackup;
            List<String> inventoryAtBackup;
            JsonNode firstTaskAtBackup;
            try (CocServer server = CocServer.start(config(live))) {
                Api api = Api.of(server.baseUri(), live);
                api.registerOther("estate", vendor);
                firstTask = api.syncOther("estate");
                assertThat(api.awaitEnd(firstTask, END).path("status").asText()).isEqualTo("success");

                vendor.setFleet(AFTER);
                vendor.setFaults(StubFaults.NONE.withDelay(Duration.ofSeconds(2)));
                midTask = api.syncOther("estate");
                awaitRead(api, midTask, 100);

                accountsAtBackup = withoutSyncState(api.accounts());
                inventoryAtBackup = api.inventoryOther();
                firstTaskAtBackup = api.task(firstTask);
                HttpResponse<String> answer = api.post("/admin/backup", "{}");
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                backup = Path.of(JSON.readTree(answer.body()).path("file").asText());
                assertThat(api.task(midTask).path("status").asText()).as("the backup came mid-sync")
                        .isEqualTo("running");
                assertThat(api.inventoryOther()).as("nothing was committed around the backup")
                        .isEqualTo(inventoryAtBackup);

                assertThat(api.awaitEnd(midTask, END).path("status").asText()).isEqualTo("success");
                assertThat(api.countOther()).as("the live server moved on after the backup").isEqualTo(AFTER.size());
            }
            assertThat(backup).isRegularFile().startsWith(live.resolve("backups"));

            Path dataDir = restored.resolve("data");
            assertThat(runCommand("restore", "--from", backup.toString(), "--data-dir", dataDir.toString()))
                    .contains("now put the secret key file");
            // the key and the credentials are kept apart from backups: the operator brings them back
            Files.copy(live.resolve("secret.key"), dataDir.resolve("secret.key"));
            Files.copy(live.resolve("credentials.json"), dataDir.resolve("credentials.json"));
            try (Database database = Database.openEmbedded(dataDir)) {
                SecretCipher cipher = SecretCipher.fromKeyFile(dataDir.resolve("secret.key"));
                List<String> sealed = database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT sk FROM vendor_account").mapTo(String.class).list());
                assertThat(sealed).hasSize(1).allSatisfy(sk -> assertThat(cipher.open(sk)).isEqualTo(vendor.secretKey()));
            }

            // the vendor is down at first: the resumed read fails and changes nothing
            vendor.setFaults(StubFaults.NONE.withServerErrors(1.0));
            try (CocServer server = CocServer.start(config(dataDir))) {
                Api api = Api.of(server.baseUri(), dataDir);
                assertThat(withoutSyncState(api.accounts())).isEqualTo(accountsAtBackup);
                assertThat(api.task(firstTask)).isEqualTo(firstTaskAtBackup);
                assertThat(api.inventoryOther()).isEqualTo(inventoryAtBackup);
                JsonNode resumed = api.awaitEnd(midTask, END);
                assertThat(resumed.path("status").asText()).isEqualTo("failed");
                assertThat(resumed.path("accounts").get(0).path("failure_msg").asText()).isNotBlank();
                assertThat(api.inventoryOther()).isEqualTo(inventoryAtBackup);

                vendor.setFaults(StubFaults.NONE);
                assertThat(api.awaitEnd(api.syncOther("estate"), END).path("status").asText())
                        .as("the vendor accepts the secret opened from the restored database").isEqualTo("success");
                assertThat(api.countOther()).isEqualTo(AFTER.size());
            }
        }
    }

    private static ServerConfig config(Path dataDir) {
        return ServerConfig.defaults().withPlainHttpOnLoopback().withPort(0).withDataDir(dataDir).withTaskLease(Duration.ofSeconds(1));
    }

    /** The accounts without what a sync changes (its status, its dates). */
    private static List<JsonNode> withoutSyncState(JsonNode accounts) {
        List<JsonNode> stable = new ArrayList<>();
        accounts.forEach(account -> {
            ObjectNode copy = account.deepCopy();
            copy.remove(List.of("sync_status", "sync_date", "failure_msg", "update_time"));
            stable.add(copy);
        });
        return stable;
    }

    private static String runCommand(String... args) throws Exception {
        return Commands.run(args, java.util.Map.of());
    }

    static void awaitRead(Api api, String taskId, long atLeast) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (api.task(taskId).path("resources_read").asLong() >= atLeast) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("task " + taskId + " did not read " + atLeast + " resources in time");
    }
}
