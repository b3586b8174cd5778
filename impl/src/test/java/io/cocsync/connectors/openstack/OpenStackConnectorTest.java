package io.cocsync.connectors.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.TestContexts;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.OpenStackStub;
import io.cocsync.stubs.StubFaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenStackConnectorTest {

    private static final int PAGE_SIZE = 10;

    private final OpenStackStub stub = new OpenStackStub(new Fleet(List.of("RegionOne", "RegionTwo"), 25, 7));
    private final VendorConnector connector = OpenStackConnector.factory(PAGE_SIZE).create(TestContexts.fast());
    private final List<List<DiscoveredResource>> pages = new ArrayList<>();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void readsEveryRegionPageByPageFollowingNovasNextLinks() throws Exception {
        connector.fetch(account(List.of()), pages::add);

        assertThat(pages).extracting(List::size).containsExactly(10, 10, 5, 10, 10, 5);
        assertThat(resources()).hasSize(50)
                .allSatisfy(r -> assertThat(r.type()).isEqualTo("servers"))
                .extracting(DiscoveredResource::resourceId).doesNotHaveDuplicates();
        assertThat(resources()).filteredOn(r -> r.regionId().equals("RegionTwo")).hasSize(25);
        assertThat(stub.requestCount()).as("one authentication, six pages").isEqualTo(7);
    }

    @Test
    void aFullLastPageIsFollowedToTheEmptyPageNovaLinksTo() throws Exception {
        stub.setFleet(stub.fleet().withPerRegion(20));

        connector.fetch(account(List.of("RegionOne")), pages::add);

        assertThat(pages).extracting(List::size).containsExactly(10, 10, 0);
    }

    @Test
    void mapsAServerToTheInventoryShape() throws Exception {
        connector.fetch(account(List.of("RegionOne")), pages::add);

        Fleet.Machine machine = stub.fleet().machine("RegionOne", 0);
        DiscoveredResource server = resources().get(0);
        assertThat(server.resourceId()).isEqualTo(stub.serverId("RegionOne", 0));
        assertThat(server.name()).isEqualTo(machine.name());
        assertThat(server.regionId()).isEqualTo("RegionOne");
        assertThat(server.properties())
                .containsEntry("state", machine.state().equals("running") ? "ACTIVE" : "SHUTOFF")
                .containsEntry("size", "m1." + machine.size())
                .containsEntry("zone", machine.zone())
                .containsEntry("private_ips", List.of(machine.privateIp()))
                .containsEntry("public_ips", List.of(OpenStackStub.floatingIp(0)))
                .containsEntry("tags", Map.of("owner", machine.ownerTag()))
                .containsEntry("created_time", machine.created().toString())
                .containsEntry("project_id", stub.projectId())
                .containsKey("host_id");
        assertThat(resources().get(1).properties()).containsEntry("public_ips", List.of());
    }

    @Test
    void aServerBootedFromAVolumeHasNoImage() throws Exception {
        connector.fetch(account(List.of("RegionOne")), pages::add);

        for (DiscoveredResource server : resources()) {
            int index = Integer.parseInt(server.name().substring("RegionOne-vm-".length()));
            String image = stub.fleet().machine("RegionOne", index).image();
            assertThat(server.properties().get("image"))
                    .isEqualTo(image.startsWith("windows") ? null : image);
        }
        assertThat(resources()).anySatisfy(r -> assertThat(r.properties()).doesNotContainKey("image"));
    }

    @Test
    void aNovaOlderThanMicroversion247IsReadWithTheFlavorIdAsSize() throws Exception {
        stub.setMaxMicroversion(38);

        connector.fetch(account(List.of("RegionOne")), pages::add);

        assertThat(resources()).hasSize(25);
        assertThat(resources().get(0).properties())
                .containsEntry("size", "m1." + stub.fleet().machine("RegionOne", 0).size());
    }

    @Test
    void anEmptyProjectIsReadSuccessfullyWithNoServers() throws Exception {
        stub.setFleet(stub.fleet().withPerRegion(0));

        connector.fetch(account(List.of()), pages::add);

        assertThat(resources()).isEmpty();
    }

    @Test
    void readsOnlyTheRegionsTheAccountNames() throws Exception {
        connector.fetch(account(List.of("RegionTwo")), pages::add);

        assertThat(resources()).hasSize(25).allSatisfy(r -> assertThat(r.regionId()).isEqualTo("RegionTwo"));
    }

    @Test
    void aRegionMissingFromTheCatalogFailsNamingIt() {
        assertThatThrownBy(() -> connector.fetch(account(List.of("RegionOne", "RegionThree")), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("The OpenStack service catalog has no public compute endpoint in region RegionThree"
                        + " (it has: RegionOne, RegionTwo).");
        assertThat(pages).isEmpty();
    }

    @Test
    void anAccountWithoutProjectIdFailsBeforeAnyRequest() {
        assertThatThrownBy(() -> connector.fetch(account(List.of(), stub.secretKey(), null), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("An OPENSTACK account needs a tenant_id: the id of the project to read.");
        assertThat(stub.requestCount()).isZero();
    }

    @Test
    void refusedCredentialsFailWithAClearMessageAndNoRetry() {
        assertThatThrownBy(() -> connector.fetch(account(List.of(), "wrong-password", stub.projectId()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("OpenStack Keystone refused the account's credentials (HTTP 401).")
                .hasMessageNotContaining("wrong-password");
        assertThat(stub.requestCount()).isEqualTo(1);
    }

    @Test
    void aProjectTheUserCannotScopeToIsRefusedLikeBadCredentials() {
        assertThatThrownBy(() -> connector.fetch(account(List.of(), stub.secretKey(), "other-project"), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("OpenStack Keystone refused the account's credentials (HTTP 401).");
    }

    @Test
    void throttledRequestsAreRetriedAndTheReadCompletes() throws Exception {
        stub.throttleNextRequests(3);

        connector.fetch(account(List.of("RegionOne")), pages::add);

        assertThat(resources()).hasSize(25);
        assertThat(stub.requestCount()).as("three throttled, one authentication, three pages").isEqualTo(7);
    }

    @Test
    void anExpiredTokenIsRenewedAndTheReadContinuesWhereItWas() throws Exception {
        stub.setFleet(stub.fleet().withPerRegion(45));
        stub.expireTokensAfter(2);

        connector.fetch(account(List.of("RegionOne")), pages::add);

        assertThat(pages).extracting(List::size).containsExactly(10, 10, 10, 10, 5);
        assertThat(resources()).extracting(DiscoveredResource::resourceId)
                .containsExactlyElementsOf(
                        IntStream.range(0, 45).mapToObj(i -> stub.serverId("RegionOne", i)).toList());
        assertThat(stub.tokensIssued()).as("the first token and two renewals").isEqualTo(3);
    }

    @Test
    void aFailingRegionDoesNotStopTheOthersButFailsTheFetchNamingIt() {
        stub.setFaults(StubFaults.NONE.withFailingRegions(Set.of("RegionOne")));

        assertThatThrownBy(() -> connector.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("OpenStack regions that could not be read: RegionOne (OpenStack Nova, on page 1, kept"
                        + " failing (HTTP 500 after 4 attempts)). The other regions were read.");
        assertThat(resources()).hasSize(25).allSatisfy(r -> assertThat(r.regionId()).isEqualTo("RegionTwo"));
    }

    @Test
    void truncatedPagesFailEveryRegionNamingThePage() {
        stub.setFaults(StubFaults.NONE.withMalformedBodies(1.0));

        assertThatThrownBy(() -> connector.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("No OpenStack region could be read:"
                        + " RegionOne (Page 1 of the servers is not valid JSON),"
                        + " RegionTwo (Page 1 of the servers is not valid JSON).");
        assertThat(pages).isEmpty();
    }

    private List<DiscoveredResource> resources() {
        return pages.stream().flatMap(List::stream).toList();
    }

    private AccountAccess account(List<String> regions) {
        return account(regions, stub.secretKey(), stub.projectId());
    }

    private AccountAccess account(List<String> regions, String password, String projectId) {
        return new AccountAccess(stub.endpoint(), stub.accessKey(), password, projectId, null, regions);
    }
}
