package io.cocsync.sync;

import io.cocsync.accounts.AccountRepository;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.SyncState;
import io.cocsync.accounts.VendorAccount;
import io.cocsync.accounts.VendorAccountNotFoundException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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

    private final Object decisions = new Object();

    /**
     * Starts a sync of one account ({@code accountId}) or of every account of the vendor (null)
     * and returns the task id. No account is ever in two waiting or running tasks: a request
     * whose accounts all have one already returns that task; a vendor-wide request covers only
     * the accounts that have none.
     */
    public String requestSync(String domainId, CloudVendor vendor, String accountId) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Decision decision;
        // one decision at a time in this process, so two requests cannot both see "no task yet"
        synchronized (decisions) {
            decision = jdbi.inTransaction(handle -> {
                List<VendorAccount> candidates = accountId != null
                        ? List.of(accounts.findByVendorAccountId(handle, vendor, accountId)
                                .filter(account -> account.domainId().equals(domainId))
                                .orElseThrow(() -> new VendorAccountNotFoundException("The vendor account does not"
                                        + " exist: vendor " + vendor + ", account_id " + accountId + ".")))
                        : accounts.findAllOfVendor(handle, domainId, vendor);
                if (candidates.isEmpty()) {
                    throw new VendorAccountNotFoundException(
                            "No vendor account of vendor " + vendor + " is registered.");
                }
                List<VendorAccount> idle = new ArrayList<>();
                String activeTask = null;
                for (VendorAccount candidate : candidates) {
                    Optional<String> active = tasks.findActiveTaskOf(handle, candidate.id());
                    if (active.isPresent()) {
                        activeTask = active.get();
                    } else {
                        idle.add(candidate);
                    }
                }
                if (idle.isEmpty()) {
                    return new Decision(activeTask, false);
                }
                String taskId = UUID.randomUUID().toString();
                tasks.insertWaiting(handle, taskId, domainId, vendor, idle, now);
                for (VendorAccount target : idle) {
                    accounts.markState(handle, target.id(), SyncState.WAITING, now);
                }
                return new Decision(taskId, true);
            });
        }
        if (decision.created()) {
            executor.submit(decision.taskId());
        }
        return decision.taskId();
    }

    /** The task, if it belongs to the domain: another domain's task is not found. */
    public SyncTask find(String domainId, String taskId) {
        return tasks.find(taskId).filter(task -> tasks.belongsTo(taskId, domainId))
                .orElseThrow(() -> new SyncTaskNotFoundException(taskId));
    }

    /** The domains that have accounts, for the scheduled syncs that cover them all. */
    public List<String> domains() {
        return accounts.findDomains();
    }
}
