package io.cocsync.sync;

import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.ResourceSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Stores the pages a connector reads on a thread of its own, so that the connector already reads
 * the next page while the last one is written: a sync takes about as long as the slower of
 * reading and storing instead of both added up. Pages are stored one at a time in the order they
 * were read; the connector waits at each page until the one before is stored, so memory holds
 * two pages at the most. A write that fails is thrown to the connector at its next page, or by
 * {@link #finish}.
 */
final class PageWriter implements ResourceSink, AutoCloseable {

    private final ResourceSink store;
    private final ExecutorService thread;
    private Future<?> pending = CompletableFuture.completedFuture(null);

    /**
     * @param threadName the name of the writing thread, for the logs
     * @param store writes one page; runs on the writing thread only
     */
    PageWriter(String threadName, ResourceSink store) {
        this.store = store;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread writer = new Thread(runnable, threadName);
            writer.setDaemon(true);
            return writer;
        });
    }

    @Override
    public void accept(List<DiscoveredResource> page) {
        awaitPending();
        pending = thread.submit(() -> store.accept(page));
    }

    /** Returns once every page handed over is stored; throws what a write threw. */
    void finish() {
        awaitPending();
    }

    /** Waits for the page being written; throws what its write threw. */
    private void awaitPending() {
        waitUninterruptibly(() -> {
            try {
                pending.get();
                return true;
            } catch (ExecutionException e) {
                throw rethrown(e.getCause());
            }
        });
    }

    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("a page could not be stored", failure);
    }

    /**
     * Waits until the page being written is stored, then ends the writing thread. Never
     * interrupts it: an interrupt during an H2 file write closes the database.
     */
    @Override
    public void close() {
        thread.shutdown();
        waitUninterruptibly(() -> thread.awaitTermination(1, TimeUnit.MINUTES));
    }

    /** One wait that may be interrupted; true once what it waits for has happened. */
    private interface Wait {
        boolean done() throws InterruptedException;
    }

    /**
     * Waits without giving up on an interrupt (a page takes milliseconds to store), and keeps the
     * interrupt for the connector's next read to notice.
     */
    private static void waitUninterruptibly(Wait wait) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (wait.done()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
