package io.cocsync.connectors;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how long to wait before retrying a throttled or transiently failing vendor call:
 * bounded attempts, exponential backoff with full jitter, and the vendor's Retry-After when it
 * gives one (capped, so a vendor cannot park a sync for hours).
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    public static RetryPolicy standard() {
        return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The wait before attempt {@code attempt + 1}, after attempt number {@code attempt} (1-based) failed. */
    public Duration delayAfter(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
        }
        long ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }
}
