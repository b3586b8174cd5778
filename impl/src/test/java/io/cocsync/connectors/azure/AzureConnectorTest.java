package io.cocsync.connectors.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.TestContexts;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.connectors.VendorTls;
import io.cocsync.stubs.AzureStub;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.StubFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Azure connector through azure-identity and the Resource Graph SDK against the Azure stub, over HTTPS. */
class AzureConnectorTest {

    private final AzureStub azure = new AzureStub(new Fleet(List.of("eastus", "westeurope"), 3, 7));
    private final VendorConnector connector = AzureConnector.FACTORY.create(
            TestContexts.fast().withTls(() -> VendorTls.ofContext(azure.clientTls())));
    private final List<List<DiscoveredResource>> pages = new ArrayList<>();

    @AfterEach
    void stop() {
        azure.close();
    }

    @Test
    void signsInOnceAndReadsEveryLocationPageByPageFollowingTheSkipToken() throws Exception {
        azure.setFleet(azure.fleet().withPerRegion(AzureConnector.PAGE_SIZE + 1));

        connector.fetch(account(List.of()), pages::add);

        assertThat(pages).extracting(List::size).containsExactly(1000, 1000, 2);
        assertThat(pages.stream().flatMap(List::stream).map(DiscoveredResource::resourceId).distinct())
                .hasSize(2002);
        assertThat(pages.stream().flatMap(List::stream).map(DiscoveredResource::regionId).distinct())
                .containsExactly("eastus", "westeurope");
        assertThat(azure.tokensIssued()).isEqualTo(1);
        assertThat(azure.requestCount()).as("one token and three pages").isEqualTo(4);
    }

    @Test
    void mapsAVirtualMachineToTheInventoryShape() throws Exception {
        Fleet.Machine machine = azure.fleet().machine("eastus", 0);

        connector.fetch(account(List.of()), pages::add);

        DiscoveredResource resource = pages.get(0).get(0);
        assertThat(resource.type()).isEqualTo("virtualMachines");
        assertThat(resource.resourceId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8000-[0-9a-f]{12}");
        assertThat(resource.name()).isEqualTo(machine.name());
        assertThat(resource.regionId()).isEqualTo("eastus");
        assertThat(resource.properties())
                .containsEntry("state", machine.state())
                .containsEntry("zone", Integer.toString(machine.zone().charAt(machine.zone().length() - 1) - 'a' + 1))
                .containsEntry("tags", Map.of("owner", machine.ownerTag()))
                .containsEntry("created_time", machine.created().toString())
                .containsEntry("resource_group", "rg-eastus")
                .containsEntry("provisioning_state", "Succeeded")
                .containsEntry("arm_id", "/subscriptions/" + azure.subscriptionId()
                        + "/resourceGroups/rg-eastus/providers/Microsoft.Compute/virtualMachines/" + machine.name())
                .containsKeys("size", "image", "os_type")
                .doesNotContainKeys("private_ips", "public_ips");
        assertThat((String) resource.properties().get("size")).startsWith("Standard_");
        assertThat((String) resource.properties().get("image")).matches("[^:]+:[^:]+:[^:]+:latest");
    }

    @Test
    void readsOnlyTheLocationsTheAccountNames() throws Exception {
        connector.fetch(account(List.of("WestEurope")), pages::add);

        assertThat(pages).singleElement().satisfies(page -> assertThat(page)
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.regionId()).isEqualTo("westeurope")));
    }

    @Test
    void aSubscriptionWithoutVirtualMachinesIsReadCompletelyAndYieldsNothing() throws Exception {
        azure.setFleet(azure.fleet().withPerRegion(0));

        connector.fetch(account(List.of()), pages::add);

        assertThat(pages).singleElement().satisfies(page -> assertThat(page).isEmpty());
    }

    @Test
    void throttlingIsRetriedByAzureCoreHonoringRetryAfter() throws Exception {
        azure.throttleNextRequests(2);

        connector.fetch(account(List.of()), pages::add);

        assertThat(pages).singleElement().satisfies(page -> assertThat(page).hasSize(6));
        assertThat(azure.requestCount()).as("one token, two throttled queries, one answered").isEqualTo(4);
    }

    @Test
    void throttlingThatNeverEndsFailsAfterTheLastAttempt() {
        azure.throttleNextRequests(100);

        assertThatThrownBy(() -> connector.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("Could not read the virtual machines of Azure subscription " + azure.subscriptionId()
                        + " (page 1: RateLimiting, HTTP 429 after 4 attempts).");
        assertThat(azure.requestCount()).isEqualTo(5);
    }

    @Test
    void aWrongClientSecretFailsWithAClearMessageWithoutTheSecret() {
        AccountAccess wrongSecret = account(List.of(), azure.accessKey(), "not-the-secret", azure.subscriptionId());

        assertThatThrownBy(() -> connector.fetch(wrongSecret, pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("Azure refused the account's credentials (invalid_client).")
                .hasMessageNotContaining("not-the-secret");
        assertThat(azure.requestCount()).as("no retry of a refusal, no query").isEqualTo(1);
    }

    @Test
    void aSubscriptionTheApplicationMayNotReadFailsSayingItNeedsTheReaderRole() {
        String other = "0b5e2c9d-0000-4000-8000-000000000001";

        assertThatThrownBy(() -> connector.fetch(account(List.of(), azure.accessKey(), azure.secretKey(), other),
                pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("The Azure application may not read subscription " + other
                        + ": give it the Reader role there (AuthorizationFailed).");
    }

    @Test
    void aFailingLocationFailsTheFetchAfterThePagesBeforeItWereDelivered() {
        azure.setFleet(new Fleet(List.of("eastus", "northeurope", "westeurope"), 1000, 7));
        azure.setFaults(StubFaults.NONE.withFailingRegions(Set.of("northeurope")));

        assertThatThrownBy(() -> connector.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("Could not read the virtual machines of Azure subscription " + azure.subscriptionId()
                        + " (page 2: InternalServerError, HTTP 500 after 4 attempts).");
        assertThat(pages).singleElement().satisfies(page -> assertThat(page)
                .hasSize(1000)
                .allSatisfy(r -> assertThat(r.regionId()).isEqualTo("eastus")));
    }

    @Test
    void connectionsThatKeepBreakingFailAfterTheLastAttempt() {
        azure.setFaults(StubFaults.NONE.withConnectionResets(1.0));

        assertThatThrownBy(() -> connector.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("Could not")
                .hasMessageContaining("after 4 attempts");
        assertThat(pages).isEmpty();
    }

    @Test
    void aTruncatedAnswerFailsTheFetch() {
        azure.setFaults(StubFaults.NONE.withMalformedBodies(1.0));

        assertThatThrownBy(() -> connector.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("Could not read the virtual machines of Azure subscription " + azure.subscriptionId()
                        + " (page 1: the answer could not be parsed).");
        assertThat(pages).isEmpty();
    }

    @Test
    void anAccountWithoutTenantOrSubscriptionFailsAtOnce() {
        AccountAccess noSubscription = account(List.of(), azure.accessKey(), azure.secretKey(), null);

        assertThatThrownBy(() -> connector.fetch(noSubscription, pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("An AZURE account needs a tenant_id (the directory id) and a subscription_id"
                        + " (the subscription to read).");
        assertThat(azure.requestCount()).isZero();
    }

    @Test
    void anUntrustedCertificateFailsWithAClearMessage() {
        VendorConnector trustingOnlyPublicCas = AzureConnector.FACTORY.create(TestContexts.fast(2, Duration.ofSeconds(5)));

        assertThatThrownBy(() -> trustingOnlyPublicCas.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("TLS certificate this server does not trust");
    }

    private AccountAccess account(List<String> regions) {
        return account(regions, azure.accessKey(), azure.secretKey(), azure.subscriptionId());
    }

    private AccountAccess account(List<String> regions, String clientId, String secret, String subscription) {
        return new AccountAccess(azure.endpoint(), clientId, secret, azure.tenantId().orElseThrow(), subscription, regions);
    }
}
