package io.cocsync.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes account ids of the shape Huawei Cloud uses (24 hex digits): seconds since the epoch,
 * five random bytes and a counter, so ids sort in creation order and marker paging follows it.
 */
public final class AccountIds {

    private final Clock clock;
    private final byte[] processPart = new byte[5];
    private final AtomicInteger counter;

    public AccountIds(Clock clock) {
        SecureRandom random = new SecureRandom();
        random.nextBytes(processPart);
        this.clock = clock;
        this.counter = new AtomicInteger(random.nextInt());
    }

    public String next() {
        long seconds = clock.instant().getEpochSecond();
        int count = counter.getAndIncrement();
        byte[] id = new byte[12];
        id[0] = (byte) (seconds >>> 24);
        id[1] = (byte) (seconds >>> 16);
        id[2] = (byte) (seconds >>> 8);
        id[3] = (byte) seconds;
        System.arraycopy(processPart, 0, id, 4, 5);
        id[9] = (byte) (count >>> 16);
        id[10] = (byte) (count >>> 8);
        id[11] = (byte) count;
        return HexFormat.of().formatHex(id);
    }
}
