package io.cocsync.connectors.ali;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.TestContexts;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.stubs.AliyunEcsStub;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.StubFaults;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ALI connector through the real Alibaba Cloud ECS SDK against the ECS stub, over plain HTTP. */
class AliyunEcsConnectorTest {

    private final AliyunEcsStub ecs = new AliyunEcsStub(new Fleet(List.of("cn-hangzhou", "eu-central-1"), 3, 7));
    private final VendorConnector connector = AliyunEcsConnector.FACTORY.create(TestContexts.fast());
    private final List<List<DiscoveredResource>> pages = new ArrayList<>();

    @AfterEach
    void stop() {
        ecs.close();
    }

    @Test
    void readsEveryRegionPageByPageFollowingNextToken() throws Exception {
        ecs.setFleet(ecs.fleet().withPerRegion(2 * AliyunEcsConnector.PAGE_SIZE + 1));

        connector.fetch(account(List.of()), pages::add);

        assertThat(pages).extracting(List::size).containsExactly(100, 100, 1, 100, 100, 1);
        assertThat(pages.get(0)).allSatisfy(r -> assertThat(r.regionId()).isEqualTo("cn-hangzhou"));
        assertThat(pages.get(5)).allSatisfy(r -> assertThat(r.regionId()).isEqualTo("eu-central-1"));
        assertThat(pages.stream().flatMap(List::stream).map(DiscoveredResource::resourceId).distinct())
                .hasSize(402);
        assertThat(ecs.requestCount()).as("DescribeRegions and six pages").isEqualTo(7);
    }

    @Test
    void mapsAnInstanceToTheInventoryShape() throws Exception {
        Fleet.Machine machine = ecs.fleet().machine("cn-hangzhou", 1);

        connector.fetch(account(List.of("cn-hangzhou")), pages::add);

        DiscoveredResource resource = pages.get(0).get(1);
        assertThat(resource.type()).isEqualTo("instances");
        assertThat(resource.resourceId()).isEqualTo("i-" + machine.key());
        assertThat(resource.name()).isEqualTo(machine.name());
        assertThat(resource.regionId()).isEqualTo("cn-hangzhou");
        assertThat(resource.properties())
                .containsEntry("state", machine.state().equals("running") ? "Running" : "Stopped")
                .containsEntry("size", "ecs.g7." + machine.size())
                .containsEntry("zone", "cn-hangzhou-" + machine.zone().charAt(machine.zone().length() - 1))
                .containsEntry("private_ips", List.of(machine.privateIp()))
                .containsEntry("tags", Map.of("owner", machine.ownerTag()))
                .containsEntry("created_time", machine.created().truncatedTo(ChronoUnit.MINUTES).toString())
                .containsEntry("vpc_id", "vpc-00000000")
                .containsKeys("image", "public_ips", "os_name");
        assertThat((String) resource.properties().get("image")).endsWith(".vhd");
    }

    @Test
    void publicAddressesIncludeElasticIps() throws Exception {
        ecs.setFleet(new Fleet(List.of("cn-hangzhou"), 10, 11));

        connector.fetch(account(List.of("cn-hangzhou")), pages::add);

        // the stub gives running machines 0 and 5 an EIP, the other running ones a fixed public IP
        assertThat(List.of(0, 5)).anySatisfy(index -> assertThat(ecs.fleet().machine("cn-hangzhou", index).state())
                .isEqualTo("running"));
        for (int index = 0; index < 10; index++) {
            boolean running = ecs.fleet().machine("cn-hangzhou", index).state().equals("running");
            assertThat(pages.get(0).get(index).properties())
                    .containsEntry("public_ips", running ? List.of("47.96.0." + index) : List.of());
        }
    }

    @Test
    void readsOnlyTheRegionsTheAccountNamesWithoutListingRegions() throws Exception {
        connector.fetch(account(List.of("eu-central-1", "eu-central-1")), pages::add);

        assertThat(pages).singleElement().satisfies(page -> assertThat(page)
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.regionId()).isEqualTo("eu-central-1")));
        assertThat(ecs.requestCount()).isEqualTo(1);
    }

    @Test
    void anEndpointWithoutSchemeIsReachedOverHttps() {
        AccountAccess bareHost = withEndpoint(account(List.of("cn-hangzhou")), ecs.baseUrl().replace("http://", ""));

        assertThatThrownBy(() -> connector.fetch(bareHost, pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("No Alibaba Cloud region could be read: cn-hangzhou (page 1: connection failed after 4"
                        + " attempts).");
    }

    @Test
    void anAccountWithoutInstancesIsReadCompletelyAndYieldsNothing() throws Exception {
        ecs.setFleet(ecs.fleet().withPerRegion(0));

        connector.fetch(account(List.of()), pages::add);

        assertThat(pages).hasSize(2).allSatisfy(page -> assertThat(page).isEmpty());
    }

    @Test
    void throttlingIsRetriedWithBackoff() throws Exception {
        ecs.throttleNextRequests(3);

        connector.fetch(account(List.of("cn-hangzhou")), pages::add);

        assertThat(pages).singleElement().satisfies(page -> assertThat(page).hasSize(3));
        assertThat(ecs.requestCount()).isEqualTo(4);
    }

    @Test
    void throttlingThatNeverEndsFailsAfterTheLastAttempt() {
        ecs.throttleNextRequests(Integer.MAX_VALUE);

        assertThatThrownBy(() -> connector.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("Could not list the account's Alibaba Cloud regions (Throttling.User, HTTP 400 after 4"
                        + " attempts).");
        assertThat(ecs.requestCount()).isEqualTo(4);
    }

    @Test
    void refusedCredentialsFailWithAClearMessageWithoutRetrying() {
        AccountAccess wrongKey = account(List.of("cn-hangzhou", "eu-central-1"), "LTAI5tUnknownKeyId0000");

        assertThatThrownBy(() -> connector.fetch(wrongKey, pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("Alibaba Cloud refused the account's credentials (InvalidAccessKeyId.NotFound).")
                .hasMessageNotContaining("LTAI")
                .hasMessageNotContaining(AliyunEcsStub.SECRET_KEY);
        assertThat(ecs.requestCount()).as("the second region is not tried").isEqualTo(1);
        assertThat(pages).isEmpty();
    }

    @Test
    void aFailingRegionDoesNotStopTheOthersButFailsTheFetchNamingIt() {
        ecs.setFleet(new Fleet(List.of("cn-hangzhou", "cn-shanghai", "eu-central-1"), 3, 7));
        ecs.setFaults(StubFaults.NONE.withFailingRegions(Set.of("cn-shanghai")));

        assertThatThrownBy(() -> connector.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("Alibaba Cloud regions that could not be read: cn-shanghai (page 1: InternalError,"
                        + " HTTP 500 after 4 attempts). The other regions were read.");
        assertThat(pages).hasSize(2);
        assertThat(pages.stream().flatMap(List::stream).map(DiscoveredResource::regionId).distinct())
                .containsExactly("cn-hangzhou", "eu-central-1");
    }

    @Test
    void connectionResetsAreRetriedByTheSdk() throws Exception {
        ecs.setFaults(StubFaults.NONE.withConnectionResets(1.0));

        assertThatThrownBy(() -> connector.fetch(account(List.of("cn-hangzhou")), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("No Alibaba Cloud region could be read: cn-hangzhou (page 1: connection failed after 4"
                        + " attempts).");
        assertThat(ecs.requestCount()).isEqualTo(4);
    }

    @Test
    void aTruncatedAnswerIsRetriedThenFailsTheRegion() {
        ecs.setFaults(StubFaults.NONE.withMalformedBodies(1.0));

        assertThatThrownBy(() -> connector.fetch(account(List.of("cn-hangzhou")), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("No Alibaba Cloud region could be read: cn-hangzhou (page 1: the answer could not be"
                        + " parsed after 4 attempts).");
        assertThat(pages).isEmpty();
        assertThat(ecs.requestCount()).isEqualTo(4);
    }

    @Test
    void aGatewaysNonJsonThrottlingPageIsRetriedToo() {
        // the SDK hides the status of an answer whose body is not JSON, as the shared 429 fault's is
        ecs.setFaults(StubFaults.NONE.withThrottling(1.0, 0));

        assertThatThrownBy(() -> connector.fetch(account(List.of("cn-hangzhou")), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessageEndingWith("(page 1: the answer could not be parsed after 4 attempts).");
        assertThat(ecs.requestCount()).isEqualTo(4);
    }

    @Test
    void anInterruptedFetchEndsWithInterruptedException() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> connector.fetch(account(List.of("cn-hangzhou")), pages::add))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(pages).isEmpty();
    }

    private AccountAccess account(List<String> regions) {
        return account(regions, ecs.accessKey());
    }

    private AccountAccess account(List<String> regions, String accessKey) {
        return new AccountAccess(ecs.endpoint(), accessKey, ecs.secretKey(), null, null, regions);
    }

    private static AccountAccess withEndpoint(AccountAccess account, String endpoint) {
        return new AccountAccess(endpoint, account.ak(), account.sk(), account.tenantId(), account.subscriptionId(),
                account.regionIds());
    }
}
