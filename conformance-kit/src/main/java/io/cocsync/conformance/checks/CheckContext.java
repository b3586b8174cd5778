package io.cocsync.conformance.checks;

import io.cocsync.conformance.http.ApiTarget;
import io.cocsync.conformance.inventory.LocalInventory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a check works with: the deployment, and in full mode the kit's inventory and the accounts
 * it registers (each under the run's prefix, deleted by the clean-up whatever the checks did).
 */
public final class CheckContext {

    private final ApiTarget api;
    private final KitAccounts accounts;
    private final Duration syncTimeout;
    private final String prefix;
    private final AtomicInteger sequence = new AtomicInteger();

    public CheckContext(ApiTarget api, KitAccounts accounts, Duration syncTimeout, String prefix) {
        this.api = api;
        this.accounts = accounts;
        this.syncTimeout = syncTimeout;
        this.prefix = prefix;
    }

    public ApiTarget api() {
        return api;
    }

    /** The kit's accounts; only in full mode. */
    public KitAccounts accounts() {
        if (accounts == null) {
            throw new IllegalStateException("a read-only run registers no accounts");
        }
        return accounts;
    }

    public LocalInventory inventory() {
        return accounts().inventory();
    }

    public Duration syncTimeout() {
        return syncTimeout;
    }

    /** A name under the run's prefix that no other check of this run uses. */
    public String unique(String what) {
        return prefix + "-" + what + "-" + sequence.incrementAndGet();
    }

    public String prefix() {
        return prefix;
    }
}
