package io.cocsync.sync;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sync tasks on a fixed number of background threads with a bounded queue. A task that
 * does not fit in the queue is failed at once with a message, never dropped silently.
 */
public final class SyncExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncExecutor.class);

    private final ThreadPoolExecutor pool;
    private final SyncEngine engine;

    public SyncExecutor(SyncEngine engine, int threads, int queueCapacity) {
        this.engine = engine;
        AtomicInteger number = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(queueCapacity), runnable -> {
                    Thread thread = new Thread(runnable, "sync-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    void submit(String taskId) {
        try {
            pool.execute(() -> engine.run(taskId));
        } catch (RejectedExecutionException e) {
            LOG.warn("sync task {} rejected: the queue is full or the server is stopping", taskId);
            engine.failUnstarted(taskId, "The server could not queue this sync (too many queued, or stopping);"
                    + " request it again later.");
        }
    }

    /** Stops taking tasks and interrupts running ones, waiting a bounded time for them to record it. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("sync threads did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
