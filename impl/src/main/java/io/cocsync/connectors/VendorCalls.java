package io.cocsync.connectors;

/**
 * Where a connector reports the outcome of each call it makes to its vendor: {@code ok},
 * {@code throttled}, {@code server_error}, {@code io_error} or {@code retried}.
 * Owned here, implemented by the service's metrics, so that connectors depend on no meter library.
 */
@FunctionalInterface
public interface VendorCalls {

    VendorCalls NONE = outcome -> {};

    void record(String outcome);

    /** Records the outcome an HTTP answer stands for: every answer but throttling and server errors is ok. */
    default void recordStatus(int status) {
        record(status == 429 ? "throttled" : status >= 500 ? "server_error" : "ok");
    }
}
