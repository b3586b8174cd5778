package io.cocsync.storage;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids of new rows (resources, sync tasks) as UUIDs in the layout of version 7 (RFC 9562): the
 * Unix time in milliseconds first, then a counter, then random bits. Ids made later sort later,
 * so the indexes over them grow at their right edge: with random (version 4) ids, each page of a
 * sync dirtied a different index page for almost every row, and each accepted task a different
 * page of each of its tables, which the embedded store then rewrote.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Keeps ids of the same millisecond in the order they were made (12 bits, wrapping). */
    private final AtomicLong counter = new AtomicLong();

    public UUID next() {
        long millis = System.currentTimeMillis();
        long sequence = counter.getAndIncrement() & 0xfff;
        long high = (millis << 16) | 0x7000 | sequence;
        long low = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
