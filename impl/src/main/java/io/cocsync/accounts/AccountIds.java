package io.cocsync.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Makes account ids of the shape Huawei Cloud uses (24 hex digits): the creation time in
 * milliseconds (6 bytes), then 6 random bytes, so ids sort in creation order and marker paging
 * follows it. No counter is shared between callers: two ids made one after the other by
 * different tenants tell nothing of how many were made in between. Within one millisecond the
 * random part of the next id is the last one plus a random step (at least 1), which keeps the
 * order without counting.
 */
public final class AccountIds {

    private static final long RANDOM_BITS = 48;
    private static final long RANDOM_MASK = (1L << RANDOM_BITS) - 1;
    /** Room left above a fresh random part, so that steps within a millisecond rarely run out of it. */
    private static final long FRESH_MASK = RANDOM_MASK >>> 1;
    private static final int MAX_STEP = 1 << 20;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private long lastRandom;

    public AccountIds(Clock clock) {
        this.clock = clock;
    }

    public synchronized String next() {
        long millis = clock.millis();
        long part;
        if (millis <= lastMillis) {
            millis = lastMillis;
            part = lastRandom + 1 + random.nextInt(MAX_STEP);
            if (part > RANDOM_MASK) {
                // this millisecond's room is used up: borrow the next one, still in order
                millis++;
                part = random.nextLong() & FRESH_MASK;
            }
        } else {
            part = random.nextLong() & FRESH_MASK;
        }
        lastMillis = millis;
        lastRandom = part;
        byte[] id = new byte[12];
        for (int i = 0; i < 6; i++) {
            id[i] = (byte) (millis >>> (8 * (5 - i)));
            id[6 + i] = (byte) (part >>> (8 * (5 - i)));
        }
        return HexFormat.of().formatHex(id);
    }
}
