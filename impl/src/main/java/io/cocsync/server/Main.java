package io.cocsync.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Starts the server from flags and environment variables (flags win). */
public final class Main {

    static final String USAGE = """
            Usage: java -jar coc-multicloud-sync.jar [options]

              --port N          HTTP port (env COC_HTTP_PORT, default 8080)
              --data-dir PATH   directory of the embedded database (env COC_DATA_DIR, default ./data)
              --sync-threads N  sync tasks that run at once (env COC_SYNC_THREADS, default 4)
              --demo            also start local vendor stubs and register one demo account per vendor
              --help            print this text
            """;

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        ServerConfig config;
        try {
            if (java.util.Arrays.asList(args).contains("--help")) {
                System.out.print(USAGE);
                return;
            }
            config = parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("coc-multicloud-sync: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
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

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    /** Defaults, then environment variables, then flags; a bad value names its setting. */
    static ServerConfig parse(String[] args, Map<String, String> env) {
        int port = integer("COC_HTTP_PORT", env.getOrDefault("COC_HTTP_PORT", "" + ServerConfig.DEFAULT_PORT));
        String dataDir = env.getOrDefault("COC_DATA_DIR", ServerConfig.DEFAULT_DATA_DIR.toString());
        int threads = integer("COC_SYNC_THREADS",
                env.getOrDefault("COC_SYNC_THREADS", "" + ServerConfig.DEFAULT_SYNC_THREADS));
        boolean demo = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--demo")) {
                demo = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> port = integer("--port", value);
                case "--data-dir" -> dataDir = value;
                case "--sync-threads" -> threads = integer("--sync-threads", value);
                default -> throw new IllegalArgumentException("unknown option: " + flag);
            }
        }
        if (dataDir.isBlank()) {
            throw new IllegalArgumentException("data-dir must not be empty");
        }
        return new ServerConfig(port, Path.of(dataDir), threads, demo);
    }

    private static int integer(String setting, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + " must be a whole number, not '" + value + "'");
        }
    }
}
