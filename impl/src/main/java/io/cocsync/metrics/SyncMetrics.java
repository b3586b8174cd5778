package io.cocsync.metrics;

import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.SyncState;
import io.cocsync.connectors.VendorCallMetrics;
import io.cocsync.connectors.VendorCalls;
import io.cocsync.inventory.RegionCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/** What the sync engine reports: tasks and accounts by vendor and outcome, durations, resource changes. */
public final class SyncMetrics implements VendorCallMetrics {

    private final MeterRegistry registry;

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void taskFinished(CloudVendor vendor, SyncState outcome) {
        Counter.builder("coc.sync.tasks").description("Sync tasks finished, by vendor and outcome")
                .tags("vendor", vendor.name(), "outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    public void accountFinished(CloudVendor vendor, SyncState outcome, Duration took, RegionCounts total) {
        String outcomeTag = outcome.name().toLowerCase(Locale.ROOT);
        Timer.builder("coc.sync.account.duration").description("Time to sync one account")
                .tags("vendor", vendor.name(), "outcome", outcomeTag)
                .publishPercentileHistogram()
                .register(registry).record(took);
        resources(vendor, "read", total.read());
        resources(vendor, "added", total.added());
        resources(vendor, "updated", total.updated());
        resources(vendor, "removed", total.removed());
    }

    private void resources(CloudVendor vendor, String change, long count) {
        Counter.builder("coc.sync.resources").description("Resources read and written by syncs")
                .tags("vendor", vendor.name(), "change", change)
                .register(registry).increment(count);
    }

    /** The vendor-call meters of one vendor, for its connector's calls (HTTP and SDK alike). */
    @Override
    public VendorCalls vendorCalls(CloudVendor vendor) {
        return outcome -> Counter.builder("coc.vendor.calls")
                .description("Calls to vendor APIs by outcome: ok, throttled, server_error, io_error, retried")
                .tags("vendor", vendor.name(), "outcome", outcome)
                .register(registry).increment();
    }
}
