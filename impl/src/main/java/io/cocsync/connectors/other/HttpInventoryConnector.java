package io.cocsync.connectors.other;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.AccountFailure;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.ConnectorFactory;
import io.cocsync.connectors.Endpoints;
import io.cocsync.connectors.Paging;
import io.cocsync.connectors.ResourceSink;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.connectors.VendorHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
 * by {@link VendorHttp}; anything else that is not a valid page fails the account's sync. The
 * mapping is {@link InventoryPageMapping}'s.
 */
public final class HttpInventoryConnector implements VendorConnector {

    private static final String NEEDS_ENDPOINT = "An OTHER account needs an endpoint: the http(s) URL of its"
            + " inventory.";

    /** Makes the connector of vendor OTHER. */
    public static final ConnectorFactory FACTORY = ConnectorFactory.of(CloudVendor.OTHER,
            context -> new HttpInventoryConnector(context.http(CloudVendor.OTHER), context.json()));

    private final VendorHttp http;
    private final ObjectMapper json;
    private final InventoryPageMapping mapping;

    HttpInventoryConnector(VendorHttp http, ObjectMapper json) {
        this.http = http;
        this.json = json;
        this.mapping = new InventoryPageMapping(json);
    }

    @Override
    public CloudVendor vendor() {
        return CloudVendor.OTHER;
    }

    @Override
    public void fetch(AccountAccess account, ResourceSink sink) throws ConnectorException, InterruptedException {
        URI endpoint = Endpoints.required(account.endpoint(), NEEDS_ENDPOINT);
        Set<String> regions = Set.copyOf(account.regionIds());
        Paging.readAll("The inventory", "next_marker", (marker, page) -> {
            JsonNode body = readPage(account, endpoint, marker, page);
            sink.accept(mapping.resourcesOf(body, regions, page));
            JsonNode next = body.get("next_marker");
            return next == null || next.isNull() ? null : next.asText();
        });
    }

    private JsonNode readPage(AccountAccess account, URI endpoint, String marker, int page)
            throws ConnectorException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(pageUri(endpoint, marker))
                .header("Accept", "application/json")
                .header("Authorization", basicAuth(account.ak(), account.sk()))
                .GET();
        HttpResponse<byte[]> response = http.send(request, "The inventory endpoint, on page " + page + ",");
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new AccountFailure("The inventory endpoint refused the account's credentials (HTTP "
                    + status + ").");
        }
        if (status != 200) {
            throw new ConnectorException("The inventory endpoint answered HTTP " + status + " for page " + page
                    + ".");
        }
        try {
            return json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new ConnectorException("Page " + page + " of the inventory is not valid JSON.");
        } catch (IOException e) {
            throw new ConnectorException("Page " + page + " of the inventory could not be read.");
        }
    }

    static URI pageUri(URI endpoint, String marker) {
        if (marker == null) {
            return endpoint;
        }
        String uri = endpoint.toString();
        return URI.create(uri + (uri.contains("?") ? "&" : "?") + "marker="
                + URLEncoder.encode(marker, StandardCharsets.UTF_8));
    }

    private static String basicAuth(String user, String password) {
        byte[] pair = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair);
    }
}
