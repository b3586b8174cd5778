package io.cocsync.server;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Starts the server with the settings that {@link Settings} resolves; {@code --help} lists them. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help")) {
            System.out.print(Settings.usage());
            return;
        }
        if (arguments.contains("--version")) {
            System.out.println("coc-multicloud-sync " + version());
            return;
        }
        if (Commands.isCommand(args)) {
            try {
                System.out.println(Commands.run(args, System.getenv()));
            } catch (RuntimeException e) {
                System.err.println("coc-multicloud-sync " + args[0] + ": " + rootMessage(e));
                System.exit(2);
            }
            return;
        }
        ServerConfig config;
        try {
            config = Settings.resolve(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("coc-multicloud-sync: " + e.getMessage());
            System.err.println("Run with --help for the list of settings.");
            System.exit(2);
            return;
        }
        Logging.configure(config.logFormat());
        CocServer server;
        try {
            server = CocServer.start(config);
        } catch (RuntimeException e) {
            System.err.println("coc-multicloud-sync: cannot start: " + rootMessage(e));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version != null ? version : "development build";
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
