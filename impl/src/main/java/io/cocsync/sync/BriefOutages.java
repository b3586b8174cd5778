package io.cocsync.sync;

import io.cocsync.storage.StorageUnavailable;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes a task's outcome through a brief storage outage. When a sync breaks off because the
 * database went away or its disk filled, the very write that records the failure may meet the
 * same outage: H2 closes a database whose write failed and opens it again a moment later, once
 * the disk reserve has been given up. Left to fail, that write would leave the task claimed until
 * its lease ran out and another run read the whole account again. So the write is tried again,
 * a quarter of a second apart, for as long as storage says it is away and at most for
 * {@code patience}; any other failure, or one that outlasts the patience, is thrown as it came.
 */
final class BriefOutages {

    private static final Duration PAUSE = Duration.ofMillis(250);

    private final Duration patience;

    BriefOutages(Duration patience) {
        this.patience = patience;
    }

    void write(Runnable outcomeWrite) {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            try {
                outcomeWrite.run();
                return;
            } catch (RuntimeException e) {
                if (StorageUnavailable.describe(e).isEmpty() || Instant.now().plus(PAUSE).isAfter(deadline)) {
                    throw e;
                }
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for storage to record an outcome", e);
            }
        }
    }
}
