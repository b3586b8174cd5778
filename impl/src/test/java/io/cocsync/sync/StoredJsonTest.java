package io.cocsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.NewVendorAccount;
import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.ResourceSink;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.inventory.InventoryQuery;
import io.cocsync.inventory.RegionCounts;
import io.cocsync.inventory.StoredResource;
import io.cocsync.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a rollback to this version, the JSON that a newer version stored (with fields this one
 * does not know) still reads: a task's counts by region, and a resource's properties.
 */
class StoredJsonTest {

    @TempDir
    Path dataDir;

    @Test
    void rowsThatANewerVersionWroteWithFieldsThisOneDoesNotKnowStillRead() {
        Database database = Database.openEmbedded(dataDir);
        try (SyncFixture fixture = new SyncFixture(dataDir, database, List.of(new OneServer()), Clock.systemUTC(),
                SyncEngine.Limits.defaults())) {
            fixture.accounts().register(new NewVendorAccount(CloudVendor.OTHER, "acct-1", "acct-1", "ak", "sk",
                    "https://inventory.example.com", null, null, List.of(), null));
            String taskId = fixture.syncAndWait(CloudVendor.OTHER, "acct-1").id();

            Jdbi jdbi = database.jdbi();
            String regions = jdbi.withHandle(handle -> handle.createQuery(
                            "SELECT regions FROM sync_task_account WHERE task_id = :task")
                    .bind("task", taskId)
                    .mapTo(String.class)
                    .one());
            // what a newer version might write: each region's counts with one more field
            String newerRegions = regions.replace("}", ", \"skipped\": 7}");
            assertThat(newerRegions).contains("\"skipped\"");
            jdbi.useHandle(handle -> {
                handle.createUpdate("UPDATE sync_task_account SET regions = :regions WHERE task_id = :task")
                        .bind("regions", newerRegions)
                        .bind("task", taskId)
                        .execute();
                handle.execute("UPDATE resource SET properties = ?",
                        "{\"flavor\": \"s6.large\", \"placement\": {\"rack\": \"r-12\"}}");
            });

            SyncTask task = fixture.sync().find(NewVendorAccount.DEFAULT_DOMAIN, taskId);
            assertThat(task.accounts().get(0).regions()).containsExactly(new RegionCounts("eu-1", 1, 1, 0, 0));
            List<StoredResource> resources = fixture.inventory().list(NewVendorAccount.DEFAULT_DOMAIN,
                    new InventoryQuery(CloudVendor.OTHER, null, null, null, null), null, 0, 10);
            assertThat(resources).hasSize(1);
            assertThat(resources.get(0).properties())
                    .containsEntry("flavor", "s6.large")
                    .containsEntry("placement", Map.of("rack", "r-12"));
        }
    }

    /** A vendor with one server. */
    private static final class OneServer implements VendorConnector {
        @Override
        public CloudVendor vendor() {
            return CloudVendor.OTHER;
        }

        @Override
        public void fetch(AccountAccess account, ResourceSink sink) {
            sink.accept(List.of(new DiscoveredResource("servers", "i-1", "web", "eu-1", Map.of("flavor", "s6.large"))));
        }
    }
}
