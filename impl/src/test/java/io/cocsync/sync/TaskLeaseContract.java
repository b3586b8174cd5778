package io.cocsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cocsync.accounts.AccountIds;
import io.cocsync.accounts.EndpointSchemePolicy;
import io.cocsync.server.ServerConfig;
import io.cocsync.accounts.AccountRepository;
import io.cocsync.accounts.AccountService;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.NewVendorAccount;
import io.cocsync.connectors.ConnectorRegistry;
import io.cocsync.http.ApiObjectMapper;
import io.cocsync.inventory.InventoryWriter;
import io.cocsync.metrics.SyncMetrics;
import io.cocsync.storage.Database;
import io.cocsync.storage.SecretCipher;
import io.cocsync.testing.SettableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claims, leases, heartbeats and the duplicate rule, as two instances sharing one database see
 * them, with a clock the test moves. Nothing runs tasks here: the queue is driven by hand. One
 * subclass per database: the same SQL must behave the same on each.
 */
abstract class TaskLeaseContract {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String DOMAIN = NewVendorAccount.DEFAULT_DOMAIN;

    @TempDir
    Path dataDir;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-25T00:00:00Z"));
    private Database database;
    private Jdbi jdbi;
    private TaskQueue instanceA;
    private TaskQueue instanceB;
    private SyncService sync;
    private AccountService accounts;

    /** A new, migrated, empty database. */
    abstract Database openDatabase(Path dataDir);

    @BeforeEach
    void open() {
        database = openDatabase(dataDir);
        jdbi = database.jdbi();
        var json = ApiObjectMapper.create();
        var accountRepository = new AccountRepository(jdbi, database.dialect(), json,
                SecretCipher.fromKeyFile(dataDir.resolve("secret.key")));
        var tasks = new TaskRepository(jdbi, json);
        instanceA = new TaskQueue(jdbi, "instance-a", clock, LEASE);
        instanceB = new TaskQueue(jdbi, "instance-b", clock, LEASE);
        var engine = new SyncEngine(jdbi, accountRepository, tasks, instanceA, new InventoryWriter(jdbi, json),
                new ConnectorRegistry(List.of()), clock, SyncEngine.Limits.defaults(),
                new SyncMetrics(new SimpleMeterRegistry()));
        // never started: wake() only signals a poller that does not run
        var idle = new SyncExecutor(engine, instanceA, 1, Duration.ofHours(1));
        accounts = new AccountService(accountRepository, new AccountIds(clock), clock, database.groupCommit(),
                EndpointSchemePolicy.allowingPlainHttpTo(ServerConfig.Security.LOOPBACK));
        sync = new SyncService(jdbi, database.dialect(), accountRepository, tasks, idle, clock, database.groupCommit());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void ofTwoInstancesThatSawTheSameTaskExactlyOneClaimsIt() {
        String taskId = requestSyncOf("acct-1");
        TaskQueue.Candidate seenByA = only(instanceA.candidates(10));
        TaskQueue.Candidate seenByB = only(instanceB.candidates(10));

        assertThat(instanceB.claim(seenByB)).isTrue();
        assertThat(instanceA.claim(seenByA)).isFalse();

        assertThat(seenByB.id()).isEqualTo(taskId);
        assertThat(ownerOf(taskId)).isEqualTo("instance-b");
        assertThat(instanceA.candidates(10)).isEmpty();
    }

    @Test
    void aLeaseThatExpiresIsTakenOverAndItsFormerOwnerCanNoLongerRecord() {
        String taskId = requestSyncOf("acct-1");
        assertThat(instanceA.claim(only(instanceA.candidates(10)))).isTrue();

        clock.advance(LEASE.minusSeconds(1));
        assertThat(instanceB.candidates(10)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        TaskQueue.Candidate expired = only(instanceB.candidates(10));
        assertThat(instanceB.claim(expired)).isTrue();

        assertThat(ownerOf(taskId)).isEqualTo("instance-b");
        assertThat(instanceA.renew(taskId)).isFalse();
        assertThatThrownBy(() -> jdbi.useTransaction(handle -> instanceA.fence(handle, taskId)))
                .isInstanceOfSatisfying(SyncAborted.class,
                        e -> assertThat(e.reason()).isEqualTo(SyncAborted.Reason.LEASE_LOST));
        jdbi.useTransaction(handle -> instanceB.fence(handle, taskId));
    }

    @Test
    void theHeartbeatKeepsTheLeaseAndReportsItLostOnceTakenOver() {
        String taskId = requestSyncOf("acct-1");
        instanceA.claim(only(instanceA.candidates(10)));
        LeaseHeartbeat heartbeat = new LeaseHeartbeat(instanceA);
        heartbeat.hold(taskId);

        for (int beat = 0; beat < 5; beat++) {
            clock.advance(LEASE.dividedBy(3));
            heartbeat.renewAll();
            assertThat(instanceB.candidates(10)).isEmpty();
        }
        clock.advance(LEASE);
        instanceB.claim(only(instanceB.candidates(10)));
        heartbeat.renewAll();

        assertThat(heartbeat.isLost(taskId)).isTrue();
        assertThat(heartbeat.holds(taskId)).isFalse();
    }

    @Test
    void aReleasedTaskIsClaimableAtOnceWithoutUsingUpAnAttempt() {
        String taskId = requestSyncOf("acct-1");
        instanceA.claim(only(instanceA.candidates(10)));

        jdbi.useTransaction(handle -> instanceA.release(handle, taskId));

        TaskQueue.Candidate again = only(instanceB.candidates(10));
        assertThat(again.attempts()).isZero();
        assertThat(statusOf(taskId)).isEqualTo("WAITING");
    }

    @Test
    void afterTheLastAttemptExpiresTheTaskIsExhausted() {
        requestSyncOf("acct-1");
        for (int attempt = 1; attempt <= TaskQueue.MAX_ATTEMPTS; attempt++) {
            TaskQueue.Candidate candidate = only(instanceA.candidates(10));
            assertThat(candidate.exhausted()).isFalse();
            instanceA.claim(candidate);
            clock.advance(LEASE);
        }

        assertThat(only(instanceB.candidates(10)).exhausted()).isTrue();
    }

    @Test
    void aRestartOnTheEmbeddedDatabaseEndsTheLeasesOfItsPredecessorAtOnce() {
        String taskId = requestSyncOf("acct-1");
        instanceA.claim(only(instanceA.candidates(10)));

        assertThat(instanceB.expireAll()).isEqualTo(1);

        assertThat(only(instanceB.candidates(10)).id()).isEqualTo(taskId);
    }

    @Test
    void concurrentRequestsForOneAccountGiveOneTaskAndVendorWideOnesNeverCoverAnAccountTwice() throws Exception {
        for (int i = 0; i < 5; i++) {
            register("acct-" + i);
        }
        ExecutorService clients = Executors.newFixedThreadPool(8);
        Set<String> oneAccount = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                boolean vendorWide = i % 2 == 0;
                done.add(clients.submit(() -> vendorWide ? sync.requestSync(DOMAIN, CloudVendor.OTHER, null)
                        : oneAccount.add(sync.requestSync(DOMAIN, CloudVendor.OTHER, "acct-0"))));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(oneAccount).hasSize(1);
        List<Integer> tasksPerAccount = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM sync_task_account GROUP BY vendor_account_id")
                .mapTo(Integer.class)
                .list());
        assertThat(tasksPerAccount).hasSize(5).containsOnly(1);
    }

    private String register(String accountId) {
        return accounts.register(new NewVendorAccount(CloudVendor.OTHER, accountId, accountId, "ak", "sk",
                "https://inventory.example.com", null, null, List.of(), null));
    }

    private String requestSyncOf(String accountId) {
        register(accountId);
        return sync.requestSync(DOMAIN, CloudVendor.OTHER, accountId);
    }

    private static TaskQueue.Candidate only(List<TaskQueue.Candidate> candidates) {
        assertThat(candidates).hasSize(1);
        return candidates.get(0);
    }

    private String ownerOf(String taskId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT owner FROM sync_task WHERE id = :id")
                .bind("id", taskId)
                .mapTo(String.class)
                .one());
    }

    private String statusOf(String taskId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT status FROM sync_task WHERE id = :id")
                .bind("id", taskId)
                .mapTo(String.class)
                .one());
    }
}
