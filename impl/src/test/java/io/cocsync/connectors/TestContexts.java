package io.cocsync.connectors;

import java.time.Duration;

/** Connector contexts for tests: the server's, with waits short enough for tests. */
public final class TestContexts {

    private TestContexts() {}

    /** Four attempts, a few milliseconds apart; five seconds per call. */
    public static ConnectorContext fast() {
        return fast(4, Duration.ofSeconds(5));
    }

    public static ConnectorContext fast(int attempts, Duration callTimeout) {
        return ConnectorContext.of(callTimeout)
                .withRetry(new RetryPolicy(attempts, Duration.ofMillis(1), Duration.ofMillis(attempts <= 2 ? 5 : 20)));
    }
}
