package io.cocsync.connectors;

import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.VendorAccount;

/**
 * Reads one vendor's resources. A connector fetches page by page and hands each page to the
 * sink; it never touches storage. It returns normally only when every part of the account
 * (every region and resource type) was read: anything less is a {@link ConnectorException}.
 */
public interface VendorConnector {

    CloudVendor vendor();

    void fetch(VendorAccount account, ResourceSink sink) throws ConnectorException, InterruptedException;
}
