package io.cocsync.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cocsync.testing.AuditLines;
import io.cocsync.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void theFirstStartCreatesAnOwnerOnlyAdministratorWithEveryAction() throws Exception {
        CredentialsFile file = new CredentialsFile(dir.resolve(CredentialsFile.NAME));

        assertThat(file.createWithAdministrator(new SecureRandom())).isTrue();
        assertThat(file.createWithAdministrator(new SecureRandom())).as("an existing file is kept").isFalse();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
        Credentials.AccessKey admin = file.read().accessKeys().values().iterator().next();
        assertThat(admin.domainId()).isEqualTo(CredentialsFile.ADMIN_DOMAIN);
        assertThat(admin.actions()).isEqualTo(EnumSet.allOf(Action.class));
        assertThat(admin.sk()).hasSize(40);
        assertThat(admin.toString()).doesNotContain(admin.sk());
    }

    @Test
    void aChangedFileIsReloadedAfterThePollIntervalAndAnInvalidOneIsIgnored() throws Exception {
        Path path = dir.resolve(CredentialsFile.NAME);
        write(path, "{\"access_keys\": [{\"ak\": \"A1\", \"sk\": \"s\", \"domain_id\": \"d\", \"actions\": []}]}", 1);
        CredentialStore store = new CredentialStore(new CredentialsFile(path), clock);

        write(path, "{\"access_keys\": [{\"ak\": \"A2\", \"sk\": \"s\", \"domain_id\": \"d\", \"actions\": []}]}", 2);
        assertThat(store.current().accessKeys()).containsOnlyKeys("A1");
        clock.advance(CredentialStore.POLL_INTERVAL);
        assertThat(store.current().accessKeys()).containsOnlyKeys("A2");

        write(path, "{\"access_keys\": [{\"ak\": \"A3\"}]}", 3);
        clock.advance(CredentialStore.POLL_INTERVAL);
        assertThat(store.current().accessKeys()).as("the last valid reading stays").containsOnlyKeys("A2");
    }

    @Test
    void aKeyNotKnownYetIsLookedUpInTheFileAtOnceNotAfterThePollInterval() throws Exception {
        Path path = dir.resolve(CredentialsFile.NAME);
        write(path, "{\"access_keys\": [{\"ak\": \"A1\", \"sk\": \"s\", \"domain_id\": \"d\", \"actions\": []}]}", 1);
        CredentialStore store = new CredentialStore(new CredentialsFile(path), clock);

        write(path, "{\"access_keys\": [{\"ak\": \"A1\", \"sk\": \"s\", \"domain_id\": \"d\", \"actions\": []},"
                + " {\"ak\": \"A2\", \"sk\": \"s\", \"domain_id\": \"d\", \"actions\": []}]}", 2);

        Credentials.AccessKey issued = store.find(known -> known.accessKeys().get("A2"));
        Credentials.AccessKey neverIssued = store.find(known -> known.accessKeys().get("A9"));

        assertThat(issued).as("issued a moment ago").isNotNull();
        assertThat(neverIssued).as("never issued").isNull();
    }

    @Test
    void tokensAreKnownByHashAndExpire() throws Exception {
        Path path = dir.resolve(CredentialsFile.NAME);
        String hash = CanonicalRequest.sha256Hex("the-token".getBytes(StandardCharsets.UTF_8));
        write(path, "{\"tokens\": [{\"sha256\": \"" + hash + "\", \"domain_id\": \"d-2\","
                + " \"actions\": [\"coc:instance:listResources\"], \"expires\": \"2026-01-01T01:00:00Z\"}]}", 1);
        TokenVerifier tokens = new TokenVerifier(new CredentialStore(new CredentialsFile(path), clock), clock);

        Caller caller = tokens.verify("the-token");
        assertThat(caller.domainId()).isEqualTo("d-2");
        assertThat(caller.actions()).containsExactly(Action.LIST_RESOURCES);
        assertThatThrownBy(() -> tokens.verify("another")).hasMessageContaining("not a token this server issued");
        clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> tokens.verify("the-token")).hasMessageContaining("expired");
    }

    @Test
    void anUnknownActionStopsTheStartNamingIt() throws Exception {
        Path path = dir.resolve(CredentialsFile.NAME);
        write(path, "{\"access_keys\": [{\"ak\": \"A1\", \"sk\": \"s\", \"domain_id\": \"d\","
                + " \"actions\": [\"coc:everything\"]}]}", 1);

        assertThatThrownBy(() -> new CredentialStore(new CredentialsFile(path), clock))
                .hasMessageContaining("access key A1 has an unknown action 'coc:everything'");
    }

    @Test
    void aFileReadableByOthersStopsTheStartNamingTheFixUnlessAllowed() throws Exception {
        Path path = dir.resolve(CredentialsFile.NAME);
        write(path, "{\"access_keys\": [{\"ak\": \"A1\", \"sk\": \"s\", \"domain_id\": \"d\", \"actions\": []}]}", 1);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> new CredentialStore(new CredentialsFile(path), clock))
                .hasMessageContaining(path.toAbsolutePath().toString())
                .hasMessageContaining("rw-r--r--")
                .hasMessageContaining("chmod 600")
                .hasMessageContaining("allow-readable-secrets");
        assertThat(new CredentialStore(new CredentialsFile(path, true), clock).current().accessKeys())
                .containsOnlyKeys("A1");
    }

    @Test
    void aReloadOfAFileMadeReadableByOthersIsRefusedAndAuditedAndAnAcceptedOneAuditedToo() throws Exception {
        Path path = dir.resolve(CredentialsFile.NAME);
        write(path, "{\"access_keys\": [{\"ak\": \"A1\", \"sk\": \"s\", \"domain_id\": \"d\", \"actions\": []}]}", 1);
        CredentialStore store = new CredentialStore(new CredentialsFile(path), clock);
        try (AuditLines audit = AuditLines.capture()) {
            write(path, "{\"access_keys\": [{\"ak\": \"A2\", \"sk\": \"s\", \"domain_id\": \"d\", \"actions\": []}]}", 2);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
            clock.advance(CredentialStore.POLL_INTERVAL);
            assertThat(store.current().accessKeys()).as("the previous reading stays").containsOnlyKeys("A1");

            write(path, "{\"access_keys\": [{\"ak\": \"A3\", \"sk\": \"s\", \"domain_id\": \"d\", \"actions\": []}]}", 3);
            clock.advance(CredentialStore.POLL_INTERVAL);
            assertThat(store.current().accessKeys()).containsOnlyKeys("A3");

            assertThat(audit.events()).containsExactly("credentials_refused", "credentials_reloaded");
            assertThat(audit.lines().get(0)).contains("chmod 600");
            assertThat(audit.lines().get(1)).contains("\"access_keys\":1");
        }
    }

    private static void write(Path path, String text, int version) throws Exception {
        Files.writeString(path, text);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        // distinct modification times, whatever the file system's resolution
        Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(version)));
    }
}
