package io.cocsync.connectors.other;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.VendorJson;
import io.cocsync.connectors.VendorPayloads;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pages of the OTHER inventory format (docs/vendors.md) in the inventory's shape. */
class InventoryPageMappingTest {

    private final InventoryPageMapping mapping = new InventoryPageMapping(VendorJson.create());
    private final JsonNode page = VendorPayloads.json("other/inventory-page-1.json");

    @Test
    void everyResourceOfThePageIsMappedFieldForField() throws Exception {
        List<DiscoveredResource> resources = mapping.resourcesOf(page, Set.of(), 1);

        assertThat(resources).containsExactly(
                new DiscoveredResource("servers", "rack7-srv-012", "ledger-db-primary", "dc-amsterdam", Map.of(
                        "cpus", 32, "os", "Rocky Linux 9", "rack", "R7", "tags", Map.of("tier", "data"))),
                new DiscoveredResource("volumes", "san-vol-0442", null, "dc-dublin", Map.of()),
                new DiscoveredResource("load_balancers", "lb-edge-1", "edge balancer", "dc-amsterdam", Map.of()));
    }

    @Test
    void theAccountsRegionsKeepOnlyTheirResources() throws Exception {
        assertThat(mapping.resourcesOf(page, Set.of("dc-dublin"), 1))
                .extracting(DiscoveredResource::resourceId).containsExactly("san-vol-0442");
    }

    @Test
    void anEmptyLastPageHasNoResources() throws Exception {
        assertThat(mapping.resourcesOf(VendorPayloads.json("other/inventory-page-last.json"), Set.of(), 2)).isEmpty();
    }

    @Test
    void aResourceWithoutTypeIsRefusedNamingItsPlace() {
        ObjectNode broken = page.deepCopy();
        ((ObjectNode) broken.path("resources").get(1)).remove("type");

        assertThatThrownBy(() -> mapping.resourcesOf(broken, Set.of(), 3))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("In resource 1 of page 3, 'type' is missing.");
    }

    @Test
    void aPageWithoutResourcesArrayIsRefused() {
        ObjectNode broken = page.deepCopy();
        broken.put("resources", "none");

        assertThatThrownBy(() -> mapping.resourcesOf(broken, Set.of(), 1))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("Page 1 of the inventory is not an object with a 'resources' array.");
    }
}
