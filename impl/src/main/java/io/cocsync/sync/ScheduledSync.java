package io.cocsync.sync;

import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.VendorAccountNotFoundException;
import java.util.List;
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
        List<String> domains;
        try {
            domains = sync.domains();
        } catch (RuntimeException e) {
            LOG.error("scheduled sync could not read the domains", e);
            return;
        }
        // one task per domain and vendor: a task, like everything else, belongs to one domain
        for (String domain : domains) {
            for (CloudVendor vendor : CloudVendor.values()) {
                syncVendor(domain, vendor);
            }
        }
    }

    private void syncVendor(String domain, CloudVendor vendor) {
        try {
            String taskId = sync.requestSync(domain, vendor, null);
            LOG.info("scheduled sync of {} accounts of domain {}: task {}", vendor, domain, taskId);
        } catch (VendorAccountNotFoundException e) {
            // no account of this vendor: nothing to do
        } catch (RuntimeException e) {
            // a timer thread that dies stops every later run: log and carry on
            LOG.error("scheduled sync of {} accounts of domain {} could not start", vendor, domain, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
