package io.cocsync.connectors;

import io.cocsync.accounts.CloudVendor;

/** Gives each vendor's connector the place to report its calls (see {@link VendorCalls}). */
@FunctionalInterface
public interface VendorCallMetrics {

    VendorCallMetrics NONE = vendor -> VendorCalls.NONE;

    VendorCalls vendorCalls(CloudVendor vendor);
}
