package io.cocsync.auth;

import io.cocsync.audit.AuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credentials in force, re-read when the file changes.
 *
 * <p>Contract: {@link #current()} returns the last valid reading. At most once per
 * {@link #POLL_INTERVAL} (checked on the request path, so no thread is needed) it compares the
 * file's modification time and size with the last reading and, when either differs, reads it
 * again; {@link #find} looks again at once when what it seeks is not there. A file that became
 * invalid or unreadable is logged and the previous reading stays in force, so a typo does not
 * lock every caller out. Safe for concurrent use.
 */
public final class CredentialStore {

    public static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(CredentialStore.class);

    private record Version(FileTime modified, long size) {}

    private final CredentialsFile file;
    private final Clock clock;
    private final AuditLog audit;
    private volatile Credentials current;
    private Version version;
    private Instant nextCheck;

    /** Reads the file at once; throws when it is invalid, so that a bad file stops the start. */
    public CredentialStore(CredentialsFile file, Clock clock) {
        this(file, clock, new AuditLog(clock));
    }

    /** Reads the file at once, as above; each later reload, accepted or refused, is an audit line. */
    public CredentialStore(CredentialsFile file, Clock clock, AuditLog audit) {
        this.file = file;
        this.clock = clock;
        this.audit = audit;
        this.version = versionOnDisk();
        this.current = file.read();
        this.nextCheck = clock.instant().plus(POLL_INTERVAL);
    }

    public Credentials current() {
        return checked(false);
    }

    /**
     * What {@code lookup} finds in the credentials in force. When it finds nothing, the file is
     * looked at once more at once (a read only if it changed), so that a token or key issued a
     * moment ago, by {@code issue-token} say, is known without waiting for the poll interval.
     */
    public <T> T find(Function<Credentials, T> lookup) {
        T found = lookup.apply(current());
        return found != null ? found : lookup.apply(checked(true));
    }

    private Credentials checked(boolean evenBeforeTheInterval) {
        Instant now = clock.instant();
        synchronized (this) {
            if (!evenBeforeTheInterval && now.isBefore(nextCheck)) {
                return current;
            }
            nextCheck = now.plus(POLL_INTERVAL);
            Version onDisk = versionOnDisk();
            if (!onDisk.equals(version)) {
                version = onDisk;
                reload();
            }
            return current;
        }
    }

    private void reload() {
        try {
            current = file.read();
            LOG.info("credentials reloaded from {}: {} access keys, {} tokens", file.path(),
                    current.accessKeys().size(), current.tokens().size());
            audit.event("credentials_reloaded").with("file", file.path().toAbsolutePath().toString())
                    .with("access_keys", current.accessKeys().size()).with("tokens", current.tokens().size()).write();
        } catch (RuntimeException e) {
            LOG.error("credentials file changed but was not loaded, the previous credentials stay in force: {}",
                    e.getMessage());
            audit.event("credentials_refused").with("file", file.path().toAbsolutePath().toString())
                    .with("reason", e.getMessage()).write();
        }
    }

    private Version versionOnDisk() {
        try {
            return new Version(Files.getLastModifiedTime(file.path()), Files.size(file.path()));
        } catch (IOException e) {
            return new Version(FileTime.fromMillis(0), -1);
        }
    }
}
