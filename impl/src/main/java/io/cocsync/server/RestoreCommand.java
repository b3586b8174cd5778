package io.cocsync.server;

import io.cocsync.backup.Backups;
import io.cocsync.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code restore --from FILE [settings]}: rebuilds the data directory's embedded database from a
 * backup, into a directory that holds none yet, and opens it once (applying the migrations of
 * this version) so that a backup that cannot be used fails here rather than at the next start.
 */
final class RestoreCommand {

    static final String NAME = "restore";

    private RestoreCommand() {}

    static String run(String[] args, Map<String, String> env) {
        CommandArguments arguments = CommandArguments.of(args);
        Path backup = Path.of(arguments.take("--from"));
        ServerConfig config = arguments.embeddedSettings(env, NAME, "pg_restore");
        Backups.restore(backup, config.dataDir());
        Database.openEmbedded(config.dataDir()).close();
        String restored = "restored " + backup + " into " + config.dataDir().toAbsolutePath();
        Path key = config.effectiveSecretKeyFile();
        return Files.isRegularFile(key) ? restored
                : restored + "; now put the secret key file of the server that wrote the backup at " + key
                        + " (vendor secrets open only with it)";
    }
}
