package io.cocsync.connectors.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.TestContexts;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.stubs.AwsEc2Stub;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.StubFaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The AWS connector through the real AWS SDK against the EC2 stub, over HTTP. */
class AwsEc2ConnectorTest {

    private final AwsEc2Stub ec2 = new AwsEc2Stub(new Fleet(List.of("eu-west-1", "us-east-2"), 3, 7));
    private final VendorConnector connector = AwsEc2Connector.FACTORY.create(TestContexts.fast());
    private final List<List<DiscoveredResource>> pages = new ArrayList<>();

    @AfterEach
    void stop() {
        ec2.close();
    }

    @Test
    void readsEveryEnabledRegionPageByPageFollowingNextToken() throws Exception {
        ec2.setFleet(ec2.fleet().withPerRegion(2 * AwsEc2Connector.PAGE_SIZE + 1));

        connector.fetch(account(List.of()), pages::add);

        assertThat(pages).extracting(List::size).containsExactly(1000, 1000, 1, 1000, 1000, 1);
        assertThat(pages.get(0)).allSatisfy(r -> assertThat(r.regionId()).isEqualTo("eu-west-1"));
        assertThat(pages.get(5)).allSatisfy(r -> assertThat(r.regionId()).isEqualTo("us-east-2"));
        assertThat(pages.stream().flatMap(List::stream).map(DiscoveredResource::resourceId).distinct())
                .hasSize(4002);
        assertThat(ec2.requestCount()).as("DescribeRegions and six pages").isEqualTo(7);
    }

    @Test
    void mapsAnInstanceToTheInventoryShape() throws Exception {
        Fleet.Machine machine = ec2.fleet().machine("eu-west-1", 0);

        connector.fetch(account(List.of("eu-west-1")), pages::add);

        DiscoveredResource resource = pages.get(0).get(0);
        assertThat(resource.type()).isEqualTo("instances");
        assertThat(resource.resourceId()).isEqualTo("i-0" + machine.key());
        assertThat(resource.name()).isEqualTo(machine.name());
        assertThat(resource.regionId()).isEqualTo("eu-west-1");
        assertThat(resource.properties())
                .containsEntry("state", machine.state())
                .containsEntry("size", "t3." + machine.size())
                .containsEntry("zone", machine.zone())
                .containsEntry("private_ips", List.of(machine.privateIp()))
                .containsEntry("tags", Map.of("Name", machine.name(), "owner", machine.ownerTag()))
                .containsEntry("created_time", machine.created().toString())
                .containsEntry("vpc_id", "vpc-00000000")
                .containsKeys("image", "public_ips", "subnet_id");
        assertThat((String) resource.properties().get("image")).startsWith("ami-");
    }

    @Test
    void readsOnlyTheRegionsTheAccountNamesWithoutListingRegions() throws Exception {
        connector.fetch(account(List.of("us-east-2")), pages::add);

        assertThat(pages).singleElement().satisfies(page -> assertThat(page)
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.regionId()).isEqualTo("us-east-2")));
        assertThat(ec2.requestCount()).isEqualTo(1);
    }

    @Test
    void anAccountWithoutInstancesIsReadCompletelyAndYieldsNothing() throws Exception {
        ec2.setFleet(ec2.fleet().withPerRegion(0));

        connector.fetch(account(List.of()), pages::add);

        assertThat(pages).hasSize(2).allSatisfy(page -> assertThat(page).isEmpty());
    }

    @Test
    void throttlingIsRetriedByTheSdk() throws Exception {
        ec2.throttleNextRequests(2);

        connector.fetch(account(List.of("eu-west-1")), pages::add);

        assertThat(pages).singleElement().satisfies(page -> assertThat(page).hasSize(3));
        assertThat(ec2.requestCount()).isEqualTo(3);
    }

    @Test
    void throttlingThatNeverEndsFailsAfterTheLastAttempt() {
        ec2.setFaults(StubFaults.NONE.withThrottling(1.0, 0));

        assertThatThrownBy(() -> connector.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("Could not list the account's AWS regions (HTTP 429 after 4 attempts).");
        assertThat(ec2.requestCount()).isEqualTo(4);
    }

    @Test
    void refusedCredentialsFailWithAClearMessageWithoutRetrying() {
        AccountAccess wrongKey = account(List.of(), "AKIAWRONGKEY00000000");

        assertThatThrownBy(() -> connector.fetch(wrongKey, pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("AWS refused the account's credentials (HTTP 401).")
                .hasMessageNotContaining("AKIA")
                .hasMessageNotContaining(AwsEc2Stub.SECRET_KEY);
        assertThat(ec2.requestCount()).isEqualTo(1);
    }

    @Test
    void aFailingRegionDoesNotStopTheOthersButFailsTheFetchNamingIt() {
        ec2.setFleet(new Fleet(List.of("eu-west-1", "eu-central-1", "us-east-2"), 3, 7));
        ec2.setFaults(StubFaults.NONE.withFailingRegions(Set.of("eu-central-1")));

        assertThatThrownBy(() -> connector.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("AWS regions that could not be read: eu-central-1 (page 1: InternalError, HTTP 500"
                        + " after 4 attempts). The other regions were read.");
        assertThat(pages).hasSize(2);
        assertThat(pages.stream().flatMap(List::stream).map(DiscoveredResource::regionId).distinct())
                .containsExactly("eu-west-1", "us-east-2");
    }

    @Test
    void aTruncatedAnswerFailsTheRegion() {
        ec2.setFaults(StubFaults.NONE.withMalformedBodies(1.0));

        assertThatThrownBy(() -> connector.fetch(account(List.of("eu-west-1")), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("No AWS region could be read: eu-west-1 (page 1: the answer could not be parsed).");
        assertThat(pages).isEmpty();
    }

    private AccountAccess account(List<String> regions) {
        return account(regions, ec2.accessKey());
    }

    private AccountAccess account(List<String> regions, String accessKey) {
        return new AccountAccess(ec2.endpoint(), accessKey, ec2.secretKey(), null, null, regions);
    }
}
