package io.cocsync.sync;

import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.ResourceSink;
import io.cocsync.connectors.VendorConnector;
import java.net.URISyntaxException;

/**
 * One connector's read of an account, with its failures told apart from the engine's. An
 * endpoint that no connector can call (stored before endpoints were checked, or past a rule the
 * check misses) makes {@code java.net.URI} or the HTTP client throw an IllegalArgumentException;
 * left alone it would reach the engine's catch-all and be reported as a storage failure. Here it
 * becomes the account's failure, in words the user can act on. What the sink throws (storage
 * and the engine's own stops) passes through unchanged.
 */
final class ConnectorCall {

    private ConnectorCall() {}

    static void fetch(VendorConnector connector, AccountAccess access, ResourceSink sink)
            throws ConnectorException, InterruptedException {
        try {
            connector.fetch(access, page -> {
                try {
                    sink.accept(page);
                } catch (RuntimeException e) {
                    throw new SinkFailure(e);
                }
            });
        } catch (SinkFailure e) {
            throw e.failure;
        } catch (IllegalArgumentException e) {
            if (!isAboutAnAddress(e)) {
                throw e;
            }
            throw new ConnectorException("The account's endpoint is not usable: " + e.getMessage(), e);
        }
    }

    /** Raised by URI parsing or by the HTTP client's request builder, not by the connector's own logic. */
    static boolean isAboutAnAddress(IllegalArgumentException e) {
        if (e.getCause() instanceof URISyntaxException) {
            return true;
        }
        StackTraceElement[] trace = e.getStackTrace();
        if (trace.length == 0) {
            return false;
        }
        String thrower = trace[0].getClassName();
        return thrower.startsWith("java.net.") || thrower.startsWith("jdk.internal.net.http.");
    }

    /** Carries what the sink threw past the classification above. */
    private static final class SinkFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final RuntimeException failure;

        SinkFailure(RuntimeException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }
}
