package io.cocsync.sync;

import io.cocsync.accounts.SyncState;
import io.cocsync.accounts.VendorAccount;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.inventory.InventoryWriter;
import io.cocsync.inventory.InventoryWriter.Target;
import io.cocsync.inventory.RegionCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's read, page by page, into the inventory, in one transaction (its snapshot). A
 * complete read ends with the swap: what the read did not see is removed, and the success is
 * recorded and committed with it. Any other ending leaves the transaction open and says how the
 * read ended ({@link Outcome}); {@link SyncEngine} decides what to commit, roll back or release
 * for each, in one place.
 *
 * <p>An account's first read commits each page as it is stored (see {@link SyncEngine}); the
 * run after an interrupted one finds those pages stored.
 */
final class AccountRead implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AccountRead.class);

    /** Records an account's outcome in the given transaction. */
    @FunctionalInterface
    interface OutcomeRecorder {
        void record(Handle handle, SyncState state, AccountProgress progress);
    }

    /** How a read ended. Every kind of ending names its one case: see {@link Cases}. */
    sealed interface Outcome permits Complete, Failed, Interrupted, BrokeOff {
        <R> R match(Cases<R> cases);
    }

    /**
     * What to do for each kind of ending. Java 17 has no pattern switch over a sealed type; until
     * the project moves to a Java that has one, {@link Outcome#match} stands in for it, and the
     * compiler refuses a {@code Cases} that leaves an ending out just as it would such a switch.
     */
    interface Cases<R> {
        R complete(Complete outcome);

        R failed(Failed outcome);

        R interrupted(Interrupted outcome);

        R brokeOff(BrokeOff outcome);
    }

    /** The whole account was read: the swap and the success are committed. */
    record Complete() implements Outcome {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.complete(this);
        }
    }

    /**
     * The vendor could not be read in full, or the account took longer than its limit: what was
     * read is still in the open transaction, nothing is removed.
     */
    record Failed(String message) implements Outcome {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.failed(this);
        }
    }

    /**
     * Stopped before its end: the server is stopping or the thread was interrupted (the task goes
     * back to the queue: {@code releasesTask}), or another instance took the task over.
     */
    record Interrupted(String message, boolean releasesTask) implements Outcome {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.interrupted(this);
        }
    }

    /**
     * A statement failed: the open transaction may be unusable (PostgreSQL aborts it), so nothing
     * of it may be kept.
     */
    record BrokeOff(RuntimeException cause) implements Outcome {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.brokeOff(this);
        }
    }

    /** How often a long read says in the log how far it got. */
    static final Duration PROGRESS_LOG_INTERVAL = Duration.ofSeconds(10);

    private final String taskId;
    private final VendorAccount account;
    private final TaskRepository tasks;
    private final TaskQueue queue;
    private final Clock clock;
    private final Duration timeLimit;
    private final BooleanSupplier stopping;
    private final BooleanSupplier leaseLost;
    private final AccountProgress progress = new AccountProgress();
    private final boolean firstRead;
    private final Handle snapshot;
    private final InventoryWriter.Run run;
    private final Instant started;

    /**
     * Opens the read's transaction.
     *
     * @param stopping whether the server is stopping; checked between pages, as {@code leaseLost} is
     */
    AccountRead(Jdbi jdbi, String taskId, VendorAccount account, InventoryWriter inventory, TaskRepository tasks,
            TaskQueue queue, Clock clock, Duration timeLimit, BooleanSupplier stopping, BooleanSupplier leaseLost) {
        this.taskId = taskId;
        this.account = account;
        this.tasks = tasks;
        this.queue = queue;
        this.clock = clock;
        this.timeLimit = timeLimit;
        this.stopping = stopping;
        this.leaseLost = leaseLost;
        this.firstRead = account.syncDate() == null;
        this.started = clock.instant();
        Target target = new Target(account.id(), account.vendor(), account.accountId(), UUID.randomUUID().toString());
        this.snapshot = jdbi.open();
        this.run = inventory.run(snapshot, target, firstRead);
    }

    /**
     * Reads the account through {@code connector} and, if it read all of it, swaps the inventory
     * and records the success with {@code recorder} in the same transaction. Never throws what
     * the read threw: that decides the outcome.
     */
    Outcome read(VendorConnector connector, OutcomeRecorder recorder) {
        Instant deadline = started.plus(timeLimit);
        Instant[] nextProgressLog = {started.plus(PROGRESS_LOG_INTERVAL)};
        try {
            snapshot.begin();
            // closed before the outcome is decided: no page is still being written when it is recorded
            try (PageWriter writer = new PageWriter(Thread.currentThread().getName() + "-writer", page -> {
                progress.add(run.writePage(page, now()));
                if (firstRead) {
                    snapshot.commit();
                    snapshot.begin();
                }
                tasks.recordProgress(taskId, account.id(), progress);
                if (clock.instant().isAfter(nextProgressLog[0])) {
                    nextProgressLog[0] = clock.instant().plus(PROGRESS_LOG_INTERVAL);
                    LOG.info("sync task {}: account {}: {} resource(s) read so far, {} region(s) begun", taskId,
                            account.accountId(), progress.total().read(), progress.regions().size());
                }
            })) {
                ConnectorCall.fetch(connector, ConnectorAccess.of(account), page -> {
                    checkMayContinue(deadline);
                    writer.accept(page);
                });
                writer.finish();
            }
            checkMayContinue(deadline);
            // the swap: what the run did not see goes in the transaction that records success
            // counted before the fence, which holds the task's row (the lease heartbeat renews
            // it) until the commit: counting may read every row of the account
            List<RegionCounts> removed = run.countUnseen();
            queue.fence(snapshot, taskId);
            run.removeUnseen();
            progress.add(removed);
            recorder.record(snapshot, SyncState.SUCCESS, progress);
            snapshot.commit();
            return new Complete();
        } catch (SyncAborted e) {
            return switch (e.reason()) {
                case TIME_LIMIT -> new Failed(e.getMessage());
                case STOPPING -> new Interrupted(e.getMessage(), true);
                case LEASE_LOST -> new Interrupted(e.getMessage(), false);
            };
        } catch (ConnectorException e) {
            return new Failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Interrupted("The thread that read it was interrupted.", true);
        } catch (RuntimeException e) {
            return new BrokeOff(e);
        }
    }

    private void checkMayContinue(Instant deadline) {
        if (leaseLost.getAsBoolean()) {
            throw new SyncAborted(SyncAborted.Reason.LEASE_LOST, "Another server instance took over this sync.");
        }
        if (stopping.getAsBoolean()) {
            throw new SyncAborted(SyncAborted.Reason.STOPPING, "The server is stopping; the sync will run again.");
        }
        if (clock.instant().isAfter(deadline)) {
            throw new SyncAborted(SyncAborted.Reason.TIME_LIMIT, "The sync took longer than its limit of "
                    + timeLimit.toMinutes() + " minute(s); nothing was removed.");
        }
    }

    /** Whether this is the account's first read, whose pages are committed as they are stored. */
    boolean firstRead() {
        return firstRead;
    }

    /** What the read has done so far, by region. */
    AccountProgress progress() {
        return progress;
    }

    /** How long the read has taken so far. */
    Duration elapsed() {
        return Duration.between(started, clock.instant());
    }

    /**
     * Commits what the read stored with the failure that {@code recorder} records, so the two are
     * never seen apart; nothing is removed.
     */
    void commitFailure(OutcomeRecorder recorder) {
        if (!snapshot.isInTransaction()) {
            // the read never began (no connector for the vendor): the failure still commits as one
            snapshot.begin();
        }
        queue.fence(snapshot, taskId);
        recorder.record(snapshot, SyncState.FAILED, progress);
        snapshot.commit();
    }

    /** Drops what the open transaction holds. */
    void rollback() {
        snapshot.rollback();
    }

    /**
     * Removes what an account's first read stored (the pages it committed, and any that an
     * interrupted first read left): nothing of the account is shown yet, so nothing shown changes.
     */
    void forgetFirstRead() {
        run.forgetFirstRead();
    }

    /** Ends the transaction, rolling back what no outcome committed, and gives the connection back. */
    @Override
    public void close() {
        try {
            if (snapshot.isInTransaction()) {
                snapshot.rollback();
            }
        } finally {
            snapshot.close();
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
