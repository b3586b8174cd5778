package io.cocsync.connectors;

import java.util.Map;
import java.util.Objects;

/**
 * One resource as a connector read it from the vendor. Its identity within an account is
 * (type, resourceId); properties hold the vendor's attributes as JSON-ready values.
 */
public record DiscoveredResource(
        String type, String resourceId, String name, String regionId, Map<String, Object> properties) {

    public DiscoveredResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(resourceId, "resourceId");
        properties = properties == null ? Map.of() : properties;
    }
}
