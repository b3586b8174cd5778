package io.cocsync.server;

import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BiFunction;

/** The operator's commands besides starting the server: the first argument names one. */
public final class Commands {

    private static final Map<String, BiFunction<String[], Map<String, String>, String>> BY_NAME = Map.of(
            IssueTokenCommand.NAME, (args, env) -> IssueTokenCommand.run(args, env, Clock.systemUTC()),
            BackupCommand.NAME, BackupCommand::run,
            RestoreCommand.NAME, RestoreCommand::run,
            RotateSecretKeyCommand.NAME, RotateSecretKeyCommand::run);

    private Commands() {}

    /** Whether {@code args} start with the name of a command. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && BY_NAME.containsKey(args[0]);
    }

    /**
     * Runs the command that {@code args} name, with the settings of the environment {@code env}
     * under the arguments; returns what it prints. Throws naming what is wrong.
     */
    public static String run(String[] args, Map<String, String> env) {
        return BY_NAME.get(args[0]).apply(Arrays.copyOfRange(args, 1, args.length), env);
    }
}
