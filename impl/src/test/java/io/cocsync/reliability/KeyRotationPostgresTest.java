package io.cocsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cocsync.server.CocServer;
import io.cocsync.server.Commands;
import io.cocsync.server.ServerConfig;
import io.cocsync.storage.Database;
import io.cocsync.storage.SecretCipher;
import io.cocsync.storage.TestPostgres;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.OtherInventoryStub;
import io.cocsync.stubs.StubFaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a shared PostgreSQL database the key rotates while the server runs and an account is being
 * read: the sync is not lost, the server opens and seals secrets throughout (the new key waits
 * beside the old until every secret is re-sealed), and afterwards every secret opens with the
 * new key alone.
 */
class KeyRotationPostgresTest {

    private static final Fleet ESTATE = new Fleet(List.of("dc-1", "dc-2"), 1_000, 1);
    private static final Duration END = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;
    @TempDir
    Path keys;
    @TempDir
    Path elsewhere;

    @Test
    void theKeyRotatesWhileAnAccountSyncsWithoutLosingTheSync() throws Exception {
        String url = TestPostgres.newDatabase();
        Path keyFile = keys.resolve("secret.key");
        ServerConfig.Jdbc jdbc = new ServerConfig.Jdbc(url, TestPostgres.USER, TestPostgres.PASSWORD);
        try (OtherInventoryStub vendor = new OtherInventoryStub(ESTATE);
                CocServer server = CocServer.start(ServerConfig.defaults().withPlainHttpOnLoopback().withPort(0).withDataDir(dataDir)
                        .withDatabase(jdbc).withSecretKeyFile(keyFile))) {
            Api api = Api.of(server.baseUri(), dataDir);
            for (String account : List.of("estate-1", "estate-2", "estate-3")) {
                api.registerOther(account, vendor);
            }
            String oldKey = Files.readString(keyFile);
            vendor.setFaults(StubFaults.NONE.withDelay(Duration.ofMillis(700)));
            String syncing = api.syncOther("estate-1");
            BackupRestoreTest.awaitRead(api, syncing, 500);

            String report = Commands.run(new String[] {"rotate-secret-key", "--jdbc-url", url, "--jdbc-user",
                    TestPostgres.USER, "--jdbc-password", TestPostgres.PASSWORD, "--secret-key-file",
                    keyFile.toString(), "--data-dir", elsewhere.toString()}, Map.of());

            assertThat(report).contains("re-sealed 3 vendor secret(s)");
            assertThat(api.task(syncing).path("status").asText()).as("the rotation came mid-sync").isEqualTo("running");
            assertThat(api.awaitEnd(syncing, END).path("status").asText()).isEqualTo("success");
            assertThat(Files.readString(keyFile)).isNotEqualTo(oldKey);
            assertThat(SecretCipher.nextKeyFile(keyFile)).doesNotExist();

            vendor.setFaults(StubFaults.NONE);
            api.registerOther("estate-4", vendor);
            assertThat(api.awaitEnd(api.syncOther("estate-2"), END).path("status").asText())
                    .as("the running server opens the re-sealed secret").isEqualTo("success");
            assertThat(api.awaitEnd(api.syncOther("estate-4"), END).path("status").asText()).isEqualTo("success");

            SecretCipher newKeyOnly = SecretCipher.fromKeyFile(Files.copy(keyFile, elsewhere.resolve("new.key")));
            try (Database database = Database.open(url, TestPostgres.USER, TestPostgres.PASSWORD, null)) {
                List<String> sealed = database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT sk FROM vendor_account").mapTo(String.class).list());
                assertThat(sealed).hasSize(4)
                        .allSatisfy(sk -> assertThat(newKeyOnly.open(sk)).isEqualTo(vendor.secretKey()));
            }
        }
    }
}
