package io.cocsync.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A command's own options (such as {@code --to FILE}) taken out of its arguments; what remains
 * are the server's settings, resolved by {@link Settings} as for a start.
 */
final class CommandArguments {

    private final List<String> rest;

    private CommandArguments(List<String> rest) {
        this.rest = rest;
    }

    static CommandArguments of(String[] args) {
        return new CommandArguments(new ArrayList<>(List.of(args)));
    }

    /** Removes {@code option VALUE} and returns the value; throws when the option is missing or has no value. */
    String take(String option) {
        int at = rest.indexOf(option);
        if (at < 0) {
            throw new IllegalArgumentException(option + " is required");
        }
        if (at + 1 >= rest.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        String value = rest.remove(at + 1);
        rest.remove(at);
        return value;
    }

    /**
     * The server's settings from what remains, for a command that works on the embedded database
     * only; a shared database is refused, naming {@code itsTool} as the way to do the same.
     */
    ServerConfig embeddedSettings(Map<String, String> env, String command, String itsTool) {
        ServerConfig config = settings(env);
        if (!config.database().embedded()) {
            throw new IllegalArgumentException(command + " works on the embedded database; for " + config.database()
                    + " use " + itsTool + " (see docs/operations.md)");
        }
        return config;
    }

    /** The server's settings from what remains. */
    ServerConfig settings(Map<String, String> env) {
        return Settings.resolve(rest.toArray(String[]::new), env);
    }
}
