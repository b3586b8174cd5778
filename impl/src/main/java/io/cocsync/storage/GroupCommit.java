package io.cocsync.storage;

import java.util.concurrent.locks.LockSupport;

/**
 * Makes committed transactions durable before an answer promises them, with one write to disk
 * for all the commits that wait at the same time (a group commit).
 *
 * <p>The embedded database writes its commits out in the background, a little later; writing
 * each commit at once cost a third of the CPU of a busy sync endpoint. An API answer that
 * reports a write (a registered account, an accepted task) calls {@link #awaitStored} after
 * the commit: it returns once a write that began after the call has ended, so everything
 * committed before the call is on disk. Commits that no answer reports (a sync's progress, its
 * end) are written by the background writer; a crash before then loses a consistent tail of
 * them, and the task is run again.
 */
public final class GroupCommit {

    /** Writes everything committed so far to disk. */
    @FunctionalInterface
    public interface Store {
        void storeCommitted();
    }

    private static final GroupCommit ALREADY_DURABLE = new GroupCommit(null);

    /**
     * How long a write waits before it begins, so that the commits of requests arriving meanwhile
     * join it: rows of tasks accepted close together share the pages at the right edge of their
     * indexes, which one write then stores once. Under many accounts' sync requests it raised the
     * endpoint's throughput by a few percent and lowered its p99; three milliseconds gathered no
     * more than one ({@code bench/run.sh api}).
     */
    static final long GATHER_NANOS = 1_000_000L;

    private final Store store;
    private long writesStarted;
    private long writesEnded;
    private boolean writing;

    private GroupCommit(Store store) {
        this.store = store;
    }

    /** For a database whose commits are durable when they return (PostgreSQL): waits for nothing. */
    public static GroupCommit alreadyDurable() {
        return ALREADY_DURABLE;
    }

    public static GroupCommit writingWith(Store store) {
        return new GroupCommit(store);
    }

    /**
     * Returns once everything committed before the call is stored. The caller either joins the
     * next write another caller starts or, if none is under way, does the write itself.
     */
    public void awaitStored() {
        if (store == null) {
            return;
        }
        long needed;
        synchronized (this) {
            // a write under way now may have begun before the caller's commit: only the next one counts
            needed = writesStarted + 1;
        }
        while (true) {
            synchronized (this) {
                while (writing && writesEnded < needed) {
                    waitForWrite();
                }
                if (writesEnded >= needed) {
                    return;
                }
                writing = true;
            }
            boolean stored = false;
            try {
                // callers arriving while this one gathers count on this write: it begins only now
                LockSupport.parkNanos(GATHER_NANOS);
                synchronized (this) {
                    writesStarted++;
                }
                store.storeCommitted();
                stored = true;
            } finally {
                synchronized (this) {
                    writing = false;
                    if (stored) {
                        writesEnded = writesStarted;
                    }
                    notifyAll();
                }
            }
        }
    }

    private void waitForWrite() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a commit to be stored", e);
        }
    }
}
