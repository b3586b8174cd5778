package io.cocsync.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The server's settings, validated at construction so that a bad value fails at start-up with
 * the setting's name.
 *
 * @param port the HTTP port; 0 picks a free one (tests)
 * @param dataDir where the embedded database lives
 * @param syncThreads how many sync tasks run at once
 * @param demo whether to start local vendor stubs with demo accounts (see the README)
 */
public record ServerConfig(int port, Path dataDir, int syncThreads, boolean demo) {

    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    public static final int DEFAULT_SYNC_THREADS = 4;

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        Objects.requireNonNull(dataDir, "data-dir");
        if (syncThreads < 1 || syncThreads > 256) {
            throw new IllegalArgumentException("sync-threads must be between 1 and 256, not " + syncThreads);
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_PORT, DEFAULT_DATA_DIR, DEFAULT_SYNC_THREADS, false);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(newPort, dataDir, syncThreads, demo);
    }

    public ServerConfig withDataDir(Path newDataDir) {
        return new ServerConfig(port, newDataDir, syncThreads, demo);
    }

    public ServerConfig withDemo(boolean withDemo) {
        return new ServerConfig(port, dataDir, syncThreads, withDemo);
    }

    public ServerConfig withSyncThreads(int threads) {
        return new ServerConfig(port, dataDir, threads, demo);
    }
}
