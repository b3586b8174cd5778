package io.cocsync.sync;

import io.cocsync.accounts.AccountIds;
import io.cocsync.accounts.EndpointSchemePolicy;
import io.cocsync.server.ServerConfig;
import io.cocsync.accounts.AccountRepository;
import io.cocsync.accounts.AccountService;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.NewVendorAccount;
import io.cocsync.connectors.ConnectorRegistry;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.http.ApiObjectMapper;
import io.cocsync.inventory.InventoryQuery;
import io.cocsync.inventory.InventoryRepository;
import io.cocsync.metrics.SyncMetrics;
import io.cocsync.storage.Database;
import io.cocsync.storage.SecretCipher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The sync engine with its services on a real embedded store, for tests: what the server's
 * composition root builds, minus HTTP, around the connectors a test chooses.
 */
public final class SyncFixture implements AutoCloseable {

    private final Database database;
    private final SyncExecutor executor;
    private final AccountService accounts;
    private final SyncService sync;
    private final InventoryRepository inventory;
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
        var json = ApiObjectMapper.create();
        this.database = database;
        var jdbi = database.jdbi();
        var accountRepository = new AccountRepository(jdbi, json,
                SecretCipher.fromKeyFile(dataDir.resolve("secret.key")));
        var tasks = new TaskRepository(jdbi, json);
        inventory = new InventoryRepository(jdbi, json);
        var queue = new TaskQueue(jdbi, "test-instance", clock, Duration.ofSeconds(30));
        var engine = new SyncEngine(jdbi, accountRepository, tasks, queue, inventory,
                new ConnectorRegistry(connectors), clock, limits, new SyncMetrics(meters));
        executor = new SyncExecutor(engine, queue, 2, Duration.ofMillis(50)).start();
        accounts = new AccountService(accountRepository, new AccountIds(clock), clock, database.groupCommit(),
                EndpointSchemePolicy.allowingPlainHttpTo(ServerConfig.Security.LOOPBACK));
        sync = new SyncService(jdbi, accountRepository, tasks, executor, clock, database.groupCommit());
    }

    public AccountService accounts() {
        return accounts;
    }

    public SyncService sync() {
        return sync;
    }

    public InventoryRepository inventory() {
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
