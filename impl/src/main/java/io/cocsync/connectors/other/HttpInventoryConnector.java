package io.cocsync.connectors.other;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.VendorAccount;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.ResourceSink;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.connectors.VendorHttp;
import io.cocsync.text.Characters;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The connector of vendor OTHER: reads an inventory that the account's {@code endpoint} serves
 * as JSON pages over HTTP(S), authenticating with HTTP Basic (ak as user, sk as password).
 *
 * <pre>
 * GET {endpoint}[?marker={next_marker}]
 * 200 {"resources": [{"id", "name", "type", "region", "properties": {...}}], "next_marker": "..."}
 * </pre>
 * The last page has no {@code next_marker}. Throttling (429) and server errors (5xx) are retried
 * by {@link VendorHttp}; anything else that is not a valid page fails the account's sync.
 */
public final class HttpInventoryConnector implements VendorConnector {

    static final int MAX_PAGES = 100_000;
    static final int MAX_PROPERTIES_CHARS = 65_536;

    private final VendorHttp http;
    private final ObjectMapper json;

    public HttpInventoryConnector(VendorHttp http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public CloudVendor vendor() {
        return CloudVendor.OTHER;
    }

    @Override
    public void fetch(VendorAccount account, ResourceSink sink) throws ConnectorException, InterruptedException {
        if (account.endpoint() == null) {
            throw new ConnectorException("An OTHER account needs an endpoint: the URL of its inventory.");
        }
        Set<String> regions = Set.copyOf(account.regionIds());
        Set<String> markersSeen = new HashSet<>();
        String marker = null;
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode body = readPage(account, marker, page);
            sink.accept(resourcesOf(body, regions, page));
            JsonNode next = body.get("next_marker");
            if (next == null || next.isNull() || next.asText().isEmpty()) {
                return;
            }
            marker = next.asText();
            if (!markersSeen.add(marker)) {
                throw new ConnectorException("The inventory repeats next_marker '" + shorten(marker)
                        + "' (page " + page + "); it would never end.");
            }
        }
        throw new ConnectorException("The inventory has more than " + MAX_PAGES + " pages.");
    }

    private JsonNode readPage(VendorAccount account, String marker, int page)
            throws ConnectorException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(pageUri(account.endpoint(), marker))
                .header("Accept", "application/json")
                .header("Authorization", basicAuth(account.ak(), account.sk()))
                .GET();
        HttpResponse<byte[]> response = http.send(request, "The inventory endpoint, on page " + page + ",");
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new ConnectorException("The inventory endpoint refused the account's credentials (HTTP "
                    + status + ").");
        }
        if (status != 200) {
            throw new ConnectorException("The inventory endpoint answered HTTP " + status + " for page " + page
                    + ".");
        }
        return parse(response.body(), page);
    }

    private JsonNode parse(byte[] body, int page) throws ConnectorException {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject() || !node.path("resources").isArray()) {
                throw new ConnectorException("Page " + page + " of the inventory is not an object with a"
                        + " 'resources' array.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ConnectorException("Page " + page + " of the inventory is not valid JSON.");
        } catch (IOException e) {
            throw new ConnectorException("Page " + page + " of the inventory could not be read.");
        }
    }

    private List<DiscoveredResource> resourcesOf(JsonNode body, Set<String> regions, int page)
            throws ConnectorException {
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

    static URI pageUri(String endpoint, String marker) throws ConnectorException {
        String uri = endpoint;
        if (marker != null) {
            uri += (endpoint.contains("?") ? "&" : "?") + "marker=" + URLEncoder.encode(marker, StandardCharsets.UTF_8);
        }
        try {
            return URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException("The account's endpoint is not a valid URL.");
        }
    }

    private static String basicAuth(String user, String password) {
        byte[] pair = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair);
    }

    private static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
