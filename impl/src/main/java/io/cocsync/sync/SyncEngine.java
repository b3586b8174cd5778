package io.cocsync.sync;

import io.cocsync.accounts.AccountRepository;
import io.cocsync.accounts.SyncState;
import io.cocsync.accounts.VendorAccount;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.ConnectorRegistry;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.inventory.InventoryRepository;
import io.cocsync.inventory.InventoryRepository.Target;
import io.cocsync.inventory.RegionCounts;
import io.cocsync.metrics.SyncMetrics;
import io.cocsync.sync.SyncTask.AccountOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sync task: each account in turn is read through its vendor's connector, page by
 * page into the inventory. Only a complete read removes resources the vendor no longer has;
 * a failed read updates what it read and removes nothing.
 */
public final class SyncEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

    private final Jdbi jdbi;
    private final AccountRepository accounts;
    private final TaskRepository tasks;
    private final InventoryRepository inventory;
    private final ConnectorRegistry connectors;
    private final Clock clock;
    static final String STOPPING = "The server stopped before this sync finished; nothing was removed.";

    /** How often a long sync says in the log how far it got. */
    static final Duration PROGRESS_LOG_INTERVAL = Duration.ofSeconds(10);

    private final SyncMetrics metrics;
    private final VendorLimits vendorLimits;
    private final Duration accountTimeLimit;
    private volatile boolean stopping;
    /** One sync at a time per account in this process, whatever tasks cover it. */
    private final ConcurrentHashMap<String, ReentrantLock> accountLocks = new ConcurrentHashMap<>();

    public SyncEngine(Jdbi jdbi, AccountRepository accounts, TaskRepository tasks, InventoryRepository inventory,
            ConnectorRegistry connectors, Clock clock, Limits limits, SyncMetrics metrics) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.tasks = tasks;
        this.inventory = inventory;
        this.connectors = connectors;
        this.clock = clock;
        this.metrics = metrics;
        this.vendorLimits = new VendorLimits(limits.accountsPerVendor());
        this.accountTimeLimit = limits.accountTimeLimit();
    }

    /**
     * @param accountsPerVendor accounts of one vendor read at once
     * @param accountTimeLimit the longest one account's sync may take
     */
    public record Limits(int accountsPerVendor, Duration accountTimeLimit) {
        public static Limits defaults() {
            return new Limits(2, Duration.ofHours(1));
        }
    }

    /** Runs the task to its end; never throws, so the thread that runs it survives anything. */
    public void run(String taskId) {
        try {
            Optional<SyncTask> found = tasks.find(taskId);
            if (found.isEmpty()) {
                LOG.warn("sync task {} vanished before it ran", taskId);
                return;
            }
            SyncTask task = found.get();
            if (stopping) {
                failUnstarted(taskId, STOPPING);
                return;
            }
            LOG.info("sync task {} started: {} account(s) of {}", taskId, task.accounts().size(), task.vendor());
            tasks.markTaskRunning(taskId, now());
            int failed = 0;
            for (AccountOutcome account : task.accounts()) {
                if (!syncAccount(taskId, account.vendorAccountId())) {
                    failed++;
                }
            }
            SyncState state = failed == 0 ? SyncState.SUCCESS : SyncState.FAILED;
            String message = failed == 0 ? null
                    : failed + " of " + task.accounts().size() + " account(s) failed; see each account's failure_msg.";
            tasks.markTaskFinished(taskId, state, message, now());
            metrics.taskFinished(task.vendor(), state);
            LOG.info("sync task {} finished: {}", taskId, state);
        } catch (RuntimeException e) {
            LOG.error("sync task {} broke off", taskId, e);
            failUnstarted(taskId, "Internal error while running this sync; the server log has the details.");
        }
    }

    /** Ends a task that could not run, with every account it covers, as failed. */
    void failUnstarted(String taskId, String message) {
        OffsetDateTime now = now();
        try {
            tasks.find(taskId).ifPresent(task -> {
                for (AccountOutcome account : task.accounts()) {
                    if (account.status().isActive()) {
                        AccountProgress progress = new AccountProgress();
                        progress.failed(message);
                        finish(taskId, account.vendorAccountId(), SyncState.FAILED, progress);
                    }
                }
                tasks.markTaskFinished(taskId, SyncState.FAILED, message, now);
            });
        } catch (RuntimeException e) {
            LOG.error("could not record the failure of sync task {}", taskId, e);
        }
    }

    private boolean syncAccount(String taskId, String vendorAccountId) {
        ReentrantLock lock = accountLocks.computeIfAbsent(vendorAccountId, id -> new ReentrantLock());
        lock.lock();
        try {
            return syncLocked(taskId, vendorAccountId);
        } finally {
            lock.unlock();
        }
    }

    private boolean syncLocked(String taskId, String vendorAccountId) {
        AccountProgress progress = new AccountProgress();
        Optional<VendorAccount> found = accounts.find(vendorAccountId);
        if (found.isEmpty()) {
            progress.failed("The vendor account was deleted before its sync started.");
            finishTaskAccountOnly(taskId, vendorAccountId, progress);
            return false;
        }
        VendorAccount account = found.get();
        try {
            vendorLimits.acquire(account.vendor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.failed(STOPPING);
            finish(taskId, vendorAccountId, SyncState.FAILED, progress);
            return false;
        }
        try {
            return read(taskId, account, progress);
        } finally {
            vendorLimits.release(account.vendor());
        }
    }

    private boolean read(String taskId, VendorAccount account, AccountProgress progress) {
        String vendorAccountId = account.id();
        boolean exists = jdbi.inTransaction(handle -> {
            tasks.markAccountRunning(handle, taskId, vendorAccountId, now());
            return accounts.markState(handle, vendorAccountId, SyncState.RUNNING, now());
        });
        if (!exists) {
            progress.failed("The vendor account was deleted before its sync started.");
            finishTaskAccountOnly(taskId, vendorAccountId, progress);
            return false;
        }
        Target target = new Target(account.id(), account.vendor(), account.accountId(), taskId);
        Instant started = clock.instant();
        Instant deadline = started.plus(accountTimeLimit);
        Instant[] nextProgressLog = {started.plus(PROGRESS_LOG_INTERVAL)};
        try {
            VendorConnector connector = connectors.forVendor(account.vendor())
                    .orElseThrow(() -> new ConnectorException("Synchronizing " + account.vendor()
                            + " accounts is not supported by this server version."));
            connector.fetch(account, page -> {
                checkMayContinue(deadline);
                progress.add(inventory.writePage(target, page, now()));
                tasks.recordProgress(taskId, vendorAccountId, progress);
                if (clock.instant().isAfter(nextProgressLog[0])) {
                    nextProgressLog[0] = clock.instant().plus(PROGRESS_LOG_INTERVAL);
                    LOG.info("sync task {}: account {}: {} resource(s) read so far, {} region(s) begun", taskId,
                            account.accountId(), progress.total().read(), progress.regions().size());
                }
            });
            checkMayContinue(deadline);
            progress.add(inventory.removeUnseen(target));
            finish(taskId, vendorAccountId, SyncState.SUCCESS, progress);
            RegionCounts total = progress.total();
            metrics.accountFinished(account.vendor(), SyncState.SUCCESS, Duration.between(started, clock.instant()),
                    total);
            LOG.info("sync task {}: account {} read {} resource(s), added {}, updated {}, removed {}", taskId,
                    account.accountId(), total.read(), total.added(), total.updated(), total.removed());
            return true;
        } catch (ConnectorException | SyncAborted e) {
            progress.failed(e.getMessage());
            LOG.warn("sync task {}: account {} failed: {}", taskId, account.accountId(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.failed(STOPPING);
        } catch (RuntimeException e) {
            LOG.error("sync task {}: account {} broke off", taskId, account.accountId(), e);
            progress.failed("Internal error while storing resources; nothing was removed."
                    + " The server log has the details of task " + taskId + ".");
        }
        finish(taskId, vendorAccountId, SyncState.FAILED, progress);
        metrics.accountFinished(account.vendor(), SyncState.FAILED, Duration.between(started, clock.instant()),
                progress.total());
        return false;
    }

    private void checkMayContinue(Instant deadline) {
        if (stopping) {
            throw new SyncAborted(STOPPING);
        }
        if (clock.instant().isAfter(deadline)) {
            throw new SyncAborted("The sync took longer than its limit of " + accountTimeLimit.toMinutes()
                    + " minute(s); nothing was removed.");
        }
    }

    /** Asks running syncs to stop at their next page; they record themselves as failed. */
    void stop() {
        stopping = true;
    }

    private void finish(String taskId, String vendorAccountId, SyncState state, AccountProgress progress) {
        OffsetDateTime now = now();
        jdbi.useTransaction(handle -> {
            tasks.markAccountFinished(handle, taskId, vendorAccountId, state, progress, now);
            accounts.markFinished(handle, vendorAccountId, state, progress.failureMsg(), now);
        });
    }

    private void finishTaskAccountOnly(String taskId, String vendorAccountId, AccountProgress progress) {
        jdbi.useHandle(handle -> tasks.markAccountFinished(
                handle, taskId, vendorAccountId, SyncState.FAILED, progress, now()));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
