package io.cocsync.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The queue of sync tasks: the {@code sync_task} rows themselves, shared by every server instance
 * on the database. Contract:
 * <ul>
 * <li>A task is run by one instance at a time. An instance claims a waiting task, or one whose
 * lease expired, with an UPDATE that checks the version it read with the candidate: of two
 * instances that saw the same candidate, exactly one changes the row (portable to H2 and
 * PostgreSQL; no lock is held between statements).
 * <li>A claim is a lease until {@code lease_until}; {@link LeaseHeartbeat} renews it while the
 * task runs. A lease that expired means its owner stopped without releasing it (killed, or cut
 * off from the database): the task may be claimed again, from where its accounts stand.
 * <li>{@link #MAX_ATTEMPTS} claims in all; a task whose lease expires after its last one is failed
 * by whoever claims it next ({@link Candidate#exhausted}). A graceful stop releases the task without
 * using up an attempt.
 * <li>The owner's writes of an outcome first {@link #fence} the task: they roll back if the owner
 * lost it, so an instance that stalled past its lease cannot record over the new owner's run.
 * <li>Every time is read from the injected clock and bound as a parameter, never the database's
 * clock; instances sharing a database need clocks that agree to well within the lease.
 * </ul>
 */
public final class TaskQueue {

    static final int MAX_ATTEMPTS = 3;

    /** A task that may be claimed, as read: its version decides who wins the claim. */
    record Candidate(String id, long version, int attempts, OffsetDateTime created) {
        boolean exhausted() {
            return attempts >= MAX_ATTEMPTS;
        }
    }

    private final Jdbi jdbi;
    private final String owner;
    private final Clock clock;
    private final Duration lease;

    /**
     * @param owner this instance's id, unique per process (a restarted process is a new owner)
     * @param lease how long a claim lasts without renewal
     */
    public TaskQueue(Jdbi jdbi, String owner, Clock clock, Duration lease) {
        this.jdbi = jdbi;
        this.owner = owner;
        this.clock = clock;
        this.lease = lease;
    }

    String owner() {
        return owner;
    }

    Duration lease() {
        return lease;
    }

    /** Up to {@code max} tasks waiting, or whose lease expired, oldest first. */
    List<Candidate> candidates(int max) {
        OffsetDateTime now = now();
        // two reads, each in the order of ix_sync_task_queue, so each stops after its first rows:
        // one ordered read of both states sorted every waiting task on each wake-up of the poller
        return jdbi.withHandle(handle -> Stream.concat(
                        handle.createQuery(CANDIDATES + " WHERE status = 'WAITING'" + OLDEST_FIRST)
                                .bind("max", max)
                                .map(TaskQueue::candidate)
                                .stream(),
                        handle.createQuery(CANDIDATES + " WHERE status = 'RUNNING' AND lease_until <= :now"
                                        + OLDEST_FIRST)
                                .bind("now", now)
                                .bind("max", max)
                                .map(TaskQueue::candidate)
                                .stream())
                .sorted(Comparator.comparing(Candidate::created).thenComparing(Candidate::id))
                .limit(max)
                .toList());
    }

    private static final String CANDIDATES = "SELECT id, version, attempts, create_time FROM sync_task";
    /** "Oldest first" as ix_sync_task_queue orders it: status is fixed by the condition. */
    private static final String OLDEST_FIRST = " ORDER BY status, create_time, id LIMIT :max";

    private static Candidate candidate(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Candidate(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getObject(4, OffsetDateTime.class));
    }

    /** Claims the candidate for this instance; false if another instance changed it first. */
    boolean claim(Candidate candidate) {
        OffsetDateTime now = now();
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE sync_task SET status = 'RUNNING',"
                                + " owner = :owner, lease_until = :until, attempts = attempts + 1,"
                                + " version = version + 1, start_time = COALESCE(start_time, :now)"
                                + " WHERE id = :id AND version = :version")
                        .bind("owner", owner)
                        .bind("until", now.plus(lease))
                        .bind("now", now)
                        .bind("id", candidate.id())
                        .bind("version", candidate.version())
                        .execute())
                == 1;
    }

    /** Extends this instance's lease of the task; false if it no longer owns it. */
    boolean renew(String taskId) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE sync_task SET lease_until = :until"
                                + " WHERE id = :id AND owner = :owner AND status = 'RUNNING'")
                        .bind("until", now().plus(lease))
                        .bind("id", taskId)
                        .bind("owner", owner)
                        .execute())
                == 1;
    }

    /**
     * In the caller's transaction: checks that this instance still owns the running task and
     * locks its row until the transaction ends, so no other instance can claim it meanwhile.
     */
    void fence(Handle handle, String taskId) {
        int owned = handle.createUpdate("UPDATE sync_task SET version = version"
                        + " WHERE id = :id AND owner = :owner AND status = 'RUNNING'")
                .bind("id", taskId)
                .bind("owner", owner)
                .execute();
        if (owned != 1) {
            throw new SyncAborted(SyncAborted.Reason.LEASE_LOST, "Another server instance took over this sync.");
        }
    }

    /**
     * In the caller's transaction: gives the task back to the queue (a graceful stop), without
     * counting the claim as an attempt; any instance, this one after a restart too, may claim it.
     */
    void release(Handle handle, String taskId) {
        fence(handle, taskId);
        handle.createUpdate("UPDATE sync_task SET status = 'WAITING', owner = NULL, lease_until = NULL,"
                        + " attempts = attempts - 1, version = version + 1 WHERE id = :id")
                .bind("id", taskId)
                .execute();
    }

    /**
     * At the start of a server that has its database to itself (embedded H2 is locked to one
     * process): every running task's owner is gone, so the leases end now instead of later.
     */
    public int expireAll() {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE sync_task SET lease_until = :now WHERE status = 'RUNNING'")
                .bind("now", now())
                .execute());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
