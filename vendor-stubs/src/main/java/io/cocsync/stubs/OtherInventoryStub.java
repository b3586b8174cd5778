package io.cocsync.stubs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Serves a generated fleet as the HTTP inventory that OTHER accounts read: pages of
 * {@value #PAGE_SIZE} resources at {@code /inventory}, continued with {@code ?marker=}, behind
 * HTTP Basic authentication.
 */
public final class OtherInventoryStub extends VendorStub {

    static final int PAGE_SIZE = 500;
    private static final String USER = "inventory-reader";
    private static final String PASSWORD = "demo-inventory-password";

    private final ObjectMapper json = new ObjectMapper();

    public OtherInventoryStub(Fleet fleet) {
        super(fleet, StubVendor.OTHER, USER, PASSWORD);
    }

    @Override
    public String endpoint() {
        return baseUrl() + "/inventory";
    }

    @Override
    protected ResponseDefinition respond(Request request) {
        if (!request.getUrl().startsWith("/inventory")) {
            return status(404, "{\"error\": \"no such path\"}");
        }
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.getHeader("Authorization"))) {
            return status(401, "{\"error\": \"unauthorized\"}");
        }
        Fleet fleet = fleet();
        long start = request.queryParameter("marker").isPresent()
                ? Long.parseLong(request.queryParameter("marker").firstValue()) : 0;
        long end = Math.min(fleet.size(), start + PAGE_SIZE);
        ObjectNode page = json.createObjectNode();
        ArrayNode resources = page.putArray("resources");
        for (long i = start; i < end; i++) {
            String region = fleet.regions().get((int) (i / fleet.perRegion()));
            if (isFailingRegion(region)) {
                return regionFailure("application/json", "{\"error\": \"region " + region + " unavailable\"}");
            }
            Fleet.Machine machine = fleet.machine(region, (int) (i % fleet.perRegion()));
            ObjectNode resource = resources.addObject();
            resource.put("id", machine.key());
            resource.put("name", machine.name());
            resource.put("type", "servers");
            resource.put("region", machine.region());
            ObjectNode properties = resource.putObject("properties");
            properties.put("state", machine.state());
            properties.put("size", machine.size());
            properties.put("image", machine.image());
            properties.put("zone", machine.zone());
            properties.putArray("private_ips").add(machine.privateIp());
            properties.putObject("tags").put("owner", machine.ownerTag());
            properties.put("created_time", machine.created().toString());
        }
        if (end < fleet.size()) {
            page.put("next_marker", Long.toString(end));
        }
        return status(200, page.toString());
    }

    private static ResponseDefinition status(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body)
                .build();
    }
}
