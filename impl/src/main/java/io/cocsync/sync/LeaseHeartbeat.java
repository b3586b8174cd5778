package io.cocsync.sync;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the leases of the tasks this instance runs: renews each a few times per lease, from one
 * background thread that survives every exception. A task whose renewal finds it owned by
 * another instance is reported as lost, and its run stops at its next page without recording
 * anything. Thread-safe: runs add and drop their tasks, the timer renews them.
 */
final class LeaseHeartbeat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseHeartbeat.class);
    /** Renewals per lease: two can fail (a slow database) before the lease runs out. */
    private static final int BEATS_PER_LEASE = 3;

    private final TaskQueue queue;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Set<String> lost = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lease-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    LeaseHeartbeat(TaskQueue queue) {
        this.queue = queue;
    }

    void start() {
        long period = Math.max(1, queue.lease().toMillis() / BEATS_PER_LEASE);
        timer.scheduleWithFixedDelay(this::renewAll, period, period, TimeUnit.MILLISECONDS);
    }

    void hold(String taskId) {
        lost.remove(taskId);
        held.add(taskId);
    }

    void drop(String taskId) {
        held.remove(taskId);
        lost.remove(taskId);
    }

    boolean holds(String taskId) {
        return held.contains(taskId);
    }

    boolean isLost(String taskId) {
        return lost.contains(taskId);
    }

    /** One beat; the timer calls it, tests call it with a settable clock. */
    void renewAll() {
        for (String taskId : held) {
            try {
                if (!queue.renew(taskId)) {
                    LOG.warn("sync task {}: another instance took it over; this one stops", taskId);
                    held.remove(taskId);
                    lost.add(taskId);
                }
            } catch (RuntimeException e) {
                // the database may be back at the next beat, within the lease
                LOG.warn("sync task {}: lease not renewed: {}", taskId, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
