package io.cocsync.sync;

import io.cocsync.accounts.AccountRepository;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.VendorAccountNotFoundException;
import io.cocsync.storage.Dialect;
import io.cocsync.storage.GroupCommit;
import io.cocsync.storage.TimeOrderedIds;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** Accepts sync requests: persists a task for the accounts they name, which queues it. */
public final class SyncService {

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final AccountRepository accounts;
    private final TaskRepository tasks;
    private final SyncExecutor executor;
    private final Clock clock;
    private final GroupCommit groupCommit;
    private final AccountClaims claims = new AccountClaims();
    private final TimeOrderedIds taskIds = new TimeOrderedIds();

    public SyncService(Jdbi jdbi, Dialect dialect, AccountRepository accounts, TaskRepository tasks, SyncExecutor executor,
            Clock clock, GroupCommit groupCommit) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.accounts = accounts;
        this.tasks = tasks;
        this.executor = executor;
        this.clock = clock;
        this.groupCommit = groupCommit;
    }

    private record Decision(String taskId, boolean created) {}

    /** Decisions that lose a race for an account to another request are taken again, this often at most. */
    private static final int DECISION_ATTEMPTS = 10;

    /**
     * Starts a sync of one account ({@code accountId}) or of every account of the vendor (null)
     * and returns the task id. No account is ever in two waiting or running tasks, across every
     * instance on the database ({@link AccountClaims}): a request whose accounts all have one
     * already returns that task; a vendor-wide request covers only the accounts that have none.
     * The task is stored before the id is returned; any instance's {@link SyncExecutor} runs it.
     */
    public String requestSync(String domainId, CloudVendor vendor, String accountId) {
        for (int attempt = 1; ; attempt++) {
            try {
                Decision decision = decide(domainId, vendor, accountId);
                if (decision.created()) {
                    groupCommit.awaitStored();
                    executor.wake();
                }
                return decision.taskId();
            } catch (JdbiException e) {
                if (!raceLost(e) || attempt == DECISION_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Decision decide(String domainId, CloudVendor vendor, String accountId) {
        AccountClaims.NamedAccount named = null;
        if (accountId != null) {
            // most requests for one account repeat one whose task still waits or runs: a single
            // read answers them, without the transaction that creating a task needs. Read outside
            // it, the account may be claimed or deleted before the task's claim is inserted: the
            // claim then fails on its key, and the request decides again
            named = jdbi.withHandle(handle -> namedAccount(handle, domainId, vendor, accountId));
            if (named.claimedBy() != null) {
                return new Decision(named.claimedBy(), false);
            }
        }
        AccountClaims.NamedAccount single = named;
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return jdbi.inTransaction(handle -> {
            List<AccountClaims.NamedAccount> candidates = single != null
                    ? List.of(single)
                    : claims.accountsOfVendor(handle, domainId, vendor);
            if (candidates.isEmpty()) {
                throw new VendorAccountNotFoundException("No vendor account of vendor " + vendor + " is registered.");
            }
            List<AccountClaims.NamedAccount> idle = new ArrayList<>();
            String activeTask = null;
            for (AccountClaims.NamedAccount candidate : candidates) {
                if (candidate.claimedBy() != null) {
                    activeTask = candidate.claimedBy();
                } else {
                    idle.add(candidate);
                }
            }
            if (idle.isEmpty()) {
                return new Decision(activeTask, false);
            }
            String taskId = taskIds.next().toString();
            tasks.insertWaiting(handle, taskId, domainId, vendor, idle, now);
            // the claims are what shows the accounts as waiting (AccountRepository); taken in one
            // order everywhere, so two vendor-wide requests wait on each other, never deadlock
            claims.claim(handle, taskId, idle.stream().map(AccountClaims.NamedAccount::id).sorted().toList());
            return new Decision(taskId, true);
        });
    }

    private AccountClaims.NamedAccount namedAccount(Handle handle, String domainId, CloudVendor vendor,
            String accountId) {
        return claims.account(handle, vendor, accountId)
                .filter(account -> account.domainId().equals(domainId))
                .orElseThrow(() -> new VendorAccountNotFoundException("The vendor account does not exist: vendor "
                        + vendor + ", account_id " + accountId + "."));
    }

    /**
     * Whether another request claimed one of the accounts first (the unique key said no), or a
     * delete of one of them committed meanwhile (the foreign key said no): deciding again sees
     * the claim, or that the account is gone.
     */
    private boolean raceLost(JdbiException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && (dialect.isUniqueViolation(sql) || dialect.isMissingParent(sql))) {
                return true;
            }
        }
        return false;
    }

    /** The task, if it belongs to the domain: another domain's task is not found, by the same path as a missing one. */
    public SyncTask find(String domainId, String taskId) {
        return tasks.findInDomain(taskId, domainId)
                .orElseThrow(() -> new SyncTaskNotFoundException(taskId));
    }

    /** The domains that have accounts, for the scheduled syncs that cover them all. */
    public List<String> domains() {
        return accounts.findDomains();
    }
}
