package io.cocsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cocsync.accounts.AccountService;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.NewVendorAccount;
import io.cocsync.accounts.SyncState;
import io.cocsync.accounts.VendorAccount;
import io.cocsync.accounts.VendorAccountNotFoundException;
import io.cocsync.accounts.VendorAccountQuery;
import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.ResourceSink;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.inventory.InventoryQuery;
import io.cocsync.inventory.RegionCounts;
import io.cocsync.inventory.StoredResource;
import io.cocsync.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's promises, against the real embedded store (a subclass: PostgreSQL) and a scripted vendor. */
class SyncSemanticsTest {

    @TempDir
    Path dataDir;

    private SyncFixture fixture;
    private AccountService accounts;
    private SyncService sync;
    private final ScriptedVendor vendor = new ScriptedVendor();

    @BeforeEach
    void open() {
        open(Clock.systemUTC(), SyncEngine.Limits.defaults());
    }

    /** The store under test, opened again on the same data by a restart. */
    Database openDatabase() {
        return Database.openEmbedded(dataDir);
    }

    private void open(Clock clock, SyncEngine.Limits limits) {
        fixture = new SyncFixture(dataDir, openDatabase(), List.of(vendor), clock, limits);
        accounts = fixture.accounts();
        sync = fixture.sync();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aCompleteSyncAddsUpdatesAndRemovesWhatTheVendorChanged() {
        register("acct-1");
        vendor.script("acct-1", List.of(List.of(vm("i-1", "web"), vm("i-2", "db")), List.of(vm("i-3", "cache"))));
        assertThat(syncAndWait("acct-1").status()).isEqualTo(SyncState.SUCCESS);
        assertThat(names()).containsExactlyInAnyOrder("web", "db", "cache");

        vendor.script("acct-1", List.of(List.of(vm("i-1", "web-renamed"), vm("i-2", "db"))));
        SyncTask second = syncAndWait("acct-1");

        assertThat(second.status()).isEqualTo(SyncState.SUCCESS);
        SyncTask.AccountOutcome outcome = second.accounts().get(0);
        assertThat(outcome.resourcesRead()).isEqualTo(2);
        assertThat(outcome.resourcesAdded()).isZero();
        assertThat(outcome.resourcesUpdated()).isEqualTo(1);
        assertThat(outcome.resourcesRemoved()).isEqualTo(1);
        assertThat(names()).containsExactlyInAnyOrder("web-renamed", "db");
        VendorAccount account = only("acct-1");
        assertThat(account.syncStatus()).isEqualTo(SyncState.SUCCESS);
        assertThat(account.syncDate()).isNotNull();
        assertThat(account.failureMsg()).isNull();
    }

    @Test
    void aFailedReadUpdatesWhatItReadButRemovesNothing() {
        register("acct-1");
        vendor.script("acct-1", List.of(List.of(vm("i-1", "web"), vm("i-2", "db"))));
        syncAndWait("acct-1");

        vendor.scriptFailure("acct-1", List.of(List.of(vm("i-1", "web-2"))), "Region eu-2 could not be read.");
        SyncTask failed = syncAndWait("acct-1");

        assertThat(failed.status()).isEqualTo(SyncState.FAILED);
        assertThat(failed.accounts().get(0).failureMsg()).isEqualTo("Region eu-2 could not be read.");
        assertThat(failed.accounts().get(0).resourcesRemoved()).isZero();
        assertThat(names()).containsExactlyInAnyOrder("web-2", "db");
        assertThat(only("acct-1").syncStatus()).isEqualTo(SyncState.FAILED);
        assertThat(only("acct-1").failureMsg()).isEqualTo("Region eu-2 could not be read.");
    }

    @Test
    void syncingOneAccountNeverTouchesAnothersResources() {
        register("acct-1");
        register("acct-2");
        vendor.script("acct-1", List.of(List.of(vm("i-1", "one"))));
        vendor.script("acct-2", List.of(List.of(vm("i-1", "two"))));
        syncAndWait("acct-1");
        syncAndWait("acct-2");

        vendor.script("acct-1", List.of(List.of()));
        syncAndWait("acct-1");

        assertThat(names()).containsExactly("two");
    }

    @Test
    void aSyncWithoutAccountIdCoversEveryAccountOfTheVendorEachWithItsOwnOutcome() {
        register("acct-1");
        register("acct-2");
        vendor.script("acct-1", List.of(List.of(vm("i-1", "one"))));
        vendor.scriptFailure("acct-2", List.of(), "Credentials refused.");

        SyncTask task = waitForEnd(sync.requestSync(NewVendorAccount.DEFAULT_DOMAIN, CloudVendor.OTHER, null));

        assertThat(task.status()).isEqualTo(SyncState.FAILED);
        assertThat(task.failureMsg()).isEqualTo("1 of 2 account(s) failed; see each account's failure_msg.");
        assertThat(task.accounts()).extracting(SyncTask.AccountOutcome::accountId, SyncTask.AccountOutcome::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("acct-1", SyncState.SUCCESS),
                        org.assertj.core.groups.Tuple.tuple("acct-2", SyncState.FAILED));
    }

    @Test
    void aSyncOfAnUnregisteredAccountIsRefused() {
        assertThatThrownBy(() -> sync.requestSync(NewVendorAccount.DEFAULT_DOMAIN, CloudVendor.OTHER, "nobody"))
                .isInstanceOf(VendorAccountNotFoundException.class)
                .hasMessage("The vendor account does not exist: vendor OTHER, account_id nobody.");
        assertThatThrownBy(() -> sync.requestSync(NewVendorAccount.DEFAULT_DOMAIN, CloudVendor.AWS, null))
                .isInstanceOf(VendorAccountNotFoundException.class);
    }

    @Test
    void aVendorWithoutConnectorFailsWithAPlainMessage() {
        accounts.register(new NewVendorAccount(CloudVendor.HCS, "ssstest21321", "hcs", "HPUA", "secret",
                "https://ecs.hcs.example.com", null, null, List.of(), null));

        SyncTask task = waitForEnd(sync.requestSync(NewVendorAccount.DEFAULT_DOMAIN, CloudVendor.HCS, "ssstest21321"));

        assertThat(task.accounts().get(0).failureMsg())
                .isEqualTo("Synchronizing HCS accounts is not supported by this server version.");
    }

    @Test
    void deletingAnAccountRemovesItsInventory() {
        String id = register("acct-1");
        vendor.script("acct-1", List.of(List.of(vm("i-1", "one"))));
        syncAndWait("acct-1");

        accounts.delete(NewVendorAccount.DEFAULT_DOMAIN, id);

        assertThat(names()).isEmpty();
    }

    @Test
    void aSecondRequestForAnAccountWhoseSyncIsRunningReturnsThatTask() throws Exception {
        register("acct-1");
        vendor.script("acct-1", List.of(List.of(vm("i-1", "one"))));
        CountDownLatch release = vendor.holdNextFetch();

        String first = sync.requestSync(NewVendorAccount.DEFAULT_DOMAIN, CloudVendor.OTHER, "acct-1");
        String second = sync.requestSync(NewVendorAccount.DEFAULT_DOMAIN, CloudVendor.OTHER, "acct-1");
        String vendorWide = sync.requestSync(NewVendorAccount.DEFAULT_DOMAIN, CloudVendor.OTHER, null);
        release.countDown();

        assertThat(second).isEqualTo(first);
        assertThat(vendorWide).isEqualTo(first);
        assertThat(waitForEnd(first).status()).isEqualTo(SyncState.SUCCESS);
        assertThat(sync.requestSync(NewVendorAccount.DEFAULT_DOMAIN, CloudVendor.OTHER, "acct-1")).isNotEqualTo(first);
    }

    @Test
    void anAccountShowsWaitingFromItsRequestUntilItsReadStartsThenRunningThenItsOutcome() throws Exception {
        close();
        open(Clock.systemUTC(), new SyncEngine.Limits(1, Duration.ofMinutes(30)));
        register("acct-1");
        register("acct-2");
        vendor.script("acct-1", List.of(List.of(vm("i-1", "one"))));
        vendor.script("acct-2", List.of(List.of(vm("i-2", "two"))));
        syncAndWait("acct-2");
        CountDownLatch release = vendor.holdNextFetch();
        String busy = sync.requestSync(NewVendorAccount.DEFAULT_DOMAIN, CloudVendor.OTHER, "acct-1");
        waitUntil(() -> only("acct-1").syncStatus() == SyncState.RUNNING);

        // one account of the vendor is read at a time: acct-2 waits for acct-1's read
        String queued = sync.requestSync(NewVendorAccount.DEFAULT_DOMAIN, CloudVendor.OTHER, "acct-2");

        assertThat(only("acct-2").syncStatus()).isEqualTo(SyncState.WAITING);
        assertThat(only("acct-2").syncDate()).as("the last sync's date stays").isNotNull();
        release.countDown();
        assertThat(waitForEnd(busy).status()).isEqualTo(SyncState.SUCCESS);
        assertThat(waitForEnd(queued).status()).isEqualTo(SyncState.SUCCESS);
        assertThat(only("acct-2").syncStatus()).isEqualTo(SyncState.SUCCESS);
    }

    @Test
    void aVendorWideRequestLeavesOutAccountsThatAreAlreadyBeingSynchronized() throws Exception {
        register("acct-1");
        register("acct-2");
        vendor.script("acct-1", List.of(List.of(vm("i-1", "one"))));
        vendor.script("acct-2", List.of(List.of(vm("i-2", "two"))));
        CountDownLatch release = vendor.holdNextFetch();
        String busy = sync.requestSync(NewVendorAccount.DEFAULT_DOMAIN, CloudVendor.OTHER, "acct-1");

        String rest = sync.requestSync(NewVendorAccount.DEFAULT_DOMAIN, CloudVendor.OTHER, null);
        release.countDown();

        assertThat(waitForEnd(rest).accounts()).extracting(SyncTask.AccountOutcome::accountId)
                .containsExactly("acct-2");
        assertThat(waitForEnd(busy).accounts()).extracting(SyncTask.AccountOutcome::accountId)
                .containsExactly("acct-1");
    }

    @Test
    void aSyncStoppedByAGracefulStopGoesBackToTheQueueAndTheNextStartFinishesIt() throws Exception {
        register("acct-1");
        vendor.script("acct-1", List.of(List.of(vm("i-1", "one")), List.of(vm("i-2", "two"))));
        CountDownLatch release = vendor.holdNextFetch();
        String taskId = sync.requestSync(NewVendorAccount.DEFAULT_DOMAIN, CloudVendor.OTHER, "acct-1");
        waitUntil(() -> sync.find(NewVendorAccount.DEFAULT_DOMAIN, taskId).status() == SyncState.RUNNING);

        Thread stopping = new Thread(fixture::close);
        stopping.start();
        Thread.sleep(200);
        release.countDown();
        stopping.join();
        open(Clock.systemUTC(), SyncEngine.Limits.defaults());

        SyncTask task = waitForEnd(taskId);
        assertThat(task.status()).isEqualTo(SyncState.SUCCESS);
        assertThat(names()).containsExactlyInAnyOrder("one", "two");
        assertThat(only("acct-1").syncStatus()).isEqualTo(SyncState.SUCCESS);
    }

    @Test
    void aReadInProgressStaysInvisibleUntilItsAccountEndsAndThenShowsAllAtOnce() throws Exception {
        register("acct-1");
        vendor.script("acct-1", List.of(List.of(vm("i-1", "one"))));
        syncAndWait("acct-1");

        PausedRead read = pausedAfterFirstPage(List.of(List.of(vm("i-1", "one-renamed")), List.of(vm("i-2", "two"))));

        assertThat(names()).as("the first page is stored, not yet committed").containsExactly("one");
        read.resume().countDown();
        assertThat(waitForEnd(read.taskId()).status()).isEqualTo(SyncState.SUCCESS);
        assertThat(names()).containsExactlyInAnyOrder("one-renamed", "two");
    }

    @Test
    void anAccountsFirstReadShowsNothingUntilItEndsThoughItsPagesAreAlreadyStored() throws Exception {
        register("acct-1");

        PausedRead read = pausedAfterFirstPage(List.of(List.of(vm("i-1", "one")), List.of(vm("i-2", "two"))));

        assertThat(names()).isEmpty();
        assertThat(fixture.count(new InventoryQuery(CloudVendor.OTHER, null, null, null, null))).isZero();
        read.resume().countDown();
        assertThat(waitForEnd(read.taskId()).status()).isEqualTo(SyncState.SUCCESS);
        assertThat(names()).containsExactlyInAnyOrder("one", "two");
    }

    @Test
    void aFirstReadStoppedPartWayIsFinishedByTheNextRunWhichCountsEveryResourceAsAdded() throws Exception {
        register("acct-1");
        PausedRead read = pausedAfterFirstPage(
                List.of(List.of(vm("i-1", "one"), vm("i-3", "gone")), List.of(vm("i-2", "two"))));

        Thread stopping = new Thread(fixture::close);
        stopping.start();
        Thread.sleep(200);
        read.resume().countDown();
        stopping.join();
        // by the next run, i-3 is gone from the vendor, and i-1 changed
        vendor.script("acct-1", List.of(List.of(vm("i-1", "one-renamed")), List.of(vm("i-2", "two"))));
        open(Clock.systemUTC(), SyncEngine.Limits.defaults());

        SyncTask task = waitForEnd(read.taskId());
        assertThat(task.status()).isEqualTo(SyncState.SUCCESS);
        assertThat(names()).containsExactlyInAnyOrder("one-renamed", "two");
        SyncTask.AccountOutcome outcome = task.accounts().get(0);
        assertThat(List.of(outcome.resourcesRead(), outcome.resourcesAdded(), outcome.resourcesUpdated(),
                outcome.resourcesRemoved())).as("read, added, updated, removed").containsExactly(2L, 2L, 0L, 0L);
    }

    @Test
    void aFirstReadThatBreaksOffOnAStoreErrorLeavesNothingShown() {
        register("acct-1");
        String tooLong = "x".repeat(1000);
        vendor.script("acct-1", List.of(List.of(vm("i-1", "one")), List.of(vm(tooLong, "two"))));

        SyncTask task = syncAndWait("acct-1");

        assertThat(task.status()).isEqualTo(SyncState.FAILED);
        assertThat(task.accounts().get(0).failureMsg()).startsWith("Internal error while storing resources;"
                + " nothing was changed.");
        assertThat(task.accounts().get(0).resourcesRead()).isZero();
        assertThat(names()).isEmpty();
    }

    @Test
    void aResourceThatTheVendorListsTwiceInOneReadIsKeptOnce() {
        SyncTask task = syncedAgain(List.of(List.of(vm("i-1", "one"), vm("i-2", "two"))),
                List.of(List.of(vm("i-1", "one")), List.of(vm("i-1", "one"))));

        assertThat(task.status()).isEqualTo(SyncState.SUCCESS);
        assertThat(task.accounts().get(0).resourcesRemoved()).isEqualTo(1);
        assertThat(names()).containsExactly("one");
    }

    @Test
    void aResourceListedTwiceAndChangedBetweenCountsOnceSoWhatWasNotListedIsStillRemoved() {
        SyncTask task = syncedAgain(List.of(List.of(vm("i-1", "one"), vm("i-2", "two"))),
                List.of(List.of(vm("i-1", "one")), List.of(vm("i-1", "one-renamed"))));

        assertThat(task.accounts().get(0).resourcesRemoved()).isEqualTo(1);
        assertThat(names()).containsExactly("one-renamed");
    }

    @Test
    void aSyncThatSeesEveryStoredResourceRemovesNothing() {
        SyncTask task = syncedAgain(List.of(List.of(vm("i-1", "one"), vm("i-2", "two"))),
                List.of(List.of(vm("i-2", "two-renamed")), List.of(vm("i-1", "one"), vm("i-3", "three"))));

        assertThat(task.accounts().get(0).resourcesRemoved()).isZero();
        assertThat(names()).containsExactlyInAnyOrder("one", "two-renamed", "three");
    }

    @Test
    void theTaskCountsEachRegionSeparately() {
        register("acct-1");
        vendor.script("acct-1", List.of(List.of(vm("i-1", "one"), vmIn("i-2", "two", "eu-2"))));
        syncAndWait("acct-1");
        vendor.script("acct-1", List.of(List.of(vm("i-1", "one-renamed"))));

        SyncTask task = syncAndWait("acct-1");

        assertThat(task.accounts().get(0).regions()).containsExactlyInAnyOrder(
                new RegionCounts("eu-1", 1, 0, 1, 0), new RegionCounts("eu-2", 0, 0, 0, 1));
    }

    @Test
    void aSyncThatOutlivesItsTimeLimitFailsWithoutRemovingAnything() {
        close();
        // every reading of this clock is a minute later than the last: the limit passes mid-read
        Clock ticking = new Clock() {
            private Instant now = Instant.parse("2026-11-25T00:00:00Z");

            @Override
            public synchronized Instant instant() {
                now = now.plusSeconds(60);
                return now;
            }

            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        open(ticking, new SyncEngine.Limits(2, Duration.ofMinutes(30)));
        register("acct-1");
        vendor.script("acct-1", java.util.Collections.nCopies(100, List.of(vm("i-1", "one"))));

        SyncTask task = syncAndWait("acct-1");

        assertThat(task.status()).isEqualTo(SyncState.FAILED);
        assertThat(task.accounts().get(0).failureMsg())
                .isEqualTo("The sync took longer than its limit of 30 minute(s); nothing was removed.");
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(10);
        }
    }

    /** Registers an OTHER account whose ak is its account id: the scripted vendor tells accounts apart by it. */
    private String register(String accountId) {
        return accounts.register(new NewVendorAccount(CloudVendor.OTHER, accountId, accountId, accountId, "sk",
                "https://inventory.example.com", null, null, List.of(), null));
    }

    private VendorAccount only(String accountId) {
        return accounts.list(new VendorAccountQuery(NewVendorAccount.DEFAULT_DOMAIN, null, accountId, null, null, 0, 10)).items().get(0);
    }

    /** A sync of acct-1 whose vendor lists {@code pages}, held after the first page is stored. */
    private record PausedRead(String taskId, CountDownLatch resume) {}

    private PausedRead pausedAfterFirstPage(List<List<DiscoveredResource>> pages) throws InterruptedException {
        vendor.script("acct-1", pages);
        CountDownLatch resume = vendor.pauseAfterFirstPage();
        String taskId = sync.requestSync(NewVendorAccount.DEFAULT_DOMAIN, CloudVendor.OTHER, "acct-1");
        waitUntil(() -> sync.find(NewVendorAccount.DEFAULT_DOMAIN, taskId).resourcesRead() == pages.get(0).size());
        return new PausedRead(taskId, resume);
    }

    /** The second task of acct-1, synced with the vendor listing {@code before} and then {@code now}. */
    private SyncTask syncedAgain(List<List<DiscoveredResource>> before, List<List<DiscoveredResource>> now) {
        register("acct-1");
        vendor.script("acct-1", before);
        syncAndWait("acct-1");
        vendor.script("acct-1", now);
        return syncAndWait("acct-1");
    }

    private SyncTask syncAndWait(String accountId) {
        return fixture.syncAndWait(CloudVendor.OTHER, accountId);
    }

    private SyncTask waitForEnd(String taskId) {
        return fixture.waitForEnd(taskId);
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        for (StoredResource r : fixture.inventory().list(NewVendorAccount.DEFAULT_DOMAIN, new InventoryQuery(CloudVendor.OTHER, null, null, null, null),
                null, 0, 500)) {
            names.add(r.name());
        }
        return names;
    }

    private static DiscoveredResource vm(String id, String name) {
        return vmIn(id, name, "eu-1");
    }

    private static DiscoveredResource vmIn(String id, String name, String region) {
        return new DiscoveredResource("servers", id, name, region, Map.of("flavor", "s6.large"));
    }

    /** A vendor whose pages, and whether it fails after them, each test writes down per account. */
    private static final class ScriptedVendor implements VendorConnector {
        private record Script(List<List<DiscoveredResource>> pages, String failure) {}

        private final Map<String, Script> scripts = new ConcurrentHashMap<>();
        private volatile CountDownLatch hold = new CountDownLatch(0);
        private volatile CountDownLatch pauseAfterFirstPage = new CountDownLatch(0);

        /** The next fetch waits until the returned latch is released: a sync that stays running. */
        CountDownLatch holdNextFetch() {
            hold = new CountDownLatch(1);
            return hold;
        }

        /** The next fetch stops after handing over its first page until the returned latch is released. */
        CountDownLatch pauseAfterFirstPage() {
            pauseAfterFirstPage = new CountDownLatch(1);
            return pauseAfterFirstPage;
        }

        void script(String accountId, List<List<DiscoveredResource>> pages) {
            scripts.put(accountId, new Script(pages, null));
        }

        void scriptFailure(String accountId, List<List<DiscoveredResource>> pages, String failure) {
            scripts.put(accountId, new Script(pages, failure));
        }

        @Override
        public CloudVendor vendor() {
            return CloudVendor.OTHER;
        }

        @Override
        public void fetch(AccountAccess account, ResourceSink sink) throws ConnectorException, InterruptedException {
            CountDownLatch gate = hold;
            hold = new CountDownLatch(0);
            gate.await();
            CountDownLatch pause = pauseAfterFirstPage;
            pauseAfterFirstPage = new CountDownLatch(0);
            Script script = scripts.get(account.ak());
            for (int page = 0; page < script.pages().size(); page++) {
                sink.accept(script.pages().get(page));
                if (page == 0) {
                    pause.await();
                }
            }
            if (script.failure() != null) {
                throw new ConnectorException(script.failure());
            }
        }
    }
}
