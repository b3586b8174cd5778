package io.cocsync.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.accounts.AccountIds;
import io.cocsync.accounts.AccountRepository;
import io.cocsync.accounts.AccountService;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.EndpointSchemePolicy;
import io.cocsync.audit.AuditLog;
import io.cocsync.auth.AkLockout;
import io.cocsync.auth.AkSkVerifier;
import io.cocsync.auth.Authenticator;
import io.cocsync.auth.CredentialStore;
import io.cocsync.auth.CredentialsFile;
import io.cocsync.auth.TokenVerifier;
import io.cocsync.connectors.ConnectorContext;
import io.cocsync.connectors.ConnectorRegistry;
import io.cocsync.connectors.VendorTls;
import io.cocsync.connectors.catalog.VendorCatalog;
import io.cocsync.backup.Backups;
import io.cocsync.http.AdminBackupResource;
import io.cocsync.http.ApiApplication;
import io.cocsync.docs.ApiDocsResource;
import io.cocsync.health.HealthResource;
import io.cocsync.http.ApiObjectMapper;
import io.cocsync.http.BodyReadDeadline;
import io.cocsync.inventory.InventoryReader;
import io.cocsync.inventory.InventoryWriter;
import io.cocsync.http.DiskFullFilter;
import io.cocsync.http.ClientBounds;
import io.cocsync.metrics.MetricsResource;
import io.cocsync.metrics.ServiceMetrics;
import io.cocsync.metrics.SyncMetrics;
import io.cocsync.storage.Database;
import io.cocsync.storage.Dialect;
import io.cocsync.storage.DiskReserve;
import io.cocsync.storage.StorageUnavailable;
import io.cocsync.storage.OwnerOnlyFiles;
import io.cocsync.storage.SecretCipher;
import io.cocsync.sync.ScheduledSync;
import io.cocsync.sync.SyncEngine;
import io.cocsync.sync.SyncExecutor;
import io.cocsync.sync.SyncService;
import io.cocsync.sync.TaskQueue;
import io.cocsync.sync.TaskRepository;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.jetty.JettyHttpContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: builds storage, services and the HTTP edge with plain {@code new}, and runs them. */
public final class CocServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CocServer.class);
    /** How soon an instance notices tasks that others accepted or whose owner died. */
    private static final Duration TASK_POLL_INTERVAL = Duration.ofSeconds(1);

    private final Server jetty;
    /** What runs besides Jetty, in start order; closed in reverse. */
    private final List<AutoCloseable> parts;
    private final AccountService accounts;

    private CocServer(Server jetty, List<AutoCloseable> parts, AccountService accounts) {
        this.jetty = jetty;
        this.parts = parts;
        this.accounts = accounts;
    }

    public static CocServer start(ServerConfig config) {
        Logging.routeJavaUtilLogging();
        createDirectories(config);
        Clock clock = Clock.systemUTC();
        List<AutoCloseable> parts = new ArrayList<>();
        CompletableFuture<Void> storageReady = null;
        try {
            ServiceMetrics metrics = started(parts, new ServiceMetrics());
            SyncMetrics syncMetrics = new SyncMetrics(metrics.registry());
            Database database = started(parts, describeDatabase(config, metrics));
            // storage opens and migrates on a thread of its own while the rest is built: nothing
            // built meanwhile touches it, and on two cores this overlaps the two longest steps of
            // start-up; everything that uses storage waits for storageReady below
            storageReady = onThreadOfItsOwn("storage-open", database::migrate);
            ObjectMapper json = ApiObjectMapper.create();
            Jdbi jdbi = database.jdbi();
            AccountRepository accountRepository = new AccountRepository(jdbi, database.dialect(), json,
                    secretCipher(config));
            AuditLog audit = new AuditLog(clock);
            TaskRepository taskRepository = new TaskRepository(jdbi, json);
            InventoryWriter inventoryWriter = new InventoryWriter(jdbi, json);
            InventoryReader inventory = new InventoryReader(jdbi, json);
            TaskQueue queue = new TaskQueue(jdbi, InstanceId.create(), clock, config.taskLease());
            storageReady = storageReady.thenRun(() -> repairStorage(config, database.dialect(), accountRepository, queue));

            ConnectorRegistry connectors = VendorCatalog.registry(connectorContext(config, syncMetrics));
            SyncEngine engine = new SyncEngine(jdbi, accountRepository, taskRepository, queue, inventoryWriter, connectors,
                    clock, new SyncEngine.Limits(config.accountsPerVendor(), config.accountTimeLimit()), syncMetrics)
                    .explainingStorageFailuresWith(() -> database.diskReserve().filter(DiskReserve::isFull)
                            .map(full -> StorageUnavailable.DISK_FULL));
            SyncExecutor syncExecutor = started(parts,
                    new SyncExecutor(engine, queue, config.syncThreads(), TASK_POLL_INTERVAL));

            AccountService accounts = new AccountService(accountRepository, new AccountIds(clock), clock,
                    database.groupCommit(), endpointSchemePolicy(config));
            SyncService sync = new SyncService(jdbi, database.dialect(), accountRepository, taskRepository, syncExecutor, clock,
                    database.groupCommit());

            ResourceConfig application = ApiApplication.create(json, accounts, sync, inventory, metrics.registry(),
                    authenticator(config, clock, audit), audit, StorageUnavailable::describe);
            application.register(new HealthResource(database));
            application.register(new MetricsResource(metrics));
            application.register(new ApiDocsResource());
            database.diskReserve().ifPresent(reserve -> application.register(new DiskFullFilter(reserve::isFull)));
            application.register(new AdminBackupResource(config.database().embedded()
                    ? new Backups(database, config.dataDir().resolve("backups"), clock) : null));
            Server jetty = JettyHttpContainerFactory.createServer(
                    URI.create("http://0.0.0.0:" + config.port() + "/"), application, false);
            jetty.setErrorHandler(new JsonErrorHandler());
            UriRules.applyTo(jetty);
            // the idle timeout cannot stop a client that trickles its body: a total deadline does
            jetty.setHandler(new BodyReadDeadline(jetty.getHandler(), config.bodyTimeout()));
            // a client that stalls mid-request is cut off, freeing the worker thread blocked on its body
            ServerConnector connector = (ServerConnector) jetty.getConnectors()[0];
            connector.setIdleTimeout(config.idleTimeout().toMillis());
            // outermost: a client past its bounds is answered before anything else runs for it
            ServerConfig.Security security = config.security();
            ClientBounds bounds = new ClientBounds(jetty.getHandler(), security.maxConnectionsPerAddress(),
                    security.maxBodyReadsPerAddress(), security.maxBodyReads());
            jetty.setHandler(bounds);
            connector.addBean(bounds);

            await(storageReady);
            syncExecutor.start();
            if (!config.syncInterval().isZero()) {
                started(parts, ScheduledSync.every(config.syncInterval(), sync));
            }
            jetty.start();
            CocServer server = new CocServer(jetty, parts, accounts);
            LOG.info("listening on port {} with data in {}", server.port(),
                    config.database().embedded() ? config.dataDir().toAbsolutePath() : config.database());
            return server;
        } catch (Exception e) {
            if (storageReady != null) {
                // storage is closed below: not while its migration may still be running
                storageReady.exceptionally(failure -> null).join();
            }
            closeAll(parts);
            throw new IllegalStateException("the server could not start: " + e.getMessage(), e);
        }
    }

    /** Puts right what an earlier run left behind in the migrated storage, before anything else uses it. */
    private static void repairStorage(ServerConfig config, Dialect dialect, AccountRepository accounts,
            TaskQueue queue) {
        if (config.database().embedded()) {
            // the embedded database's files are created under the process's umask: owner only, whatever it is
            for (String file : List.of("coc.mv.db", "coc.lock.db", "coc.trace.db")) {
                OwnerOnlyFiles.restrict(config.dataDir().resolve(file));
            }
        }
        int sealed = accounts.sealPlainSecrets();
        if (sealed > 0) {
            LOG.info("sealed the secret keys of {} vendor accounts stored in clear by an earlier version", sealed);
        }
        if (dialect.usedByThisServerOnly()) {
            // no other process can have the database open: its running tasks are orphans
            int orphans = queue.expireAll();
            if (orphans > 0) {
                LOG.warn("{} sync task(s) were running when the server last stopped; they resume now", orphans);
            }
        }
    }

    private static CompletableFuture<Void> onThreadOfItsOwn(String name, Runnable work) {
        return CompletableFuture.runAsync(work, runnable -> new Thread(runnable, name).start());
    }

    /** Waits for {@code step}, failing with its own exception rather than a wrapper. */
    private static void await(CompletableFuture<Void> step) {
        try {
            step.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The key that seals vendor secrets, from a file that only its owner may read (or the operator allows). */
    private static SecretCipher secretCipher(ServerConfig config) {
        SecretCipher cipher = SecretCipher.fromKeyFile(config.effectiveSecretKeyFile());
        OwnerOnlyFiles.requireOwnerOnly(config.effectiveSecretKeyFile(), "secret key file",
                config.security().allowReadableSecrets());
        return cipher;
    }

    /** https:// only for credentialed endpoints, but for the operator's hosts and networks (the demo jar adds loopback). */
    private static EndpointSchemePolicy endpointSchemePolicy(ServerConfig config) {
        return EndpointSchemePolicy.allowingPlainHttpTo(config.security().plainHttpAllowed());
    }

    /** Credentials from the data directory's file; on first start, one administrator is created into it. */
    private static Authenticator authenticator(ServerConfig config, Clock clock, AuditLog audit) {
        CredentialsFile file = new CredentialsFile(config.dataDir().resolve(CredentialsFile.NAME),
                config.security().allowReadableSecrets());
        if (file.createWithAdministrator(new SecureRandom())) {
            LOG.warn("no credentials were configured: created an administrator AK/SK with every action in {}"
                    + " (readable by its owner only); see the README to add credentials", file.path().toAbsolutePath());
        }
        CredentialStore credentials = new CredentialStore(file, clock, audit);
        return new Authenticator(new AkSkVerifier(credentials, new AkLockout(clock, audit), clock),
                new TokenVerifier(credentials, clock));
    }

    /** The configured database, not yet opened. */
    private static Database describeDatabase(ServerConfig config, ServiceMetrics metrics) {
        ServerConfig.Jdbc jdbc = config.database();
        Database database = jdbc.embedded()
                ? Database.embedded(config.dataDir(), metrics.registry())
                : Database.at(jdbc.url(), jdbc.user(), jdbc.password(), metrics.registry());
        return database.withSyncConnections(config.syncThreads())
                .withTimeouts(config.databaseTimeouts().connect(), config.databaseTimeouts().answer())
                .withDiskReserve(config.diskReserveMegabytes() * 1024L * 1024L);
    }

    private static <T extends AutoCloseable> T started(List<AutoCloseable> parts, T part) {
        parts.add(part);
        return part;
    }

    /**
     * What every connector is built from. TLS trust is exactly the certificates of
     * {@code vendor-ca-file} when one is set (read now, so that a bad file stops the start; the demo
     * jar points it at its Azure stub's certificate), else the JVM's, set up at the first sync.
     */
    static ConnectorContext connectorContext(ServerConfig config, SyncMetrics metrics) {
        Optional<VendorTls> configured = VendorTrust.of(config.vendorCaFile());
        Supplier<VendorTls> tls = configured.isPresent() ? configured::orElseThrow : VendorTls::jvmDefault;
        return ConnectorContext.of(config.vendorTimeout()).withTls(tls).withMetrics(metrics);
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                LOG.warn("{} did not stop cleanly", parts.get(i).getClass().getSimpleName(), e);
            }
        }
    }

    private static void createDirectories(ServerConfig config) {
        OwnerOnlyFiles.createDirectory(config.dataDir());
    }

    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    /** The accounts of this server, for an embedder that registers its own in-process (the demo does). */
    public AccountService accounts() {
        return accounts;
    }

    /** The loopback address of this server, for clients on the same machine. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Stops taking requests, lets running syncs reach a safe point, then closes storage. */
    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("the HTTP server did not stop cleanly", e);
        }
        closeAll(parts);
    }
}
