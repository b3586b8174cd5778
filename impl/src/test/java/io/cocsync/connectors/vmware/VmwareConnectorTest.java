package io.cocsync.connectors.vmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.ConnectorContext;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.TestContexts;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.StubFaults;
import io.cocsync.stubs.VmwareStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VmwareConnectorTest {

    private static final ConnectorContext CONTEXT = TestContexts.fast(4, Duration.ofSeconds(10));

    private final VendorConnector listsOnly = VmwareConnector.factory(0).create(CONTEXT);
    private final List<List<DiscoveredResource>> pages = new ArrayList<>();
    private VmwareStub vcenter;

    @AfterEach
    void stopStub() {
        if (vcenter != null) {
            vcenter.close();
        }
    }

    @Test
    void readsEveryDatacenterInPagesOf500AndSignsOut() throws Exception {
        vcenter = new VmwareStub(new Fleet(List.of("dc-east", "dc-west"), 1200, 7));

        listsOnly.fetch(account(List.of()), pages::add);

        assertThat(pages).extracting(List::size).containsExactly(500, 500, 200, 500, 500, 200);
        assertThat(all()).extracting(DiscoveredResource::resourceId).doesNotHaveDuplicates()
                .allMatch(id -> id.startsWith("vm-"));
        assertThat(vcenter.sessionsCreated()).isEqualTo(1);
        assertThat(vcenter.sessionsDeleted()).isEqualTo(1);
    }

    @Test
    void mapsTheVmListIntoTheInventoryShape() throws Exception {
        vcenter = new VmwareStub(new Fleet(List.of("dc-east", "dc-west"), 3, 7));

        listsOnly.fetch(account(List.of()), pages::add);

        DiscoveredResource first = all().get(3);
        assertThat(first.type()).isEqualTo("vms");
        assertThat(first.name()).isEqualTo("dc-west-vm-0");
        assertThat(first.regionId()).isEqualTo("dc-west");
        Map<String, Object> properties = first.properties();
        assertThat(properties.get("state")).isIn("POWERED_ON", "POWERED_OFF", "SUSPENDED");
        long cpus = (Long) properties.get("cpu_count");
        long memory = (Long) properties.get("memory_size_mib");
        assertThat(properties).containsEntry("size", cpus + " vCPU, " + memory + " MiB")
                .containsEntry("datacenter_id", "datacenter-2")
                .doesNotContainKeys("host", "image", "private_ips", "tags");
    }

    @Test
    void vmDetailsAddTheGuestOsAndTheIpWhereVmwareToolsRun() throws Exception {
        Fleet fleet = new Fleet(List.of("dc-1"), 40, 3);
        vcenter = new VmwareStub(fleet);

        VmwareConnector.factory(4).create(CONTEXT).fetch(account(List.of()), pages::add);

        List<DiscoveredResource> vms = all();
        assertThat(vms).hasSize(40);
        Map<String, List<DiscoveredResource>> byState = vms.stream()
                .collect(Collectors.groupingBy(vm -> (String) vm.properties().get("state")));
        assertThat(byState.get("POWERED_ON")).isNotEmpty().filteredOn(vm -> vm.properties().containsKey("private_ips"))
                .isNotEmpty()
                .allSatisfy(vm -> {
                    int index = Integer.parseInt(vm.name().substring("dc-1-vm-".length()));
                    assertThat(vm.properties())
                            .containsEntry("private_ips", List.of(fleet.machine("dc-1", index).privateIp()))
                            .containsEntry("guest_host_name", vm.name());
                    assertThat((String) vm.properties().get("image")).endsWith("(64-bit)");
                });
        assertThat(byState.get("POWERED_OFF")).isNotEmpty().allSatisfy(vm -> {
            assertThat(vm.properties()).doesNotContainKey("private_ips");
            assertThat((String) vm.properties().get("image")).matches("[A-Z_0-9]+"); // the configured guest_OS
        });
    }

    @Test
    void aDatacenterOverTheListLimitIsReadByPowerStateAndThenByHost() throws Exception {
        vcenter = new VmwareStub(new Fleet(List.of("dc-big"), 6000, 11));

        listsOnly.fetch(account(List.of()), pages::add);

        List<DiscoveredResource> vms = all();
        assertThat(vms).hasSize(6000).extracting(DiscoveredResource::resourceId).doesNotHaveDuplicates();
        assertThat(pages).allSatisfy(page -> assertThat(page).hasSizeLessThanOrEqualTo(500));
        List<DiscoveredResource> poweredOn = vms.stream()
                .filter(vm -> vm.properties().get("state").equals("POWERED_ON")).toList();
        assertThat(poweredOn).as("more powered-on VMs than one list may hold").hasSizeGreaterThan(4000)
                .allSatisfy(vm -> assertThat((String) vm.properties().get("host")).endsWith(".dc-big.example.test"));
        assertThat(vms).filteredOn(vm -> !vm.properties().get("state").equals("POWERED_ON"))
                .isNotEmpty().allSatisfy(vm -> assertThat(vm.properties()).doesNotContainKey("host"));
    }

    @Test
    void aHostWithMoreVmsThanOneListMayHoldFailsItsDatacenterClearly() {
        vcenter = new VmwareStub(new Fleet(List.of("dc-big"), 6000, 11));
        vcenter.setVmsPerHost(6000);

        assertThatThrownBy(() -> listsOnly.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("No VMware datacenter could be read: dc-big (vCenter lists more than 4,000 POWERED_ON"
                        + " VMs on host esx-01.dc-big.example.test; they cannot be read in smaller parts).");
    }

    @Test
    void anEmptyVcenterIsReadWithoutPages() throws Exception {
        vcenter = new VmwareStub(new Fleet(List.of("dc-1"), 0, 1));

        listsOnly.fetch(account(List.of()), pages::add);

        assertThat(pages).isEmpty();
    }

    @Test
    void regionIdsSelectDatacentersByName() throws Exception {
        vcenter = new VmwareStub(new Fleet(List.of("dc-1", "dc-2", "dc-3"), 5, 1));

        listsOnly.fetch(account(List.of("dc-3")), pages::add);

        assertThat(all()).hasSize(5).extracting(DiscoveredResource::regionId).containsOnly("dc-3");
    }

    @Test
    void aRegionIdThatNamesNoDatacenterFailsBeforeReadingAnything() {
        vcenter = new VmwareStub(new Fleet(List.of("dc-1", "dc-2"), 5, 1));

        assertThatThrownBy(() -> listsOnly.fetch(account(List.of("dc-1", "dc-9")), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("vCenter has no datacenter named dc-9 (it has dc-1, dc-2).");
        assertThat(pages).isEmpty();
    }

    @Test
    void aWrongPasswordFailsWithAClearMessage() {
        vcenter = new VmwareStub(new Fleet(List.of("dc-1"), 5, 1));
        AccountAccess wrong = account(vcenter.accessKey(), "not-the-password", List.of());

        assertThatThrownBy(() -> listsOnly.fetch(wrong, pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("vCenter refused the account's credentials (HTTP 401).");
        assertThat(vcenter.sessionsCreated()).isZero();
    }

    @Test
    void throttlingIsRetried() throws Exception {
        vcenter = new VmwareStub(new Fleet(List.of("dc-1"), 5, 1));
        vcenter.throttleNextRequests(3);

        listsOnly.fetch(account(List.of()), pages::add);

        assertThat(all()).hasSize(5);
    }

    @Test
    void anExpiredSessionIsReplacedBySigningInAgain() throws Exception {
        vcenter = new VmwareStub(new Fleet(List.of("dc-1", "dc-2", "dc-3"), 10, 1));
        vcenter.expireSessionsAfter(2);

        listsOnly.fetch(account(List.of()), pages::add);

        assertThat(all()).hasSize(30);
        assertThat(vcenter.sessionsCreated()).isEqualTo(2);
    }

    @Test
    void anExpiredSessionWhileReadingDetailsInParallelIsReplacedToo() throws Exception {
        vcenter = new VmwareStub(new Fleet(List.of("dc-1"), 60, 1));
        vcenter.expireSessionsAfter(50);

        VmwareConnector.factory(2).create(CONTEXT).fetch(account(List.of()), pages::add);

        assertThat(all()).hasSize(60).allSatisfy(vm -> assertThat(vm.properties()).containsKey("image"));
        assertThat(vcenter.sessionsCreated()).isGreaterThan(1);
    }

    @Test
    void aSessionThatIsRefusedAgainAfterSigningInEndsTheRead() {
        vcenter = new VmwareStub(new Fleet(List.of("dc-1"), 5, 1));
        vcenter.expireSessionsAfter(0);

        assertThatThrownBy(() -> listsOnly.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("vCenter ended the session and refused a new one (HTTP 401).");
    }

    @Test
    void aFailingDatacenterDoesNotStopTheOthersButFailsTheRead() {
        vcenter = new VmwareStub(new Fleet(List.of("dc-1", "dc-2", "dc-3"), 600, 1));
        vcenter.setFaults(StubFaults.NONE.withFailingRegions(Set.of("dc-2")));

        assertThatThrownBy(() -> listsOnly.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("VMware datacenters that could not be read: dc-2 (vCenter's VM list of datacenter dc-2"
                        + " kept failing (HTTP 500 after 4 attempts)). The other datacenters were read.");
        assertThat(all()).hasSize(1200).extracting(DiscoveredResource::regionId).containsOnly("dc-1", "dc-3");
    }

    @Test
    void aMalformedAnswerFailsTheReadNamingTheCall() {
        vcenter = new VmwareStub(new Fleet(List.of("dc-1"), 5, 1));
        vcenter.setFaults(StubFaults.NONE.withMalformedBodies(1.0));

        assertThatThrownBy(() -> listsOnly.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("vCenter's datacenter list is not valid JSON.");
    }

    @Test
    void anEndpointThatIsNoUrlIsRefusedBeforeAnyCall() {
        vcenter = new VmwareStub(new Fleet(List.of("dc-1"), 5, 1));
        AccountAccess account = new AccountAccess("vcenter.example.com", vcenter.accessKey(), vcenter.secretKey(), null, null, List.of());

        assertThatThrownBy(() -> listsOnly.fetch(account, pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("The account's endpoint is not usable: ")
                .hasMessageContaining("A VMWARE account needs an endpoint: the vCenter base URL");
        assertThat(vcenter.requestCount()).isZero();
    }

    private List<DiscoveredResource> all() {
        return pages.stream().flatMap(List::stream).toList();
    }

    private AccountAccess account(List<String> datacenters) {
        return account(vcenter.accessKey(), vcenter.secretKey(), datacenters);
    }

    private AccountAccess account(String user, String password, List<String> datacenters) {
        return new AccountAccess(vcenter.endpoint() + "/", user, password, null, null, datacenters);
    }
}
