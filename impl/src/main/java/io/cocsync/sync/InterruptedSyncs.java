package io.cocsync.sync;

import io.cocsync.accounts.AccountRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, no sync can be running yet: tasks and accounts that a previous process left
 * waiting or running are failed with a clear message, so none stays "running" forever.
 */
public final class InterruptedSyncs {

    private static final Logger LOG = LoggerFactory.getLogger(InterruptedSyncs.class);
    static final String MESSAGE = SyncEngine.STOPPING + " Request the sync again.";

    private InterruptedSyncs() {}

    public static void fail(Jdbi jdbi, TaskRepository tasks, AccountRepository accounts, Clock clock) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int failed = jdbi.inTransaction(handle -> {
            accounts.failAllCoveredByActiveTasks(handle, MESSAGE, now);
            return tasks.failAllActive(handle, MESSAGE, now);
        });
        if (failed > 0) {
            LOG.warn("{} sync task(s) were interrupted by the last shutdown and are now failed", failed);
        }
    }
}
