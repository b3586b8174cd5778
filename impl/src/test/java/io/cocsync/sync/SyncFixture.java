package io.cocsync.sync;

import io.cocsync.accounts.AccountIds;
import io.cocsync.accounts.EndpointSchemePolicy;
import io.cocsync.server.ServerConfig;
import io.cocsync.accounts.AccountRepository;
import io.cocsync.accounts.AccountService;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.NewVendorAccount;
import io.cocsync.connectors.ConnectorContext;
import io.cocsync.connectors.ConnectorRegistry;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.connectors.catalog.VendorCatalog;
import io.cocsync.http.ApiObjectMapper;
import io.cocsync.inventory.InventoryQuery;
import io.cocsync.inventory.InventoryReader;
import io.cocsync.inventory.InventoryWriter;
import io.cocsync.metrics.SyncMetrics;
import io.cocsync.storage.Database;
import io.cocsync.storage.SecretCipher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The sync engine with its services on a real embedded store, for tests: what the server's
 * composition root builds, minus HTTP, around the connectors a test chooses.
 */
public final class SyncFixture implements AutoCloseable {

    private final Database database;
    private final SyncExecutor executor;
    private final AccountService accounts;
    private final SyncService sync;
    private final InventoryReader inventory;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    public SyncFixture(Path dataDir, List<VendorConnector> connectors) {
        this(dataDir, connectors, Clock.systemUTC(), SyncEngine.Limits.defaults());
    }

    public SyncFixture(Path dataDir, List<VendorConnector> connectors, Clock clock, SyncEngine.Limits limits) {
        this(dataDir, Database.openEmbedded(dataDir), connectors, clock, limits);
    }

    /** On the given database, which the fixture closes; the secret key lives in {@code dataDir}. */
    public SyncFixture(Path dataDir, Database database, List<VendorConnector> connectors, Clock clock,
            SyncEngine.Limits limits) {
        this(dataDir, database, metrics -> new ConnectorRegistry(connectors), clock, limits);
    }

    /**
     * Every vendor's connector, made as the server makes them (the same factories) from
     * {@code context}, reporting vendor calls to the fixture's meters.
     */
    public static SyncFixture withVendors(Path dataDir, ConnectorContext context) {
        return new SyncFixture(dataDir, Database.openEmbedded(dataDir),
                metrics -> VendorCatalog.registry(context.withMetrics(metrics)), Clock.systemUTC(),
                SyncEngine.Limits.defaults());
    }

    private SyncFixture(Path dataDir, Database database, Function<SyncMetrics, ConnectorRegistry> connectors,
            Clock clock, SyncEngine.Limits limits) {
        var json = ApiObjectMapper.create();
        this.database = database;
        var jdbi = database.jdbi();
        var accountRepository = new AccountRepository(jdbi, database.dialect(), json,
                SecretCipher.fromKeyFile(dataDir.resolve("secret.key")));
        var tasks = new TaskRepository(jdbi, json);
        inventory = new InventoryReader(jdbi, json);
        var queue = new TaskQueue(jdbi, "test-instance", clock, Duration.ofSeconds(30));
        var metrics = new SyncMetrics(meters);
        var engine = new SyncEngine(jdbi, accountRepository, tasks, queue, new InventoryWriter(jdbi, json),
                connectors.apply(metrics), clock, limits, metrics);
        executor = new SyncExecutor(engine, queue, 2, Duration.ofMillis(50)).start();
        accounts = new AccountService(accountRepository, new AccountIds(clock), clock, database.groupCommit(),
                EndpointSchemePolicy.allowingPlainHttpTo(ServerConfig.Security.LOOPBACK));
        sync = new SyncService(jdbi, database.dialect(), accountRepository, tasks, executor, clock, database.groupCommit());
    }

    public AccountService accounts() {
        return accounts;
    }

    public SyncService sync() {
        return sync;
    }

    public InventoryReader inventory() {
        return inventory;
    }

    public SimpleMeterRegistry meters() {
        return meters;
    }

    public SyncTask syncAndWait(CloudVendor vendor, String accountId) {
        return waitForEnd(sync.requestSync(NewVendorAccount.DEFAULT_DOMAIN, vendor, accountId));
    }

    public SyncTask waitForEnd(String taskId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            SyncTask task = sync.find(NewVendorAccount.DEFAULT_DOMAIN, taskId);
            if (!task.status().isActive()) {
                return task;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("task " + taskId + " did not finish within 30 s");
    }

    public long count(InventoryQuery query) {
        return inventory.count(NewVendorAccount.DEFAULT_DOMAIN, query);
    }

    @Override
    public void close() {
        executor.close();
        database.close();
    }
}
