package io.cocsync.sync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sync tasks claimed from the {@link TaskQueue} on a fixed number of threads. Contract: one
 * poller thread claims at most as many tasks as threads are free, at once when this instance
 * accepted a request or finished a task ({@link #wake}), else every poll interval: that is how
 * it picks up tasks that other instances accepted and tasks whose owner died. Waiting tasks are
 * rows, never held in memory, so a busy server neither rejects nor loses one. Each running task
 * is in the {@link LeaseHeartbeat} from its claim to the end of its run.
 */
public final class SyncExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncExecutor.class);
    static final String GIVEN_UP = "This sync was interrupted " + TaskQueue.MAX_ATTEMPTS + " times (the server"
            + " running it stopped or lost the database) and is given up; request it again.";

    private final SyncEngine engine;
    private final TaskQueue queue;
    private final LeaseHeartbeat heartbeat;
    private final Duration pollInterval;
    private final ExecutorService workers;
    private final Semaphore freeWorkers;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Thread poller;
    private volatile boolean closed;

    public SyncExecutor(SyncEngine engine, TaskQueue queue, int threads, Duration pollInterval) {
        this.engine = engine;
        this.queue = queue;
        this.heartbeat = new LeaseHeartbeat(queue);
        this.pollInterval = pollInterval;
        this.freeWorkers = new Semaphore(threads);
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "sync-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.poller = new Thread(this::pollUntilClosed, "sync-poller");
        poller.setDaemon(true);
    }

    /** Starts polling; a separate step so that nothing runs before the server is wired. */
    public SyncExecutor start() {
        heartbeat.start();
        poller.start();
        return this;
    }

    /** Asks the poller to look for tasks now instead of at its next interval. */
    void wake() {
        wakeUp.release();
    }

    private void pollUntilClosed() {
        while (!closed) {
            boolean contended = false;
            try {
                contended = claimWhatFits();
            } catch (RuntimeException e) {
                // the poller must outlive a database that is briefly away
                LOG.warn("could not look for sync tasks: {}", e.getMessage());
            }
            try {
                if (!contended) {
                    wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                }
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Claims and starts as many tasks as there are free threads; true if another instance won a
     * candidate, so that the next look comes at once.
     */
    boolean claimWhatFits() {
        int free = freeWorkers.availablePermits();
        if (free == 0) {
            return false;
        }
        List<TaskQueue.Candidate> candidates = queue.candidates(free);
        boolean contended = false;
        for (TaskQueue.Candidate candidate : candidates) {
            if (closed || !freeWorkers.tryAcquire()) {
                break;
            }
            if (heartbeat.holds(candidate.id())) {
                // still running here, its lease overdue (a stalled heartbeat): not a second run
                freeWorkers.release();
                continue;
            }
            if (!queue.claim(candidate)) {
                freeWorkers.release();
                contended = true;
                continue;
            }
            if (candidate.exhausted()) {
                LOG.warn("sync task {} was interrupted {} times; it is failed", candidate.id(), candidate.attempts());
                engine.fail(candidate.id(), GIVEN_UP);
                freeWorkers.release();
                continue;
            }
            heartbeat.hold(candidate.id());
            workers.execute(() -> run(candidate.id()));
        }
        return contended;
    }

    private void run(String taskId) {
        try {
            engine.run(taskId, () -> heartbeat.isLost(taskId));
        } finally {
            heartbeat.drop(taskId);
            freeWorkers.release();
            wake();
        }
    }

    /**
     * Stops claiming and lets running tasks end at their next page: they go back to the queue,
     * for another instance now or this one after its restart. Threads are interrupted only if
     * they do not stop within the grace time (an interrupt in the middle of a database write is
     * what this avoids).
     */
    @Override
    public void close() {
        closed = true;
        // woken, not interrupted: an interrupt during an H2 file write closes the database
        wake();
        try {
            poller.join(TimeUnit.SECONDS.toMillis(5));
            engine.stop();
            workers.shutdown();
            if (!workers.awaitTermination(15, TimeUnit.SECONDS)) {
                LOG.warn("sync threads did not stop within 15 s; interrupting them");
                workers.shutdownNow();
                workers.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            heartbeat.close();
        }
    }
}
