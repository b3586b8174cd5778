package io.cocsync.sync;

import io.cocsync.accounts.AccountRepository;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.SyncState;
import io.cocsync.accounts.VendorAccount;
import io.cocsync.accounts.VendorAccountNotFoundException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Accepts sync requests: persists a task for the accounts they name and queues it. */
public final class SyncService {

    private final Jdbi jdbi;
    private final AccountRepository accounts;
    private final TaskRepository tasks;
    private final SyncExecutor executor;
    private final Clock clock;

    public SyncService(Jdbi jdbi, AccountRepository accounts, TaskRepository tasks, SyncExecutor executor,
            Clock clock) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.tasks = tasks;
        this.executor = executor;
        this.clock = clock;
    }

    private record Decision(String taskId, boolean created) {}

    /**
     * Starts a sync of one account ({@code accountId}) or of every account of the vendor (null)
     * and returns the task id. A request for one account that already has a waiting or running
     * task returns that task instead of starting another.
     */
    public String requestSync(CloudVendor vendor, String accountId) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Decision decision = jdbi.inTransaction(handle -> {
            List<VendorAccount> targets;
            if (accountId != null) {
                VendorAccount account = accounts.findByVendorAccountId(handle, vendor, accountId)
                        .orElseThrow(() -> new VendorAccountNotFoundException("The vendor account does not exist:"
                                + " vendor " + vendor + ", account_id " + accountId + "."));
                Optional<String> active = tasks.findActiveTaskOf(handle, account.id());
                if (active.isPresent()) {
                    return new Decision(active.get(), false);
                }
                targets = List.of(account);
            } else {
                targets = accounts.findAllOfVendor(handle, vendor);
                if (targets.isEmpty()) {
                    throw new VendorAccountNotFoundException(
                            "No vendor account of vendor " + vendor + " is registered.");
                }
            }
            String taskId = UUID.randomUUID().toString();
            tasks.insertWaiting(handle, taskId, vendor, targets, now);
            for (VendorAccount target : targets) {
                accounts.markState(handle, target.id(), SyncState.WAITING, now);
            }
            return new Decision(taskId, true);
        });
        if (decision.created()) {
            executor.submit(decision.taskId());
        }
        return decision.taskId();
    }

    public SyncTask find(String taskId) {
        return tasks.find(taskId).orElseThrow(() -> new SyncTaskNotFoundException(taskId));
    }
}
