package io.cocsync.sync;

import io.cocsync.accounts.AccountRepository;
import io.cocsync.accounts.SyncState;
import io.cocsync.accounts.VendorAccount;
import io.cocsync.connectors.ConnectorRegistry;
import io.cocsync.inventory.InventoryReader;
import io.cocsync.inventory.InventoryWriter;
import io.cocsync.inventory.RegionCounts;
import io.cocsync.metrics.SyncMetrics;
import io.cocsync.storage.StorageUnavailable;
import io.cocsync.sync.SyncTask.AccountOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sync task: each account in turn is read through its vendor's connector, page by
 * page into the inventory, in one transaction per account that also records its outcome. Only a
 * complete read removes resources the vendor no longer has; a failed read updates what it read
 * and removes nothing; an interrupted read (a stop, a lost lease, a crash) changes nothing. Every
 * write of an outcome is fenced by the task's lease ({@link TaskQueue}).
 *
 * <p>An account's first read is the exception: it commits each page as it is stored. Its
 * resources stay out of sight all the same, because the inventory shows only accounts that have
 * finished a sync ({@link InventoryReader}), and the outcome that makes them visible is
 * committed last, as for any read. A first read holds nothing old to protect, and one
 * transaction over a large estate cost the embedded database a second pass over every row at
 * its commit, about a tenth of the time of a first sync of 100,000 resources.
 */
public final class SyncEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

    private final Jdbi jdbi;
    private final AccountRepository accounts;
    private final TaskRepository tasks;
    private final InventoryWriter inventory;
    private final ConnectorRegistry connectors;
    private final Clock clock;

    private final SyncMetrics metrics;
    private final VendorLimits vendorLimits;
    private final Duration accountTimeLimit;
    private final TaskQueue queue;
    private final AccountClaims claims = new AccountClaims();
    private volatile boolean stopping;
    /** What is wrong with storage as a whole (a full disk), when a failure's own exception no longer says. */
    private volatile Supplier<Optional<String>> storageProblem = Optional::empty;
    /** A failure's record waits out a moment of storage being away (H2 reopening after a full disk). */
    private final BriefOutages outcomeWrites = new BriefOutages(Duration.ofSeconds(15));

    public SyncEngine(Jdbi jdbi, AccountRepository accounts, TaskRepository tasks,
            TaskQueue queue, InventoryWriter inventory, ConnectorRegistry connectors, Clock clock, Limits limits,
            SyncMetrics metrics) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.tasks = tasks;
        this.queue = queue;
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

    /** How one account's part of a run ended. */
    private enum AccountEnd {
        SUCCESS,
        FAILED,
        /** Stopped before its outcome: the task was released (stopping) or taken over (lease lost). */
        INTERRUPTED
    }

    /**
     * Has failures that break off a sync name {@code problem}'s answer, when it has one: after H2
     * closed a database whose disk filled, the exception a sync sees says only that its
     * connection closed.
     */
    public SyncEngine explainingStorageFailuresWith(Supplier<Optional<String>> problem) {
        this.storageProblem = problem;
        return this;
    }

    /** The sentence for a sync broken off by {@code failure}: what storage says is wrong, else {@code otherwise}. */
    private String storageFailure(RuntimeException failure, String otherwise) {
        return storageProblem.get().or(() -> StorageUnavailable.describe(failure)).orElse(otherwise);
    }

    /**
     * Runs a task that this instance claimed to its end, or until the server stops (then the task
     * goes back to the queue) or another instance takes it over. Accounts that an earlier run of
     * the task finished keep their outcome; the others are read from their start. Never throws,
     * so the thread that runs it survives anything.
     *
     * @param leaseLost whether another instance took the task over; checked between pages
     */
    public void run(String taskId, BooleanSupplier leaseLost) {
        try {
            Optional<SyncTask> found = tasks.find(taskId);
            if (found.isEmpty()) {
                LOG.warn("sync task {} vanished before it ran", taskId);
                return;
            }
            SyncTask task = found.get();
            if (stopping) {
                jdbi.useTransaction(handle -> release(handle, taskId));
                return;
            }
            LOG.info("sync task {} started: {} account(s) of {}", taskId, task.accounts().size(), task.vendor());
            int failed = 0;
            for (AccountOutcome account : task.accounts()) {
                if (!account.status().isActive()) {
                    failed += account.status() == SyncState.FAILED ? 1 : 0;
                    continue;
                }
                AccountEnd end = syncAccount(taskId, account.vendorAccountId(), leaseLost);
                if (end == AccountEnd.INTERRUPTED) {
                    return;
                }
                failed += end == AccountEnd.FAILED ? 1 : 0;
            }
            SyncState state = failed == 0 ? SyncState.SUCCESS : SyncState.FAILED;
            String message = failed == 0 ? null
                    : failed + " of " + task.accounts().size() + " account(s) failed; see each account's failure_msg.";
            OffsetDateTime now = now();
            jdbi.useTransaction(handle -> {
                queue.fence(handle, taskId);
                tasks.markTaskFinished(handle, taskId, state, message, now);
            });
            metrics.taskFinished(task.vendor(), state);
            LOG.info("sync task {} finished: {}", taskId, state);
        } catch (SyncAborted e) {
            LOG.warn("sync task {}: {}", taskId, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("sync task {} broke off", taskId, e);
            fail(taskId, storageFailure(e, "Internal error while running this sync; the server log has the details."));
        }
    }

    /**
     * Ends a task that this instance claimed, with every account it has not finished, as failed
     * (it broke off, or was interrupted too often); nothing is removed.
     */
    void fail(String taskId, String message) {
        OffsetDateTime now = now();
        try {
            outcomeWrites.write(() -> tasks.find(taskId).ifPresent(task -> jdbi.useTransaction(handle -> {
                queue.fence(handle, taskId);
                for (AccountOutcome account : task.accounts()) {
                    if (account.status().isActive()) {
                        AccountProgress progress = new AccountProgress();
                        progress.failed(message);
                        recordOutcome(handle, taskId, account.vendorAccountId(), SyncState.FAILED, progress, now);
                    }
                }
                tasks.markTaskFinished(handle, taskId, SyncState.FAILED, message, now);
            })));
        } catch (RuntimeException e) {
            LOG.error("could not record the failure of sync task {}", taskId, e);
        }
    }

    private AccountEnd syncAccount(String taskId, String vendorAccountId, BooleanSupplier leaseLost) {
        AccountProgress progress = new AccountProgress();
        Optional<VendorAccount> found = accounts.find(vendorAccountId);
        if (found.isEmpty()) {
            return finishDeleted(taskId, vendorAccountId, progress);
        }
        VendorAccount account = found.get();
        try {
            vendorLimits.acquire(account.vendor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jdbi.useTransaction(handle -> release(handle, taskId));
            return AccountEnd.INTERRUPTED;
        }
        try {
            return read(taskId, account, progress, leaseLost);
        } finally {
            vendorLimits.release(account.vendor());
        }
    }

    private AccountEnd read(String taskId, VendorAccount account, AccountProgress progress,
            BooleanSupplier leaseLost) {
        String vendorAccountId = account.id();
        boolean exists = jdbi.inTransaction(handle -> {
            queue.fence(handle, taskId);
            tasks.markAccountRunning(handle, taskId, vendorAccountId, now());
            return accounts.markState(handle, vendorAccountId, SyncState.RUNNING, now());
        });
        if (!exists) {
            return finishDeleted(taskId, vendorAccountId, progress);
        }
        // The account's whole read is one transaction, which also records its outcome: a crash at
        // any moment leaves the inventory as the last finished sync left it, never part old and
        // part new. Readers meanwhile see the committed inventory.
        try (AccountRead read = new AccountRead(jdbi, taskId, account, inventory, tasks, queue, clock,
                accountTimeLimit, () -> stopping, leaseLost)) {
            AccountRead.Outcome outcome = connectors.forVendor(account.vendor())
                    .map(connector -> read.read(connector, recorder(taskId, vendorAccountId)))
                    .orElseGet(() -> new AccountRead.Failed("Synchronizing " + account.vendor()
                            + " accounts is not supported by this server version."));
            return outcome.match(new OutcomeRecords(taskId, account, read));
        }
    }

    /**
     * What each way a read can end commits, rolls back or releases, and what it reports: the one
     * place that decides it for every outcome ({@link AccountRead.Cases} is exhaustive).
     */
    private final class OutcomeRecords implements AccountRead.Cases<AccountEnd> {

        private final String taskId;
        private final VendorAccount account;
        private final AccountRead read;

        OutcomeRecords(String taskId, VendorAccount account, AccountRead read) {
            this.taskId = taskId;
            this.account = account;
            this.read = read;
        }

        /** The swap and the success are committed already, in the read's transaction. */
        @Override
        public AccountEnd complete(AccountRead.Complete outcome) {
            RegionCounts total = read.progress().total();
            metrics.accountFinished(account.vendor(), SyncState.SUCCESS, read.elapsed(), total);
            LOG.info("sync task {}: account {} read {} resource(s), added {}, updated {}, removed {}", taskId,
                    account.accountId(), total.read(), total.added(), total.updated(), total.removed());
            return AccountEnd.SUCCESS;
        }

        /**
         * A read that failed part way: what it read updates the inventory and nothing is removed,
         * committed with the failure, so the two are never seen apart.
         */
        @Override
        public AccountEnd failed(AccountRead.Failed outcome) {
            AccountProgress progress = read.progress();
            progress.failed(outcome.message());
            LOG.warn("sync task {}: account {} failed: {}", taskId, account.accountId(), outcome.message());
            read.commitFailure(recorder(taskId, account.id()));
            metrics.accountFinished(account.vendor(), SyncState.FAILED, read.elapsed(), progress.total());
            return AccountEnd.FAILED;
        }

        /**
         * Nothing is recorded: the run that goes on (after a restart, or on the instance that took
         * over) reads the account anew. A stopping server gives the task back to the queue.
         */
        @Override
        public AccountEnd interrupted(AccountRead.Interrupted outcome) {
            read.rollback();
            if (outcome.releasesTask()) {
                jdbi.useTransaction(handle -> release(handle, taskId));
            }
            LOG.info("sync task {}: account {} interrupted: {}", taskId, account.accountId(), outcome.message());
            return AccountEnd.INTERRUPTED;
        }

        /**
         * The read is dropped, and so are its counts (the task's counts always match the
         * inventory); the failure is recorded in a transaction of its own.
         */
        @Override
        public AccountEnd brokeOff(AccountRead.BrokeOff outcome) {
            read.rollback();
            if (read.firstRead()) {
                // its committed pages would show with the outcome: "nothing was changed" removes them
                read.forgetFirstRead();
            }
            LOG.error("sync task {}: account {} broke off", taskId, account.accountId(), outcome.cause());
            AccountProgress nothingKept = new AccountProgress();
            nothingKept.failed(storageFailure(outcome.cause(), "Internal error while storing resources; nothing was changed.")
                    + " The server log has the details of task " + taskId + ".");
            outcomeWrites.write(() -> jdbi.useTransaction(handle -> {
                queue.fence(handle, taskId);
                recordOutcome(handle, taskId, account.id(), SyncState.FAILED, nothingKept, now());
            }));
            metrics.accountFinished(account.vendor(), SyncState.FAILED, read.elapsed(), nothingKept.total());
            return AccountEnd.FAILED;
        }
    }

    private AccountRead.OutcomeRecorder recorder(String taskId, String vendorAccountId) {
        return (handle, state, progress) -> recordOutcome(handle, taskId, vendorAccountId, state, progress, now());
    }

    /** Asks running syncs to stop at their next page; their tasks go back to the queue. */
    void stop() {
        stopping = true;
    }

    /**
     * Gives the task back to the queue; the account being read shows "waiting" again, and its
     * next run reads it from the start (what this run read was rolled back).
     */
    private void release(Handle handle, String taskId) {
        queue.release(handle, taskId);
        OffsetDateTime now = now();
        for (String vendorAccountId : tasks.resetRunningAccounts(handle, taskId)) {
            accounts.markState(handle, vendorAccountId, SyncState.WAITING, now);
        }
        LOG.info("sync task {} released: it runs again when a server takes it", taskId);
    }

    /** Records one account's outcome on the task and the account, and ends its claim. */
    private void recordOutcome(Handle handle, String taskId, String vendorAccountId, SyncState state,
            AccountProgress progress, OffsetDateTime now) {
        tasks.markAccountFinished(handle, taskId, vendorAccountId, state, progress, now);
        accounts.markFinished(handle, vendorAccountId, state, progress.failureMsg(), now);
        claims.release(handle, taskId, vendorAccountId);
    }

    private AccountEnd finishDeleted(String taskId, String vendorAccountId, AccountProgress progress) {
        progress.failed("The vendor account was deleted before its sync started.");
        OffsetDateTime now = now();
        jdbi.useTransaction(handle -> {
            queue.fence(handle, taskId);
            tasks.markAccountFinished(handle, taskId, vendorAccountId, SyncState.FAILED, progress, now);
        });
        return AccountEnd.FAILED;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
