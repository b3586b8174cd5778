package io.cocsync.server;

import io.cocsync.backup.Backups;
import io.cocsync.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code backup --to FILE [settings]}: a consistent backup of the embedded database of a stopped
 * server. A running server holds its data directory; it is backed up with {@code POST
 * /admin/backup} instead, and a shared PostgreSQL database with {@code pg_dump}.
 */
final class BackupCommand {

    static final String NAME = "backup";

    private BackupCommand() {}

    /** Returns what was written, for the operator; throws IllegalArgumentException naming what is wrong. */
    static String run(String[] args, Map<String, String> env) {
        CommandArguments arguments = CommandArguments.of(args);
        Path file = Path.of(arguments.take("--to"));
        ServerConfig config = arguments.embeddedSettings(env, NAME, "pg_dump");
        if (!Files.isRegularFile(config.dataDir().resolve("coc.mv.db"))) {
            throw new IllegalArgumentException("data-dir " + config.dataDir() + " holds no database to back up");
        }
        // described, not migrated: a backup copies the database as it is
        try (Database database = Database.embedded(config.dataDir(), null)) {
            Path written = Backups.backUpTo(database, file);
            return "wrote " + written + " (" + sizeOf(written) + " bytes); the secret key file is not in it:"
                    + " keep " + config.effectiveSecretKeyFile() + " safe apart from the backups";
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("lock") || String.valueOf(rootMessage(e)).contains("lock")) {
                throw new IllegalArgumentException("data-dir " + config.dataDir() + " is in use by a running server:"
                        + " back it up with POST /admin/backup");
            }
            throw e;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
