package io.cocsync.connectors.other;

import io.cocsync.text.Characters;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.DiscoveredResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mapping of vendor OTHER: one page of the inventory format of docs/vendors.md to resources.
 * A pure function of the page; it checks every field the format bounds.
 */
public final class InventoryPageMapping {

    static final int MAX_PROPERTIES_CHARS = 65_536;

    private final ObjectMapper json;

    public InventoryPageMapping(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The resources of the page, only those of {@code regions} when it is not empty.
     *
     * @param page the page number, for messages
     */
    public List<DiscoveredResource> resourcesOf(JsonNode body, Set<String> regions, int page)
            throws ConnectorException {
        if (body == null || !body.isObject() || !body.path("resources").isArray()) {
            throw new ConnectorException("Page " + page + " of the inventory is not an object with a"
                    + " 'resources' array.");
        }
        List<DiscoveredResource> resources = new ArrayList<>();
        int index = 0;
        for (JsonNode item : body.get("resources")) {
            String where = "resource " + index++ + " of page " + page;
            String id = text(item, "id", 128, true, where);
            String type = text(item, "type", 64, true, where);
            String name = text(item, "name", 255, false, where);
            String region = text(item, "region", 64, false, where);
            JsonNode properties = item.path("properties");
            if (!properties.isMissingNode() && !properties.isNull() && !properties.isObject()) {
                throw new ConnectorException("In " + where + ", 'properties' is not an object.");
            }
            if (properties.isObject() && properties.toString().length() > MAX_PROPERTIES_CHARS) {
                throw new ConnectorException("In " + where + ", 'properties' is larger than "
                        + MAX_PROPERTIES_CHARS + " characters.");
            }
            if (!regions.isEmpty() && !regions.contains(region)) {
                continue;
            }
            resources.add(new DiscoveredResource(type, id, name, region, toMap(properties)));
        }
        return resources;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> toMap(JsonNode properties) {
        return properties.isObject() ? json.convertValue(properties, Map.class) : Map.of();
    }

    private static String text(JsonNode item, String field, int maxLength, boolean required, String where)
            throws ConnectorException {
        JsonNode value = item.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new ConnectorException("In " + where + ", '" + field + "' is missing.");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty() || Characters.count(value.asText()) > maxLength) {
            throw new ConnectorException("In " + where + ", '" + field + "' must be a string of 1 to "
                    + maxLength + " characters.");
        }
        return value.asText();
    }
}
