package io.cocsync.sync;

import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.VendorAccountNotFoundException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synchronizes every registered account at a fixed interval, through the same path as the API
 * (so an account whose sync is still running is not started twice). Off unless configured.
 */
public final class ScheduledSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledSync.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scheduled-sync");
        thread.setDaemon(true);
        return thread;
    });
    private final SyncService sync;

    private ScheduledSync(SyncService sync) {
        this.sync = sync;
    }

    public static ScheduledSync every(Duration interval, SyncService sync) {
        ScheduledSync scheduled = new ScheduledSync(sync);
        long millis = interval.toMillis();
        scheduled.timer.scheduleWithFixedDelay(scheduled::syncEveryVendor, millis, millis, TimeUnit.MILLISECONDS);
        LOG.info("every account is synchronized every {}", interval);
        return scheduled;
    }

    private void syncEveryVendor() {
        for (CloudVendor vendor : CloudVendor.values()) {
            try {
                String taskId = sync.requestSync(vendor, null);
                LOG.info("scheduled sync of {} accounts: task {}", vendor, taskId);
            } catch (VendorAccountNotFoundException e) {
                // no account of this vendor: nothing to do
            } catch (RuntimeException e) {
                // a timer thread that dies stops every later run: log and carry on
                LOG.error("scheduled sync of {} accounts could not start", vendor, e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
