package io.cocsync.connectors;

import io.cocsync.accounts.CloudVendor;

/**
 * Reads one vendor's resources. A connector fetches page by page and hands each page to the
 * sink; it never touches storage. It returns normally only when every part of the account
 * (every region and resource type) was read: anything less is a {@link ConnectorException}.
 * Connectors are made by their vendor's {@link ConnectorFactory}.
 */
public interface VendorConnector {

    CloudVendor vendor();

    void fetch(AccountAccess account, ResourceSink sink) throws ConnectorException, InterruptedException;
}
