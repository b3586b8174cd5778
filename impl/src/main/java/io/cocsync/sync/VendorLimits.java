package io.cocsync.sync;

import io.cocsync.accounts.CloudVendor;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * At most {@code perVendor} accounts of one vendor are read at once, so that many accounts
 * synchronized together do not trip the vendor's rate limits for all of them.
 */
final class VendorLimits {

    private final Map<CloudVendor, Semaphore> permits = new EnumMap<>(CloudVendor.class);

    VendorLimits(int perVendor) {
        for (CloudVendor vendor : CloudVendor.values()) {
            permits.put(vendor, new Semaphore(perVendor, true));
        }
    }

    void acquire(CloudVendor vendor) throws InterruptedException {
        permits.get(vendor).acquire();
    }

    void release(CloudVendor vendor) {
        permits.get(vendor).release();
    }
}
