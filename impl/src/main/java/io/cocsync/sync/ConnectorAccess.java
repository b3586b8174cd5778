package io.cocsync.sync;

import io.cocsync.accounts.VendorAccount;
import io.cocsync.connectors.AccountAccess;

/** What a connector is given of a stored account: where and how to read it, nothing else. */
final class ConnectorAccess {

    private ConnectorAccess() {}

    static AccountAccess of(VendorAccount account) {
        return new AccountAccess(account.endpoint(), account.ak(), account.sk(), account.tenantId(),
                account.subscriptionId(), account.regionIds());
    }
}
