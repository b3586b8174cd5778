package io.cocsync.server;

import io.cocsync.accounts.SecretKeyRotation;
import io.cocsync.storage.Database;
import java.util.Map;

/**
 * {@code rotate-secret-key [settings]}: re-seals every stored vendor secret with a new key and
 * retires the old one ({@link SecretKeyRotation}). On the embedded database the server must be
 * stopped (it holds the data directory); on a shared database the servers may run on, provided
 * they read the same key file. Safe to run again after it was interrupted.
 */
final class RotateSecretKeyCommand {

    static final String NAME = "rotate-secret-key";

    private RotateSecretKeyCommand() {}

    static String run(String[] args, Map<String, String> env) {
        ServerConfig config = CommandArguments.of(args).settings(env);
        ServerConfig.Jdbc jdbc = config.database();
        Database database;
        try {
            database = jdbc.embedded() ? Database.openEmbedded(config.dataDir())
                    : Database.open(jdbc.url(), jdbc.user(), jdbc.password(), null);
        } catch (RuntimeException e) {
            if (jdbc.embedded() && String.valueOf(BackupCommand.rootMessage(e)).contains("lock")) {
                throw new IllegalArgumentException("data-dir " + config.dataDir() + " is in use by a running server:"
                        + " stop it first");
            }
            throw e;
        }
        try (database) {
            SecretKeyRotation.Result result = new SecretKeyRotation(database.jdbi(), config.effectiveSecretKeyFile())
                    .rotate();
            return (result.freshKey() ? "" : "completed an interrupted rotation: ") + "re-sealed " + result.resealed()
                    + " vendor secret(s) with a new key (" + result.alreadyNew() + " already were); "
                    + config.effectiveSecretKeyFile() + " now holds the new key and the old one is retired";
        }
    }
}
