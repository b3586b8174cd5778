package io.cocsync.connectors.openstack;

import static io.cocsync.connectors.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.ResourceProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapping of vendor OPENSTACK: one server of Nova's {@code GET /servers/detail} to a
 * resource. A pure function of the server object.
 *
 * <p>type {@code servers}; resource_id = id; name = name; region_id = the catalog's region_id;
 * properties: state = status, size = flavor original_name (microversion 2.47+) or flavor id,
 * image = image id (none when booted from a volume), zone = OS-EXT-AZ:availability_zone,
 * private_ips / public_ips = addresses of OS-EXT-IPS:type fixed / floating, tags = metadata,
 * created_time = created, project_id = tenant_id, host_id = hostId.
 */
public final class NovaServerMapping {

    public static final String TYPE = "servers";

    private NovaServerMapping() {}

    public static DiscoveredResource toResource(JsonNode server, String region) throws ConnectorException {
        String id = text(server.path("id"));
        if (id == null) {
            throw new ConnectorException("A server has no id.");
        }
        JsonNode flavor = server.path("flavor");
        ResourceProperties properties = new ResourceProperties()
                .state(text(server.path("status")))
                .size(flavor.has("original_name") ? text(flavor.get("original_name")) : text(flavor.path("id")))
                // a server booted from a volume has "image": "" instead of an object
                .image(text(server.path("image").path("id")))
                .zone(text(server.path("OS-EXT-AZ:availability_zone")))
                .privateIps(addresses(server, "fixed"))
                .publicIps(addresses(server, "floating"))
                .tags(metadata(server))
                .createdTime(text(server.path("created")))
                .put("project_id", text(server.path("tenant_id")))
                .put("host_id", text(server.path("hostId")));
        return new DiscoveredResource(TYPE, id, text(server.path("name")), region, properties.build());
    }

    private static List<String> addresses(JsonNode server, String ipType) {
        List<String> ips = new ArrayList<>();
        for (JsonNode network : server.path("addresses")) {
            for (JsonNode address : network) {
                if (ipType.equals(address.path("OS-EXT-IPS:type").asText())) {
                    ips.add(text(address.path("addr")));
                }
            }
        }
        return ips;
    }

    private static Map<String, String> metadata(JsonNode server) {
        Map<String, String> tags = new LinkedHashMap<>();
        server.path("metadata").properties().forEach(entry -> tags.put(entry.getKey(), entry.getValue().asText()));
        return tags;
    }
}
