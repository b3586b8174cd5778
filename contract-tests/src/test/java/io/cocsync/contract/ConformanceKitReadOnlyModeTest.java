package io.cocsync.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.cocsync.client.model.SyncStatus;
import io.cocsync.client.model.SyncMultiCloudResourceRequestBody;
import io.cocsync.client.model.Vendor;
import io.cocsync.conformance.checks.Mode;
import io.cocsync.conformance.inventory.LocalInventory;
import io.cocsync.conformance.inventory.LocalInventory.Item;
import io.cocsync.conformance.run.KitSession;
import io.cocsync.conformance.run.KitSettings;
import io.cocsync.contract.support.Coverage;
import io.cocsync.contract.support.KitChecksAsTests;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance kit in read-only mode against our server holding data: accounts of two vendors,
 * and an inventory synchronized from two OTHER accounts. No read-only check may skip here, since
 * each finds the data it compares.
 */
class ConformanceKitReadOnlyModeTest extends ContractTestBase {

    private static LocalInventory inventory;
    private static KitSession session;

    @BeforeAll
    static void holdData() throws Exception {
        inventory = LocalInventory.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null);
        for (int a = 0; a < 2; a++) {
            String accountId = unique("held-data");
            List<Item> items = List.of(
                    new Item(accountId + "-1", "web-1", "servers", "dc-1", Map.of("cpus", 2)),
                    new Item(accountId + "-2", "web-2", "servers", "dc-2", Map.of()),
                    new Item(accountId + "-3", "db-1", "databases", "dc-1", Map.of()));
            var request = account(Vendor.OTHER, accountId).endpoint(inventory.endpointOf(accountId));
            inventory.serve(accountId, request.getAk(), request.getSk(), List.of(items.subList(0, 2), items.subList(2, 3)));
            register(request);
            var task = awaitTask(uuidOf(resources.syncMultiCloudResource(
                    new SyncMultiCloudResourceRequestBody().vendor(Vendor.OTHER).accountId(accountId)).getData()));
            assertThat(task.getStatus()).as("seed sync %s", task).isEqualTo(SyncStatus.SUCCESS);
        }
        register(account(Vendor.HCS, unique("held-data")).endpoint("https://ecs.hcs.example.com"));
        register(account(Vendor.AWS, unique("held-data")));
        session = KitSession.open(KitSettings.of(server.baseUri(), signer, Mode.READ_ONLY, unique("kit")),
                HttpClient.newHttpClient(), Coverage::record);
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.close();
        }
        if (inventory != null) {
            inventory.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyReadOnlyCheckOfTheKitPassesOnAServerHoldingData() {
        return KitChecksAsTests.of(session);
    }
}
