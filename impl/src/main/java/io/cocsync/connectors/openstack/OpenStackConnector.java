package io.cocsync.connectors.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.AccountFailure;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.ConnectorFactory;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.Endpoints;
import io.cocsync.connectors.Paging;
import io.cocsync.connectors.RegionalFetch;
import io.cocsync.connectors.ResourceSink;
import io.cocsync.connectors.Texts;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.connectors.VendorHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The connector of vendor OPENSTACK: the servers of one project, in every region of the cloud
 * that has a public compute endpoint (or in the account's {@code region_ids}).
 *
 * <pre>
 * POST {endpoint}/auth/tokens          Keystone v3: password of user {ak} (by id), scoped to project {tenant_id}
 * 201  X-Subject-Token: {token}, body token.catalog[type=compute].endpoints[interface=public] (one per region_id)
 * GET  {compute}/servers/detail?limit=N   X-Auth-Token: {token}
 * 200  {"servers": [...], "servers_links": [{"rel": "next", "href": "...&marker=..."}]}
 * </pre>
 * Pages follow the {@code next} link until there is none. A 401 from Nova (an expired token) is
 * answered by authenticating again, once per request. A region that cannot be read does not
 * stop the others; the fetch then fails naming it.
 *
 * <p>The mapping is {@link NovaServerMapping}'s.
 */
public final class OpenStackConnector implements VendorConnector {

    /** Nova's default max_limit: a larger limit is cut to it anyway. */
    public static final int DEFAULT_PAGE_SIZE = 1000;
    /** The lowest microversion whose servers carry the flavor's name instead of its id. */
    static final String COMPUTE_MICROVERSION = "2.47";

    /** Makes the connector of vendor OPENSTACK, reading pages of Nova's default max_limit. */
    public static final ConnectorFactory FACTORY = factory(DEFAULT_PAGE_SIZE);

    private final VendorHttp http;
    private final ObjectMapper json;
    private final int pageSize;

    OpenStackConnector(VendorHttp http, ObjectMapper json, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
        this.http = http;
        this.json = json;
        this.pageSize = pageSize;
    }

    /** Makes connectors that read pages of {@code pageSize} servers (tests use small pages). */
    public static ConnectorFactory factory(int pageSize) {
        return ConnectorFactory.of(CloudVendor.OPENSTACK,
                context -> new OpenStackConnector(context.http(CloudVendor.OPENSTACK), context.json(), pageSize));
    }

    @Override
    public CloudVendor vendor() {
        return CloudVendor.OPENSTACK;
    }

    @Override
    public void fetch(AccountAccess account, ResourceSink sink) throws ConnectorException, InterruptedException {
        URI keystone = Endpoints.required(account.endpoint(), "An OPENSTACK account needs an endpoint: the Keystone"
                + " v3 URL, such as https://keystone.example.com:5000/v3.");
        if (Texts.isBlank(account.tenantId())) {
            throw new ConnectorException("An OPENSTACK account needs a tenant_id: the id of the project to read.");
        }
        Session session = new Session(account, keystone);
        Map<String, URI> computeByRegion = session.authenticate();
        RegionalFetch.readAll("OpenStack", "region", regionsToRead(account, computeByRegion), region -> region,
                region -> readRegion(session, computeByRegion.get(region), region, sink));
    }

    private static List<String> regionsToRead(AccountAccess account, Map<String, URI> computeByRegion)
            throws ConnectorException {
        if (account.regionIds().isEmpty()) {
            if (computeByRegion.isEmpty()) {
                throw new ConnectorException("The OpenStack service catalog of project " + account.tenantId()
                        + " lists no public compute endpoint.");
            }
            return List.copyOf(computeByRegion.keySet());
        }
        for (String region : account.regionIds()) {
            if (!computeByRegion.containsKey(region)) {
                throw new ConnectorException("The OpenStack service catalog has no public compute endpoint in"
                        + " region " + region + " (it has: " + String.join(", ", computeByRegion.keySet()) + ").");
            }
        }
        return account.regionIds().stream().distinct().toList();
    }

    private void readRegion(Session session, URI compute, String region, ResourceSink sink)
            throws ConnectorException, InterruptedException {
        boolean[] microversion = {true};
        Paging.readAll("Nova", "its next link", (next, page) -> {
            URI uri = next == null ? URI.create(compute + "/servers/detail?limit=" + pageSize) : URI.create(next);
            String what = "OpenStack Nova, on page " + page + ",";
            HttpResponse<byte[]> response = session.get(uri, microversion[0], what);
            if (response.statusCode() == 406 && microversion[0] && page == 1) {
                // a Nova older than Pike (2017): read the base API, whose flavors carry only their id
                microversion[0] = false;
                response = session.get(uri, false, what);
            }
            int status = response.statusCode();
            if (status == 401) {
                throw new ConnectorException("OpenStack Nova refused the token even after authenticating again"
                        + " (HTTP 401), on page " + page + ".");
            }
            if (status == 403) {
                throw new ConnectorException("OpenStack Nova forbade listing the project's servers (HTTP 403); the"
                        + " user may lack a role in the project.");
            }
            if (status != 200) {
                throw new ConnectorException("OpenStack Nova answered HTTP " + status + " for page " + page + ".");
            }
            JsonNode body = parse(response.body(), "Page " + page + " of the servers");
            JsonNode servers = body.path("servers");
            if (!servers.isArray()) {
                throw new ConnectorException("Page " + page + " of the servers has no 'servers' array.");
            }
            List<DiscoveredResource> resources = new ArrayList<>(servers.size());
            for (JsonNode server : servers) {
                try {
                    resources.add(NovaServerMapping.toResource(server, region));
                } catch (ConnectorException e) {
                    throw new ConnectorException("Page " + page + " of the servers: " + e.getMessage());
                }
            }
            sink.accept(resources);
            URI link = nextLink(body, uri);
            return link == null ? null : link.toString();
        });
    }

    private static URI nextLink(JsonNode body, URI current) throws ConnectorException {
        for (JsonNode link : body.path("servers_links")) {
            if ("next".equals(link.path("rel").asText()) && link.path("href").isTextual()) {
                try {
                    return current.resolve(link.get("href").asText());
                } catch (IllegalArgumentException e) {
                    throw new ConnectorException("Nova's next link is not a valid URL.");
                }
            }
        }
        return null;
    }

    private JsonNode parse(byte[] body, String what) throws ConnectorException {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ConnectorException(what + " is not a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw new ConnectorException(what + " is not valid JSON.");
        }
    }

    /** Keystone could not give a token: fatal for the whole account, not for one region. */
    private static final class KeystoneException extends AccountFailure {
        private static final long serialVersionUID = 1L;

        KeystoneException(String message) {
            super(message);
        }
    }

    /** One fetch's token: obtained from Keystone, renewed when Nova stops accepting it. */
    private final class Session {

        private final AccountAccess account;
        private final URI keystone;
        private String token;

        Session(AccountAccess account, URI keystone) {
            this.account = account;
            this.keystone = keystone;
        }

        /** Gets a token and returns the public compute endpoint of each region, in catalog order. */
        Map<String, URI> authenticate() throws ConnectorException, InterruptedException {
            URI tokens = URI.create(Endpoints.base(keystone) + "/auth/tokens");
            HttpRequest.Builder request = HttpRequest.newBuilder(tokens)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(passwordAuthRequest()));
            HttpResponse<byte[]> response = http.send(request, "OpenStack Keystone");
            int status = response.statusCode();
            if (status == 401 || status == 403) {
                throw new KeystoneException("OpenStack Keystone refused the account's credentials (HTTP " + status
                        + ").");
            }
            if (status != 200 && status != 201) {
                throw new KeystoneException("OpenStack Keystone answered HTTP " + status + " to the authentication"
                        + " request; the endpoint should be the Keystone v3 URL.");
            }
            token = response.headers().firstValue("X-Subject-Token").orElse(null);
            if (token == null || token.isBlank()) {
                throw new KeystoneException("OpenStack Keystone's answer has no X-Subject-Token header.");
            }
            JsonNode catalog;
            try {
                catalog = parse(response.body(), "OpenStack Keystone's answer").path("token").path("catalog");
            } catch (ConnectorException e) {
                throw new KeystoneException(e.getMessage());
            }
            if (!catalog.isArray()) {
                throw new KeystoneException("OpenStack Keystone's answer has no service catalog.");
            }
            return publicComputeEndpoints(catalog);
        }

        HttpResponse<byte[]> get(URI uri, boolean microversion, String what)
                throws ConnectorException, InterruptedException {
            HttpResponse<byte[]> response = http.send(novaRequest(uri, microversion), what);
            if (response.statusCode() == 401) {
                authenticate(); // tokens expire (an hour by default): a long sync outlives one
                response = http.send(novaRequest(uri, microversion), what);
            }
            return response;
        }

        private HttpRequest.Builder novaRequest(URI uri, boolean microversion) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .header("Accept", "application/json")
                    .header("X-Auth-Token", token)
                    .GET();
            if (microversion) {
                request.header("OpenStack-API-Version", "compute " + COMPUTE_MICROVERSION)
                        .header("X-OpenStack-Nova-API-Version", COMPUTE_MICROVERSION);
            }
            return request;
        }

        private String passwordAuthRequest() {
            Map<String, Object> user = Map.of(
                    "id", Objects.toString(account.ak(), ""), "password", Objects.toString(account.sk(), ""));
            Map<String, Object> identity = Map.of("methods", List.of("password"), "password", Map.of("user", user));
            Map<String, Object> scope = Map.of("project", Map.of("id", account.tenantId()));
            return json.valueToTree(Map.of("auth", Map.of("identity", identity, "scope", scope))).toString();
        }
    }

    private static Map<String, URI> publicComputeEndpoints(JsonNode catalog) throws KeystoneException {
        Map<String, URI> byRegion = new LinkedHashMap<>();
        for (JsonNode service : catalog) {
            if (!"compute".equals(service.path("type").asText())) {
                continue;
            }
            for (JsonNode endpoint : service.path("endpoints")) {
                String region = endpoint.path("region_id").asText(endpoint.path("region").asText(""));
                String url = endpoint.path("url").asText("");
                if (!"public".equals(endpoint.path("interface").asText()) || region.isEmpty() || url.isEmpty()) {
                    continue;
                }
                try {
                    byRegion.putIfAbsent(region, URI.create(Endpoints.base(URI.create(url))));
                } catch (IllegalArgumentException e) {
                    throw new KeystoneException("The compute endpoint of region " + region
                            + " in the service catalog is not a valid URL.");
                }
            }
        }
        return byRegion;
    }
}
