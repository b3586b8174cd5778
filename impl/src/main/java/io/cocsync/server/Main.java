package io.cocsync.server;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/** Starts the server with the settings that {@link Settings} resolves; {@code --help} lists them. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--demo")) {
            System.err.println("coc-multicloud-sync: the demo has a jar of its own, with the vendor stubs the service"
                    + " jar leaves out: java -jar demo/target/coc-multicloud-sync-demo.jar");
            System.exit(2);
            return;
        }
        serve(args, CocServer::start);
    }

    /**
     * Answers {@code --help}, {@code --version} and {@code issue-token}, or resolves the settings,
     * starts what {@code start} builds from them and runs it until the JVM is asked to stop. The
     * demo's launcher starts the server this way too, with its vendor stubs around it.
     */
    public static void serve(String[] args, Function<ServerConfig, ? extends AutoCloseable> start)
            throws InterruptedException {
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
        AutoCloseable server;
        try {
            server = start.apply(config);
        } catch (RuntimeException e) {
            System.err.println("coc-multicloud-sync: cannot start: " + rootMessage(e));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("coc-multicloud-sync: did not stop cleanly: " + rootMessage(e));
            }
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
