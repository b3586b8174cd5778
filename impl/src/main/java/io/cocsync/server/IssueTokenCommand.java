package io.cocsync.server;

import io.cocsync.auth.CredentialsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code issue-token [--hours N] [settings]}: adds an administrator token to the credentials file
 * of the data directory and prints it, for curl and scripts. A running server picks it up on
 * its next reload of the file.
 */
final class IssueTokenCommand {

    static final String NAME = "issue-token";
    private static final int DEFAULT_HOURS = 8;

    private IssueTokenCommand() {}

    /** Returns the token; throws IllegalArgumentException naming a bad option. */
    static String run(String[] args, Map<String, String> env, Clock clock) {
        List<String> settings = new ArrayList<>();
        int hours = DEFAULT_HOURS;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--hours")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--hours needs a value");
                }
                hours = hours(args[++i]);
            } else {
                settings.add(args[i]);
            }
        }
        ServerConfig config = Settings.resolve(settings.toArray(String[]::new), env);
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("data-dir " + config.dataDir() + " cannot be created", e);
        }
        CredentialsFile file = new CredentialsFile(config.dataDir().resolve(CredentialsFile.NAME));
        SecureRandom random = new SecureRandom();
        file.createWithAdministrator(random);
        return file.issueAdministratorToken(random, clock.instant().plus(Duration.ofHours(hours)));
    }

    private static int hours(String value) {
        try {
            int hours = Integer.parseInt(value);
            if (hours < 1 || hours > 24 * 366) {
                throw new NumberFormatException();
            }
            return hours;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--hours must be a whole number from 1 to 8784, not '" + value + "'");
        }
    }
}
