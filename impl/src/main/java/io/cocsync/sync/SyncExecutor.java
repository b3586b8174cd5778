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

    /**
     * Stops taking tasks and lets running ones end at their next page, recording that the
     * server stopped; threads are interrupted only if they do not finish within the grace time
     * (an interrupt in the middle of a database write is what this avoids).
     */
    @Override
    public void close() {
        pool.shutdown();
        engine.stop();
        try {
            if (!pool.awaitTermination(15, TimeUnit.SECONDS)) {
                LOG.warn("sync threads did not stop within 15 s; interrupting them");
                pool.shutdownNow();
                pool.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
