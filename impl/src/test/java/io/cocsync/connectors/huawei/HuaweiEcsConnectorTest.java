package io.cocsync.connectors.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cocsync.accounts.CloudVendor;
import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.RetryPolicy;
import io.cocsync.connectors.TestContexts;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.HuaweiEcsStub;
import io.cocsync.stubs.StubFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The RMS and HCS connectors through Huawei Cloud's Java SDK against the ECS stub, over HTTP. */
class HuaweiEcsConnectorTest {

    private static final RetryPolicy FAST_RETRY = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(20));
    private static final String BEIJING = "cn-north-4";
    private static final String SINGAPORE = "ap-southeast-1";

    private final List<List<DiscoveredResource>> pages = new ArrayList<>();

    @Nested
    class HuaweiCloud {

        private final HuaweiEcsStub ecs = HuaweiEcsStub.rms(new Fleet(List.of(BEIJING, SINGAPORE), 3, 7));
        private final VendorConnector connector = HuaweiEcsConnector.RMS.create(TestContexts.fast());

        @AfterEach
        void stop() {
            ecs.close();
        }

        @Test
        void readsEveryRegionWithAProjectPageByPageByPageNumber() throws Exception {
            ecs.setFleet(ecs.fleet().withPerRegion(2 * HuaweiEcsConnector.PAGE_SIZE + 1));

            connector.fetch(account(List.of(), null), pages::add);

            assertThat(pages).extracting(List::size).containsExactly(1000, 1000, 1, 1000, 1000, 1);
            assertThat(pages.get(0)).allSatisfy(r -> assertThat(r.regionId()).isEqualTo(BEIJING));
            assertThat(pages.get(5)).allSatisfy(r -> assertThat(r.regionId()).isEqualTo(SINGAPORE));
            assertThat(pages.stream().flatMap(List::stream).map(DiscoveredResource::resourceId).distinct())
                    .hasSize(4002);
            assertThat(ecs.requestCount()).as("the IAM project list and six pages").isEqualTo(7);
        }

        @Test
        void stopsWhenTheCountIsReachedWithoutAskingForAnEmptyPage() throws Exception {
            ecs.setFleet(ecs.fleet().withPerRegion(HuaweiEcsConnector.PAGE_SIZE));

            connector.fetch(account(List.of(BEIJING), null), pages::add);

            assertThat(pages).singleElement().satisfies(page -> assertThat(page).hasSize(1000));
            assertThat(ecs.requestCount()).isEqualTo(2);
        }

        @Test
        void mapsAServerToTheInventoryShape() throws Exception {
            Fleet.Machine machine = ecs.fleet().machine(BEIJING, 0);

            connector.fetch(account(List.of(BEIJING), null), pages::add);

            DiscoveredResource resource = pages.get(0).get(0);
            assertThat(resource.type()).isEqualTo("cloudservers");
            assertThat(resource.resourceId()).isEqualTo(HuaweiEcsStub.serverIdOf(machine));
            assertThat(resource.name()).isEqualTo(machine.name());
            assertThat(resource.regionId()).isEqualTo(BEIJING);
            assertThat(resource.properties())
                    .containsEntry("state", machine.state().equals("running") ? "ACTIVE" : "SHUTOFF")
                    .containsEntry("image_name", machine.image())
                    .containsEntry("zone", machine.zone())
                    .containsEntry("private_ips", List.of(machine.privateIp()))
                    .containsEntry("tags", Map.of("owner", machine.ownerTag(), "env", ""))
                    .containsEntry("created_time", machine.created().toString())
                    .containsEntry("enterprise_project_id", "0")
                    .containsEntry("project_id", HuaweiEcsStub.projectIdOf(BEIJING))
                    .containsKeys("size", "image", "public_ips");
            assertThat((String) resource.properties().get("size")).matches("[a-z0-9]+\\.[a-z0-9]+\\.\\d");
        }

        @Test
        void mapsFloatingAddressesToPublicIps() throws Exception {
            ecs.setFleet(ecs.fleet().withPerRegion(50));

            connector.fetch(account(List.of(BEIJING), null), pages::add);

            assertThat(pages.get(0)).filteredOn(r -> r.properties().get("state").equals("ACTIVE"))
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat((List<?>) r.properties().get("public_ips")).hasSize(1));
            assertThat(pages.get(0)).filteredOn(r -> r.properties().get("state").equals("SHUTOFF"))
                    .allSatisfy(r -> assertThat((List<?>) r.properties().get("public_ips")).isEmpty());
        }

        @Test
        void readsOnlyTheRegionsTheAccountNames() throws Exception {
            connector.fetch(account(List.of(SINGAPORE), null), pages::add);

            assertThat(pages).singleElement().satisfies(page -> assertThat(page)
                    .hasSize(3)
                    .allSatisfy(r -> assertThat(r.regionId()).isEqualTo(SINGAPORE)));
        }

        @Test
        void aNamedRegionWithoutProjectFailsTheFetchAfterTheOthersWereRead() {
            assertThatThrownBy(() -> connector.fetch(account(List.of(BEIJING, "eu-west-0"), null), pages::add))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage("Huawei Cloud regions that could not be read: eu-west-0 (the account has no project"
                            + " there: region not enabled). The other regions were read.");
            assertThat(pages).singleElement().satisfies(page -> assertThat(page).hasSize(3));
        }

        @Test
        void aTenantIdIsTheProjectOfTheOneNamedRegionAndSparesTheIamCall() throws Exception {
            connector.fetch(account(List.of(SINGAPORE), HuaweiEcsStub.projectIdOf(SINGAPORE)), pages::add);

            assertThat(pages).singleElement().satisfies(page -> assertThat(page).hasSize(3));
            assertThat(ecs.requestCount()).isEqualTo(1);
        }

        @Test
        void aTenantIdWithoutExactlyOneRegionIsRefusedBeforeAnyCall() {
            assertThatThrownBy(() -> connector.fetch(account(List.of(), HuaweiEcsStub.projectIdOf(BEIJING)),
                    pages::add))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage("An RMS account with a tenant_id reads one region: name it, and only it, in region_ids.");
            assertThat(ecs.requestCount()).isZero();
        }

        @Test
        void anAccountWithoutServersIsReadCompletelyAndYieldsNothing() throws Exception {
            ecs.setFleet(ecs.fleet().withPerRegion(0));

            connector.fetch(account(List.of(), null), pages::add);

            assertThat(pages).hasSize(2).allSatisfy(page -> assertThat(page).isEmpty());
        }

        @Test
        void throttlingIsRetried() throws Exception {
            ecs.throttleNextRequests(3);

            connector.fetch(account(List.of(BEIJING), null), pages::add);

            assertThat(pages).singleElement().satisfies(page -> assertThat(page).hasSize(3));
            assertThat(ecs.requestCount()).as("three throttled, the project list, one page").isEqualTo(5);
        }

        @Test
        void throttlingThatNeverEndsFailsAfterTheLastAttempt() {
            ecs.throttleNextRequests(100);

            assertThatThrownBy(() -> connector.fetch(account(List.of(), null), pages::add))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage("Could not list the account's projects from IAM (APIGW.0308, HTTP 429 after 4"
                            + " attempts).");
            assertThat(ecs.requestCount()).isEqualTo(4);
        }

        @Test
        void refusedCredentialsEndTheFetchAtOnceWithoutRevealingTheKeys() {
            AccountAccess wrongKey = account(List.of(), null, "HPUAWRONGKEY00000000");

            assertThatThrownBy(() -> connector.fetch(wrongKey, pages::add))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage("Huawei Cloud refused the account's credentials (APIGW.0301, HTTP 401).")
                    .hasMessageNotContaining("HPUA")
                    .hasMessageNotContaining(HuaweiEcsStub.SECRET_KEY);
            assertThat(ecs.requestCount()).isEqualTo(1);
        }

        @Test
        void aFailingRegionDoesNotStopTheOthersButFailsTheFetchNamingIt() {
            ecs.setFleet(new Fleet(List.of(BEIJING, "cn-east-3", SINGAPORE), 3, 7));
            ecs.setFaults(StubFaults.NONE.withFailingRegions(Set.of("cn-east-3")));

            assertThatThrownBy(() -> connector.fetch(account(List.of(), null), pages::add))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage("Huawei Cloud regions that could not be read: cn-east-3 (page 1: Ecs.0000, HTTP 500"
                            + " after 4 attempts). The other regions were read.");
            assertThat(pages).hasSize(2);
            assertThat(pages.stream().flatMap(List::stream).map(DiscoveredResource::regionId).distinct())
                    .containsExactly(BEIJING, SINGAPORE);
        }

        @Test
        void aTruncatedAnswerFailsTheRegionWithoutRetrying() {
            ecs.setFaults(StubFaults.NONE.withMalformedBodies(1.0));

            assertThatThrownBy(() -> connector.fetch(account(List.of(BEIJING), HuaweiEcsStub.projectIdOf(BEIJING)),
                    pages::add))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage("No Huawei Cloud region could be read: cn-north-4 (page 1: the answer could not be"
                            + " parsed).");
            assertThat(pages).isEmpty();
            assertThat(ecs.requestCount()).isEqualTo(1);
        }

        private AccountAccess account(List<String> regions, String tenantId) {
            return account(regions, tenantId, ecs.accessKey());
        }

        private AccountAccess account(List<String> regions, String tenantId, String accessKey) {
            return HuaweiEcsConnectorTest.account(CloudVendor.RMS, accessKey, ecs.secretKey(), ecs.endpoint(),
                    tenantId, regions);
        }
    }

    @Nested
    class HuaweiCloudStack {

        private static final String REGION = "region01";

        private final HuaweiEcsStub ecs = HuaweiEcsStub.hcs(new Fleet(List.of(REGION), 1500, 5));
        private final VendorConnector connector = HuaweiEcsConnector.HCS.create(TestContexts.fast());

        @AfterEach
        void stop() {
            ecs.close();
        }

        @Test
        void readsTheProjectNamedByTenantIdAtTheAccountsEndpointPageByPage() throws Exception {
            connector.fetch(account(ecs.endpoint(), ecs.tenantId().orElseThrow(), List.of(REGION)), pages::add);

            assertThat(pages).extracting(List::size).containsExactly(1000, 500);
            assertThat(pages.stream().flatMap(List::stream))
                    .allSatisfy(r -> assertThat(r.regionId()).isEqualTo(REGION))
                    .allSatisfy(r -> assertThat(r.properties()).containsEntry("project_id", ecs.tenantId().get()));
            assertThat(ecs.requestCount()).as("no IAM call, two pages").isEqualTo(2);
        }

        @Test
        void anAccountWithoutEndpointIsRefusedClearly() {
            assertThatThrownBy(() -> connector.fetch(account(null, ecs.tenantId().orElseThrow(), List.of(REGION)),
                    pages::add))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageStartingWith("An HCS account needs the endpoint of its region's ECS API");
        }

        @Test
        void anAccountWithoutTenantIdIsRefusedClearly() {
            assertThatThrownBy(() -> connector.fetch(account(ecs.endpoint(), null, List.of(REGION)), pages::add))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage("An HCS account needs its project id as tenant_id.");
        }

        @Test
        void withoutRegionIdsTheRegionIsNamedAfterTheEndpoint() throws Exception {
            connector.fetch(account(ecs.endpoint(), ecs.tenantId().orElseThrow(), List.of()), pages::add);

            assertThat(pages.stream().flatMap(List::stream)).hasSize(1500)
                    .allSatisfy(r -> assertThat(r.regionId()).isEqualTo("127.0.0.1"));
            assertThat(RegionProjects.regionOfHost("ecs.region01.hcs.example.com")).isEqualTo("region01");
        }

        @Test
        void anAccountNamingSeveralRegionsIsRefusedClearly() {
            assertThatThrownBy(() -> connector.fetch(account(ecs.endpoint(), ecs.tenantId().orElseThrow(),
                    List.of(REGION, "region02")), pages::add))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage("An HCS account reads one region: name it, and only it, in region_ids.");
        }

        @Test
        void refusedCredentialsNameTheVendor() {
            AccountAccess wrongKey = HuaweiEcsConnectorTest.account(CloudVendor.HCS, "HPUAWRONGKEY00000000",
                    ecs.secretKey(), ecs.endpoint(), ecs.tenantId().orElseThrow(), List.of(REGION));

            assertThatThrownBy(() -> connector.fetch(wrongKey, pages::add))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage("Huawei Cloud Stack refused the account's credentials (APIGW.0301, HTTP 401).");
        }

        @Test
        void throttlingIsRetried() throws Exception {
            ecs.throttleNextRequests(1);

            connector.fetch(account(ecs.endpoint(), ecs.tenantId().orElseThrow(), List.of(REGION)), pages::add);

            assertThat(pages).extracting(List::size).containsExactly(1000, 500);
            assertThat(ecs.requestCount()).isEqualTo(3);
        }

        private AccountAccess account(String endpoint, String tenantId, List<String> regions) {
            return HuaweiEcsConnectorTest.account(CloudVendor.HCS, ecs.accessKey(), ecs.secretKey(), endpoint,
                    tenantId, regions);
        }
    }

    static AccountAccess account(CloudVendor vendor, String ak, String sk, String endpoint, String tenantId,
            List<String> regions) {
        return new AccountAccess(endpoint, ak, sk, tenantId, null, regions);
    }
}
