package io.cocsync.connectors.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.NewVendorAccount;
import io.cocsync.accounts.SyncState;
import io.cocsync.connectors.TestContexts;
import io.cocsync.inventory.InventoryQuery;
import io.cocsync.stubs.AwsEc2Stub;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.StubFaults;
import io.cocsync.sync.SyncFixture;
import io.cocsync.sync.SyncTask;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An AWS account synchronized by the engine, end to end, from the EC2 stub into the embedded store. */
class AwsSyncTest {

    @TempDir
    Path dataDir;

    private final AwsEc2Stub ec2 = new AwsEc2Stub(new Fleet(List.of("eu-west-1", "us-east-2"), 1500, 11));
    private SyncFixture fixture;

    @BeforeEach
    void open() {
        fixture = SyncFixture.withVendors(dataDir, TestContexts.fast());
        fixture.accounts().register(new NewVendorAccount(
                CloudVendor.AWS, "123456789012", "Production", ec2.accessKey(), ec2.secretKey(), ec2.endpoint(),
                null, null, List.of(), null));
    }

    @AfterEach
    void close() {
        fixture.close();
        ec2.close();
    }

    @Test
    void aCompleteReadStoresEveryInstanceAndRemovesTheTerminatedOnes() {
        assertThat(syncAndWait().status()).isEqualTo(SyncState.SUCCESS);
        assertThat(count(null)).isEqualTo(3000);
        assertThat(count("us-east-2")).isEqualTo(1500);

        ec2.setFleet(ec2.fleet().withPerRegion(1000));
        SyncTask second = syncAndWait();

        assertThat(second.status()).isEqualTo(SyncState.SUCCESS);
        assertThat(second.accounts().get(0).resourcesRemoved()).isEqualTo(1000);
        assertThat(count(null)).isEqualTo(2000);
    }

    @Test
    void aRegionThatFailsLeavesTheAccountFailedWithNothingRemoved() {
        syncAndWait();
        ec2.setFleet(ec2.fleet().withPerRegion(1000));
        ec2.setFaults(StubFaults.NONE.withFailingRegions(Set.of("us-east-2")));

        SyncTask failed = syncAndWait();

        assertThat(failed.status()).isEqualTo(SyncState.FAILED);
        assertThat(failed.accounts().get(0).failureMsg())
                .isEqualTo("AWS regions that could not be read: us-east-2 (page 1: InternalError, HTTP 500 after 4"
                        + " attempts). The other regions were read.");
        assertThat(failed.accounts().get(0).resourcesRemoved()).isZero();
        assertThat(count(null)).isEqualTo(3000);
    }

    private SyncTask syncAndWait() {
        return fixture.syncAndWait(CloudVendor.AWS, "123456789012");
    }

    private long count(String region) {
        return fixture.count(new InventoryQuery(CloudVendor.AWS, "instances", null, null,
                region == null ? List.of() : List.of(region)));
    }
}
