package io.cocsync.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cocsync.http.ApiObjectMapper;
import io.cocsync.storage.Database;
import io.cocsync.storage.SecretCipher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotating the key re-seals every vendor secret with a new key and retires the old one; a crash
 * at any row leaves every secret openable by a server that starts meanwhile, and running the
 * rotation again completes it.
 */
class SecretKeyRotationTest {

    private static final int ACCOUNTS = 12;

    @TempDir
    Path dataDir;
    @TempDir
    Path elsewhere;

    private Database database;
    private Path keyFile;
    private Path oldKey;
    private final Map<String, String> secretsById = new HashMap<>();

    @BeforeEach
    void accountsSealedWithTheOldKey() throws Exception {
        database = Database.openEmbedded(dataDir);
        keyFile = dataDir.resolve("secret.key");
        AccountRepository accounts = repository();
        for (int i = 0; i < ACCOUNTS; i++) {
            String id = "acct-" + i;
            secretsById.put(id, "secret-" + i + "-Zq8w");
            OffsetDateTime now = OffsetDateTime.now();
            accounts.insert(new VendorAccount(id, CloudVendor.OTHER, "account-" + i, "account " + i,
                    NewVendorAccount.DEFAULT_DOMAIN, "ak-" + i, Secret.of(secretsById.get(id)),
                    "http://127.0.0.1:9/inventory", null, null, List.of(), SyncState.WAITING, null, null, now, now));
        }
        oldKey = Files.copy(keyFile, elsewhere.resolve("old.key"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void afterARotationEverySecretOpensWithTheNewKeyAloneAndNotWithTheOld() throws Exception {
        SecretKeyRotation.Result result = new SecretKeyRotation(database.jdbi(), keyFile).rotate();

        assertThat(result.resealed()).isEqualTo(ACCOUNTS);
        assertThat(result.freshKey()).isTrue();
        assertThat(SecretCipher.nextKeyFile(keyFile)).doesNotExist();
        assertThat(Files.readString(keyFile)).isNotEqualTo(Files.readString(oldKey));
        assertEverySecretOpensWithOnly(Files.copy(keyFile, elsewhere.resolve("new.key")));
        SecretCipher retired = SecretCipher.fromKeyFile(oldKey);
        assertThat(storedSecrets().values()).allSatisfy(sealed ->
                assertThatThrownBy(() -> retired.open(sealed)).hasMessageContaining("cannot be opened"));
    }

    @Test
    void aCrashPartWayLeavesEverySecretOpenableAndTheNextRunCompletesTheRotation() throws Exception {
        SecretKeyRotation rotation = new SecretKeyRotation(database.jdbi(), keyFile);
        assertThatThrownBy(() -> rotation.rotate(rows -> {
            if (rows == 5) {
                throw new IllegalStateException("injected crash after 5 rows");
            }
        })).hasMessageContaining("injected crash");

        assertThat(SecretCipher.nextKeyFile(keyFile)).as("the new key waits beside the old").exists();
        // what a server started now reads: the key file and the new key beside it
        AccountRepository restarted = repository();
        secretsById.forEach((id, secret) -> assertThat(restarted.find(id).orElseThrow().sk()).isEqualTo(secret));
        SecretCipher oldOnly = SecretCipher.fromKeyFile(oldKey);
        long stillOld = storedSecrets().values().stream().filter(sealed -> opens(oldOnly, sealed)).count();
        assertThat(stillOld).as("the rotation stopped part way").isEqualTo(ACCOUNTS - 5);

        SecretKeyRotation.Result second = new SecretKeyRotation(database.jdbi(), keyFile).rotate();

        assertThat(second.freshKey()).as("the interrupted rotation's key is kept").isFalse();
        assertThat(second.alreadyNew()).isEqualTo(5);
        assertThat(second.resealed()).isEqualTo(ACCOUNTS - 5);
        assertEverySecretOpensWithOnly(Files.copy(keyFile, elsewhere.resolve("new.key")));
    }

    @Test
    void aCrashBeforeTheFirstRowOrAfterTheLastLeavesEverySecretOpenable() throws Exception {
        SecretCipher.createNextKey(keyFile);
        AccountRepository midway = repository();
        secretsById.forEach((id, secret) -> assertThat(midway.find(id).orElseThrow().sk()).isEqualTo(secret));

        new SecretKeyRotation(database.jdbi(), keyFile).rotate();
        SecretKeyRotation.Result again = new SecretKeyRotation(database.jdbi(), keyFile).rotate();

        assertThat(again.freshKey()).as("a finished rotation run again rotates anew").isTrue();
        assertEverySecretOpensWithOnly(Files.copy(keyFile, elsewhere.resolve("newest.key")));
    }

    @Test
    void withoutAKeyFileThereIsNothingToRotate() {
        assertThatThrownBy(() -> new SecretKeyRotation(database.jdbi(), elsewhere.resolve("missing.key")).rotate())
                .hasMessageContaining("does not exist");
    }

    private void assertEverySecretOpensWithOnly(Path key) {
        assertThat(SecretCipher.nextKeyFile(key)).doesNotExist();
        SecretCipher only = SecretCipher.fromKeyFile(key);
        storedSecrets().forEach((id, sealed) -> assertThat(only.open(sealed)).isEqualTo(secretsById.get(id)));
    }

    private Map<String, String> storedSecrets() {
        return database.jdbi().withHandle(handle -> {
            Map<String, String> sealed = new HashMap<>();
            handle.createQuery("SELECT id, sk FROM vendor_account")
                    .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("sk")))
                    .forEach(row -> sealed.put(row.getKey(), row.getValue()));
            return sealed;
        });
    }

    private static boolean opens(SecretCipher cipher, String sealed) {
        try {
            cipher.open(sealed);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private AccountRepository repository() {
        return new AccountRepository(database.jdbi(), database.dialect(), ApiObjectMapper.create(), SecretCipher.fromKeyFile(keyFile));
    }
}
