package io.cocsync.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The server's resolved settings (see {@link Settings} for where each comes from), checked at
 * construction so that a bad value stops the start with the setting's name.
 *
 * @param port the HTTP port; 0 picks a free one (tests)
 * @param dataDir where the embedded database lives
 * @param syncThreads how many sync tasks run at once
 * @param accountsPerVendor how many accounts of one vendor are read at once
 * @param accountTimeLimit the longest one account's sync may take
 * @param syncInterval how often every account is synchronized on its own; zero: never
 * @param logFormat text lines or JSON lines
 * @param secretKeyFile the key that seals vendor secrets; null: {@code secret.key} in the data directory
 * @param vendorCaFile a PEM file of the CA certificates that HTTPS calls to vendors trust instead of the JDK's;
 *     null: the JDK's own (the demo points it at its Azure stub's certificate)
 * @param database the embedded H2 in {@code dataDir}, or a shared database (PostgreSQL)
 * @param taskLease how long a claimed sync task stays with its instance without a heartbeat
 * @param idleTimeout how long an HTTP connection may stay silent (a client that stalls its request) before
 *     it is closed and its worker thread freed
 * @param bodyTimeout how long a client may take to send a whole request body (one that trickles it slowly)
 *     before it is answered 400 and its connection closed
 * @param vendorTimeout how long one HTTP call to a vendor (one attempt, its whole answer) may take before it
 *     is given up and retried
 * @param databaseTimeouts how long a request or sync waits for a database connection and for the database's
 *     answer before it is answered 503 or failed: what bounds a database that is away or stops answering
 * @param diskReserveMegabytes space the embedded database keeps in reserve for when its file system fills; 0: none
 * @param security where stored credentials may be sent in clear, how many connections and body reads one
 *     client address may hold, and how strictly secret files are checked (docs/security.md)
 */
public record ServerConfig(
        int port,
        Path dataDir,
        int syncThreads,
        int accountsPerVendor,
        Duration accountTimeLimit,
        Duration syncInterval,
        LogFormat logFormat,
        Path secretKeyFile,
        Path vendorCaFile,
        Jdbc database,
        Duration taskLease,
        Duration idleTimeout,
        Duration bodyTimeout,
        Duration vendorTimeout,
        DatabaseTimeouts databaseTimeouts,
        int diskReserveMegabytes,
        Security security) {

    public enum LogFormat {
        TEXT,
        JSON
    }

    public ServerConfig {
        requireRange("port", port, 0, 65535);
        Objects.requireNonNull(dataDir, "data-dir");
        requireRange("sync-threads", syncThreads, 1, 256);
        requireRange("accounts-per-vendor", accountsPerVendor, 1, 256);
        requirePositive("account-time-limit", accountTimeLimit);
        if (syncInterval.isNegative()) {
            throw new IllegalArgumentException("sync-interval must not be negative");
        }
        Objects.requireNonNull(logFormat, "log-format");
        Objects.requireNonNull(database, "jdbc-url");
        if (taskLease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("task-lease must be at least 1 second");
        }
        requirePositive("idle-timeout", idleTimeout);
        requirePositive("body-timeout", bodyTimeout);
        requirePositive("vendor-timeout", vendorTimeout);
        Objects.requireNonNull(databaseTimeouts, "db-connect-timeout");
        requirePositive("db-connect-timeout", databaseTimeouts.connect());
        requirePositive("db-answer-timeout", databaseTimeouts.answer());
        requireRange("disk-reserve", diskReserveMegabytes, 0, 1024);
        Objects.requireNonNull(security, "security");
    }

    /**
     * The settings of docs/security.md.
     *
     * @param plainHttpAllowed host names and CIDR networks whose vendor endpoints may be plain {@code http://}
     *     although credentials travel to them; empty: {@code https://} only
     * @param maxConnectionsPerAddress open connections one client address may hold; a request on one past it is
     *     answered 429
     * @param maxBodyReadsPerAddress requests with a body one client address may have in progress; past it, 429
     * @param maxBodyReads requests with a body in progress from all clients together; past it, 503
     * @param allowReadableSecrets whether to start (and reload) although the credentials or key file is readable
     *     by group or others
     */
    public record Security(List<String> plainHttpAllowed, int maxConnectionsPerAddress, int maxBodyReadsPerAddress,
            int maxBodyReads, boolean allowReadableSecrets) {

        /** What the demo and the tests allow: plain HTTP to the stubs on this machine. */
        public static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1/128", "localhost");

        public Security {
            plainHttpAllowed = List.copyOf(plainHttpAllowed);
            requireRange("max-connections-per-address", maxConnectionsPerAddress, 1, 1_000_000);
            requireRange("max-body-reads-per-address", maxBodyReadsPerAddress, 1, 1_000_000);
            requireRange("max-body-reads", maxBodyReads, 1, 1_000_000);
        }

        public Security withPlainHttpAllowed(List<String> allowed) {
            return new Security(allowed, maxConnectionsPerAddress, maxBodyReadsPerAddress, maxBodyReads,
                    allowReadableSecrets);
        }

        public Security withClientLimits(int connectionsPerAddress, int bodyReadsPerAddress, int bodyReads) {
            return new Security(plainHttpAllowed, connectionsPerAddress, bodyReadsPerAddress, bodyReads,
                    allowReadableSecrets);
        }
    }

    /**
     * @param connect how long to wait for a connection (a free one from the pool, or a new one to the database)
     * @param answer how long a PostgreSQL connection may stay silent while it waits for an answer before it is
     *     given up as broken
     */
    public record DatabaseTimeouts(Duration connect, Duration answer) {}

    /**
     * Where the data lives: a blank {@code url} means the embedded H2 database in the data
     * directory (one server), anything else a JDBC URL that several instances may share.
     */
    public record Jdbc(String url, String user, String password) {
        public static final Jdbc EMBEDDED = new Jdbc("", "", "");

        public boolean embedded() {
            return url.isBlank();
        }

        /** Never prints the password. */
        @Override
        public String toString() {
            return embedded() ? "embedded H2" : url + " as " + user;
        }
    }

    private static void requirePositive(String setting, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be positive");
        }
    }

    private static void requireRange(String setting, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(setting + " must be between " + min + " and " + max + ", not " + value);
        }
    }

    /** The defaults of every setting, as {@link Settings} documents them. */
    public static ServerConfig defaults() {
        return Settings.resolve(new String[0], java.util.Map.of());
    }

    /** The key file that seals vendor secrets: the configured one, else {@code secret.key} in the data directory. */
    public Path effectiveSecretKeyFile() {
        return secretKeyFile != null ? secretKeyFile : dataDir.resolve("secret.key");
    }

    // copies with one setting changed, for tests and embedders; checked like any other config

    public ServerConfig withPort(int newPort) {
        return with(copy -> copy.port = newPort);
    }

    public ServerConfig withDataDir(Path newDataDir) {
        return with(copy -> copy.dataDir = newDataDir);
    }

    public ServerConfig withSyncInterval(Duration interval) {
        return with(copy -> copy.syncInterval = interval);
    }

    public ServerConfig withDatabase(Jdbc newDatabase) {
        return with(copy -> copy.database = newDatabase);
    }

    public ServerConfig withTaskLease(Duration lease) {
        return with(copy -> copy.taskLease = lease);
    }

    public ServerConfig withVendorCaFile(Path caFile) {
        return with(copy -> copy.vendorCaFile = caFile);
    }

    public ServerConfig withIdleTimeout(Duration timeout) {
        return with(copy -> copy.idleTimeout = timeout);
    }

    public ServerConfig withBodyTimeout(Duration timeout) {
        return with(copy -> copy.bodyTimeout = timeout);
    }

    public ServerConfig withVendorTimeout(Duration timeout) {
        return with(copy -> copy.vendorTimeout = timeout);
    }

    public ServerConfig withDatabaseTimeouts(DatabaseTimeouts timeouts) {
        return with(copy -> copy.databaseTimeouts = timeouts);
    }

    public ServerConfig withDiskReserveMegabytes(int megabytes) {
        return with(copy -> copy.diskReserveMegabytes = megabytes);
    }

    public ServerConfig withSecretKeyFile(Path file) {
        return with(copy -> copy.secretKeyFile = file);
    }

    public ServerConfig withSecurity(Security newSecurity) {
        return with(copy -> copy.security = newSecurity);
    }

    /**
     * Plain-HTTP vendor endpoints allowed on this machine's loopback too, besides what the operator
     * allowed: the demo jar's stubs and the tests' listen there.
     */
    public ServerConfig withPlainHttpOnLoopback() {
        java.util.LinkedHashSet<String> allowed = new java.util.LinkedHashSet<>(security.plainHttpAllowed());
        allowed.addAll(Security.LOOPBACK);
        return withSecurity(security.withPlainHttpAllowed(List.copyOf(allowed)));
    }

    private ServerConfig with(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** The settings as fields to change: each {@code with…} names only its own. */
    private static final class Copy {
        int port;
        Path dataDir;
        int syncThreads;
        int accountsPerVendor;
        Duration accountTimeLimit;
        Duration syncInterval;
        LogFormat logFormat;
        Path secretKeyFile;
        Path vendorCaFile;
        Jdbc database;
        Duration taskLease;
        Duration idleTimeout;
        Duration bodyTimeout;
        Duration vendorTimeout;
        DatabaseTimeouts databaseTimeouts;
        int diskReserveMegabytes;
        Security security;

        Copy(ServerConfig of) {
            port = of.port;
            dataDir = of.dataDir;
            syncThreads = of.syncThreads;
            accountsPerVendor = of.accountsPerVendor;
            accountTimeLimit = of.accountTimeLimit;
            syncInterval = of.syncInterval;
            logFormat = of.logFormat;
            secretKeyFile = of.secretKeyFile;
            vendorCaFile = of.vendorCaFile;
            database = of.database;
            taskLease = of.taskLease;
            idleTimeout = of.idleTimeout;
            bodyTimeout = of.bodyTimeout;
            vendorTimeout = of.vendorTimeout;
            databaseTimeouts = of.databaseTimeouts;
            diskReserveMegabytes = of.diskReserveMegabytes;
            security = of.security;
        }

        ServerConfig build() {
            return new ServerConfig(port, dataDir, syncThreads, accountsPerVendor, accountTimeLimit, syncInterval,
                    logFormat, secretKeyFile, vendorCaFile, database, taskLease, idleTimeout, bodyTimeout, vendorTimeout,
                    databaseTimeouts, diskReserveMegabytes, security);
        }
    }
}
