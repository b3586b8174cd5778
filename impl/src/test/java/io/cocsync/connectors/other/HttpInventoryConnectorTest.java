package io.cocsync.connectors.other;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.TestContexts;
import io.cocsync.connectors.VendorConnector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpInventoryConnectorTest {

    private static final String PAGE_1 = """
            {"resources": [
              {"id": "i-1", "name": "web-1", "type": "cloudservers", "region": "eu-1", "properties": {"status": "ACTIVE"}},
              {"id": "i-2", "name": "db-1", "type": "cloudservers", "region": "eu-2"}],
             "next_marker": "page 2"}""";
    private static final String PAGE_2 = """
            {"resources": [{"id": "i-3", "type": "volumes", "region": "eu-1"}], "next_marker": null}""";

    private final WireMockServer inventory = new WireMockServer(wireMockConfig().dynamicPort());
    private final VendorConnector connector = HttpInventoryConnector.FACTORY
            .create(TestContexts.fast(3, Duration.ofSeconds(5)));
    private final List<List<DiscoveredResource>> pages = new ArrayList<>();

    @BeforeEach
    void start() {
        inventory.start();
    }

    @AfterEach
    void stop() {
        inventory.stop();
    }

    @Test
    void followsNextMarkerPageByPageWithBasicAuthentication() throws Exception {
        inventory.stubFor(get(urlPathEqualTo("/inventory")).withQueryParam("marker", equalTo("page 2"))
                .atPriority(1).willReturn(okJson(PAGE_2)));
        inventory.stubFor(get(urlPathEqualTo("/inventory")).atPriority(2).willReturn(okJson(PAGE_1)));

        connector.fetch(account(List.of()), pages::add);

        assertThat(pages).hasSize(2);
        assertThat(pages.get(0)).extracting(DiscoveredResource::resourceId).containsExactly("i-1", "i-2");
        assertThat(pages.get(0).get(0).properties()).containsEntry("status", "ACTIVE");
        assertThat(pages.get(1)).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo("volumes");
            assertThat(r.name()).isNull();
        });
        inventory.verify(2, getRequestedFor(urlPathEqualTo("/inventory"))
                .withHeader("Authorization", equalTo("Basic cmVhZGVyOnMzY3JldA==")));
    }

    @Test
    void readsOnlyTheAccountsRegionsWhenItNamesSome() throws Exception {
        inventory.stubFor(get(urlPathEqualTo("/inventory")).willReturn(okJson(
                PAGE_1.replace("\"next_marker\": \"page 2\"", "\"next_marker\": null"))));

        connector.fetch(account(List.of("eu-2")), pages::add);

        assertThat(pages).singleElement().satisfies(page ->
                assertThat(page).extracting(DiscoveredResource::resourceId).containsExactly("i-2"));
    }

    @Test
    void refusedCredentialsFailWithAClearMessageAndNoRetry() {
        inventory.stubFor(get(urlPathEqualTo("/inventory")).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> connector.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("The inventory endpoint refused the account's credentials (HTTP 401).")
                .hasMessageNotContaining("s3cret");
        inventory.verify(1, getRequestedFor(urlPathEqualTo("/inventory")));
    }

    @Test
    void throttlingIsRetriedHonoringRetryAfter() throws Exception {
        inventory.stubFor(get(urlPathEqualTo("/inventory")).inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("open")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
        inventory.stubFor(get(urlPathEqualTo("/inventory")).inScenario("throttle")
                .whenScenarioStateIs("open").willReturn(okJson(PAGE_2)));

        connector.fetch(account(List.of()), pages::add);

        assertThat(pages).singleElement().satisfies(page -> assertThat(page).hasSize(1));
        inventory.verify(2, getRequestedFor(urlPathEqualTo("/inventory")));
    }

    @Test
    void aServerThatKeepsFailingEndsTheReadAfterTheLastAttempt() {
        inventory.stubFor(get(urlPathEqualTo("/inventory")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> connector.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("The inventory endpoint, on page 1, kept failing (HTTP 503 after 3 attempts).");
        inventory.verify(3, getRequestedFor(urlPathEqualTo("/inventory")));
    }

    @Test
    void aBodyDribbledPastTheTimeoutIsCutOffAndRetriedInsteadOfWaitedFor() {
        VendorConnector impatient = HttpInventoryConnector.FACTORY.create(TestContexts.fast(3, Duration.ofSeconds(1)));
        // the headers come at once, the body a chunk every 400 ms: the headers' timeout alone never fires
        inventory.stubFor(get(urlPathEqualTo("/inventory")).willReturn(okJson(PAGE_2)
                .withChunkedDribbleDelay(10, 4_000)));
        long start = System.nanoTime();

        assertThatThrownBy(() -> impatient.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("The inventory endpoint, on page 1, kept failing (timed out after 3 attempts).");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        inventory.verify(3, getRequestedFor(urlPathEqualTo("/inventory")));
    }

    @Test
    void aMalformedPageFailsTheRead() {
        inventory.stubFor(get(urlPathEqualTo("/inventory")).willReturn(okJson("{\"resources\": [{\"id\": ")));

        assertThatThrownBy(() -> connector.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("Page 1 of the inventory is not valid JSON.");
    }

    @Test
    void aResourceWithoutIdFailsTheReadNamingIt() {
        inventory.stubFor(get(urlPathEqualTo("/inventory")).willReturn(okJson(
                "{\"resources\": [{\"type\": \"servers\"}]}")));

        assertThatThrownBy(() -> connector.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("In resource 0 of page 1, 'id' is missing.");
    }

    @Test
    void anInventoryThatRepeatsItsMarkerIsStoppedInsteadOfLoopingForever() {
        inventory.stubFor(get(urlPathEqualTo("/inventory")).willReturn(okJson(PAGE_1)));

        assertThatThrownBy(() -> connector.fetch(account(List.of()), pages::add))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("repeats next_marker 'page 2'");
    }

    private AccountAccess account(List<String> regions) {
        return new AccountAccess(inventory.baseUrl() + "/inventory", "reader", "s3cret", null, null, regions);
    }
}
