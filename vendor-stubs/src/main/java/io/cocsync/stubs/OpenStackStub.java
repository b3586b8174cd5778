package io.cocsync.stubs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenStack's Keystone v3 and Nova on one port, serving the fleet as the servers of one project.
 *
 * <pre>
 * POST /v3/auth/tokens                             password of user {accessKey()} scoped to project {projectId()}
 * GET  /compute/{region}/v2.1/servers/detail       ?limit (at most 1000) &amp;marker (a server id)
 * </pre>
 * The token's catalog lists, per fleet region, a public compute endpoint pointing back here and an
 * internal one that does not resolve. Servers are computed from the fleet page by page (the marker
 * is the last server id of the previous page, which encodes the index), so a fleet of a million
 * costs no memory. Knobs beyond the shared faults: tokens that expire after some Nova requests,
 * a number of first requests answered 429, and the highest compute microversion Nova supports.
 */
public final class OpenStackStub extends VendorStub {

    private static final String USER_ID = "9a2f6b1c4d8e4f03a5b7c9d1e3f50718";
    private static final String PASSWORD = "stub-openstack-password";
    private static final String PROJECT_ID = "5c7e9a1b3d5f4e6a8b0c2d4e6f8a0b1c";
    private static final int MAX_LIMIT = 1000;
    /** Nova 2024.1's highest compute microversion. */
    private static final int CURRENT_MAX_MICROVERSION = 96;
    /** From this microversion on a server's flavor carries its name and sizes instead of its id. */
    private static final int EMBEDDED_FLAVOR_MICROVERSION = 47;
    private static final Pattern SERVERS_DETAIL = Pattern.compile("/compute/([^/]+)/v2\\.1/servers/detail");
    private static final Pattern SERVER_ID =
            Pattern.compile("([0-9a-f]{8})-0000-4000-8000-([0-9a-f]{12})");
    private static final Map<String, int[]> FLAVOR_SIZES = Map.of(   // vcpus, ram MiB, disk GiB
            "small", new int[] {1, 2048, 20}, "medium", new int[] {2, 4096, 40},
            "large", new int[] {4, 8192, 80}, "xlarge", new int[] {8, 16384, 160});

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong tokensIssued = new AtomicLong();
    private final Map<String, AtomicInteger> novaRequestsByToken = new ConcurrentHashMap<>();
    private volatile int tokenLifetime;
    private volatile int maxMicroversion = CURRENT_MAX_MICROVERSION;

    public OpenStackStub(Fleet fleet) {
        super(fleet, StubVendor.OPENSTACK, USER_ID, PASSWORD);
    }

    @Override
    public String endpoint() {
        return baseUrl() + "/v3";
    }

    /** The project whose servers the fleet is, the account's tenant_id. */
    public String projectId() {
        return PROJECT_ID;
    }

    @Override
    public Optional<String> tenantId() {
        return Optional.of(PROJECT_ID);
    }

    /** Makes every token issued from now on fail (401) after this many Nova requests; 0: never. */
    public void expireTokensAfter(int novaRequests) {
        this.tokenLifetime = novaRequests;
    }

    /** The highest compute microversion (2.x) Nova accepts; a higher one is answered 406. */
    public void setMaxMicroversion(int minor) {
        this.maxMicroversion = minor;
    }

    /** Tokens Keystone issued so far: one per successful authentication. */
    public long tokensIssued() {
        return tokensIssued.get();
    }

    @Override
    protected ResponseDefinition respond(Request request) {
        if (throttleThisRequest()) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(429).withHeader("Retry-After", "0")
                    .withBody("Too Many Requests").build();
        }
        String path = request.getUrl().split("\\?", 2)[0];
        if (path.equals("/v3/auth/tokens") && RequestMethod.POST.equals(request.getMethod())) {
            return authenticate(request);
        }
        Matcher servers = SERVERS_DETAIL.matcher(path);
        if (servers.matches() && RequestMethod.GET.equals(request.getMethod())) {
            return listServers(request, servers.group(1));
        }
        return error(404, "itemNotFound", "The resource could not be found.");
    }

    private ResponseDefinition authenticate(Request request) {
        JsonNode auth;
        try {
            auth = json.readTree(request.getBodyAsString()).path("auth");
        } catch (IOException e) {
            return keystoneError(400, "Bad Request", "Expecting to find auth in request body.");
        }
        JsonNode user = auth.path("identity").path("password").path("user");
        boolean passwordMethod = auth.path("identity").path("methods").toString().contains("\"password\"");
        if (!passwordMethod || !USER_ID.equals(user.path("id").asText())
                || !PASSWORD.equals(user.path("password").asText())
                || !PROJECT_ID.equals(auth.path("scope").path("project").path("id").asText())) {
            return keystoneError(401, "Unauthorized", "The request you have made requires authentication.");
        }
        String token = "gAAAAAB-stub-token-" + tokensIssued.incrementAndGet();
        novaRequestsByToken.put(token, new AtomicInteger());
        return ResponseDefinitionBuilder.responseDefinition().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Subject-Token", token)
                .withBody(tokenBody().toString())
                .build();
    }

    private ObjectNode tokenBody() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode token = json.createObjectNode();
        token.putArray("methods").add("password");
        token.put("issued_at", now.toString()).put("expires_at", now.plus(1, ChronoUnit.HOURS).toString());
        token.putObject("user").put("id", USER_ID).put("name", "sync-reader")
                .putObject("domain").put("id", "default").put("name", "Default");
        token.putObject("project").put("id", PROJECT_ID).put("name", "inventory")
                .putObject("domain").put("id", "default").put("name", "Default");
        token.putArray("roles").addObject().put("id", "3f6c3b8d0c5e4c1f9b7a2e4d6c8f0a12").put("name", "reader");
        ArrayNode catalog = token.putArray("catalog");
        ObjectNode identity = catalog.addObject().put("type", "identity").put("name", "keystone").put("id", "identity");
        identity.putArray("endpoints").addObject().put("id", "identity-public").put("interface", "public")
                .put("region_id", fleet().regions().isEmpty() ? "RegionOne" : fleet().regions().get(0))
                .put("url", endpoint());
        ObjectNode compute = catalog.addObject().put("type", "compute").put("name", "nova").put("id", "compute");
        ArrayNode endpoints = compute.putArray("endpoints");
        for (String region : fleet().regions()) {
            endpoints.addObject().put("id", region + "-internal").put("interface", "internal")
                    .put("region_id", region).put("region", region)
                    .put("url", "http://nova-internal.invalid:8774/v2.1");
            endpoints.addObject().put("id", region + "-public").put("interface", "public")
                    .put("region_id", region).put("region", region).put("url", computeUrl(region));
        }
        ObjectNode body = json.createObjectNode();
        body.set("token", token);
        return body;
    }

    private ResponseDefinition listServers(Request request, String region) {
        AtomicInteger uses = novaRequestsByToken.get(String.valueOf(request.getHeader("X-Auth-Token")));
        int lifetime = tokenLifetime;
        if (uses == null || (uses.incrementAndGet() > lifetime && lifetime > 0)) {
            return keystoneError(401, "Unauthorized", "The request you have made requires authentication.");
        }
        int microversion = requestedMicroversion(request);
        if (microversion < 0) {
            return error(400, "badRequest", "Invalid microversion in the OpenStack-API-Version header.");
        }
        if (microversion > maxMicroversion) {
            return error(406, "notAcceptable", "Version 2." + microversion + " is not supported by the API."
                    + " Minimum is 2.1 and maximum is 2." + maxMicroversion + ".");
        }
        Fleet fleet = fleet();
        int regionNumber = fleet.regions().indexOf(region);
        if (regionNumber < 0) {
            return error(404, "itemNotFound", "The resource could not be found.");
        }
        if (isFailingRegion(region)) {
            return regionFailure("application/json", "{\"computeFault\": {\"code\": 500, \"message\":"
                    + " \"Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/\"}}");
        }
        int limit;
        try {
            limit = Math.min(MAX_LIMIT, queryInt(request, "limit", MAX_LIMIT));
        } catch (NumberFormatException e) {
            return error(400, "badRequest", "Invalid input for query parameters limit.");
        }
        if (limit < 0) {
            return error(400, "badRequest", "Invalid input for query parameters limit.");
        }
        QueryParameter marker = request.queryParameter("marker");
        int first = 0;
        if (marker.isPresent()) {
            Matcher id = SERVER_ID.matcher(marker.firstValue());
            long index = id.matches() && Integer.parseInt(id.group(1), 16) == regionNumber
                    ? Long.parseLong(id.group(2), 16) : -1;
            if (index < 0 || index >= fleet.perRegion()) {
                return error(400, "badRequest", "marker [" + marker.firstValue() + "] not found");
            }
            first = (int) index + 1;
        }
        int end = (int) Math.min((long) first + limit, fleet.perRegion());
        ObjectNode body = json.createObjectNode();
        ArrayNode servers = body.putArray("servers");
        for (int index = first; index < end; index++) {
            servers.add(server(fleet, region, regionNumber, index, microversion >= EMBEDDED_FLAVOR_MICROVERSION));
        }
        // as Nova does: a full page has a next link, even when nothing follows it
        if (limit > 0 && end - first == limit) {
            body.putArray("servers_links").addObject().put("rel", "next")
                    .put("href", computeUrl(region) + "/servers/detail?limit=" + limit + "&marker="
                            + serverId(regionNumber, end - 1));
        }
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("OpenStack-API-Version", "compute 2." + microversion)
                .withBody(body.toString())
                .build();
    }

    private ObjectNode server(Fleet fleet, String region, int regionNumber, int index, boolean embeddedFlavor) {
        Fleet.Machine machine = fleet.machine(region, index);
        String id = serverId(regionNumber, index);
        boolean running = machine.state().equals("running");
        boolean bootFromVolume = machine.image().startsWith("windows");
        String created = machine.created().toString();
        ObjectNode server = json.createObjectNode();
        server.put("id", id).put("name", machine.name()).put("status", running ? "ACTIVE" : "SHUTOFF")
                .put("tenant_id", PROJECT_ID).put("user_id", USER_ID)
                .put("hostId", hostId("compute-" + index % 16 + "." + machine.zone()))
                .put("created", created).put("updated", created)
                .put("accessIPv4", "").put("accessIPv6", "").put("progress", 0).putNull("key_name")
                .put("config_drive", "").put("OS-DCF:diskConfig", "MANUAL")
                .put("OS-EXT-AZ:availability_zone", machine.zone())
                .put("OS-EXT-STS:vm_state", running ? "active" : "stopped")
                .put("OS-EXT-STS:power_state", running ? 1 : 4).putNull("OS-EXT-STS:task_state")
                .put("OS-SRV-USG:launched_at", created.replace("Z", ".000000")).putNull("OS-SRV-USG:terminated_at");
        server.putObject("metadata").put("owner", machine.ownerTag());
        if (bootFromVolume) {
            server.put("image", "");
            server.putArray("os-extended-volumes:volumes_attached").addObject()
                    .put("id", "vol-" + id).put("delete_on_termination", false);
        } else {
            ObjectNode image = server.putObject("image").put("id", machine.image());
            image.putArray("links").addObject().put("rel", "bookmark")
                    .put("href", computeUrl(region) + "/images/" + machine.image());
            server.putArray("os-extended-volumes:volumes_attached");
        }
        String flavorName = "m1." + machine.size();
        ObjectNode flavor = server.putObject("flavor");
        if (embeddedFlavor) {
            int[] sizes = FLAVOR_SIZES.get(machine.size());
            flavor.put("original_name", flavorName).put("vcpus", sizes[0]).put("ram", sizes[1])
                    .put("disk", sizes[2]).put("ephemeral", 0).put("swap", 0).putObject("extra_specs");
        } else {
            flavor.put("id", flavorName).putArray("links").addObject().put("rel", "bookmark")
                    .put("href", computeUrl(region) + "/flavors/" + flavorName);
        }
        ArrayNode addresses = server.putObject("addresses").putArray("private");
        addresses.addObject().put("version", 4).put("addr", machine.privateIp())
                .put("OS-EXT-IPS:type", "fixed").put("OS-EXT-IPS-MAC:mac_addr", mac(regionNumber, index));
        if (index % 2 == 0) {
            addresses.addObject().put("version", 4).put("addr", floatingIp(index))
                    .put("OS-EXT-IPS:type", "floating").put("OS-EXT-IPS-MAC:mac_addr", mac(regionNumber, index));
        }
        server.putArray("security_groups").addObject().put("name", "default");
        ArrayNode links = server.putArray("links");
        links.addObject().put("rel", "self").put("href", computeUrl(region) + "/servers/" + id);
        links.addObject().put("rel", "bookmark").put("href", computeUrl(region) + "/servers/" + id);
        return server;
    }

    /** The id Nova gives server {@code index} of the fleet's {@code region}: UUID-shaped, and its own marker. */
    public String serverId(String region, int index) {
        return serverId(fleet().regions().indexOf(region), index);
    }

    /** The floating IP of server {@code index}; servers of even index have one. */
    public static String floatingIp(int index) {
        return "172.24." + ((index >>> 8) & 0xff) + "." + (index & 0xff);
    }

    private static String serverId(int regionNumber, int index) {
        return String.format("%08x-0000-4000-8000-%012x", regionNumber, index);
    }

    private String computeUrl(String region) {
        return baseUrl() + "/compute/" + region + "/v2.1";
    }

    /** Nova's hostId: a hash of the project and the host, so projects cannot learn host names. */
    private static String hostId(String host) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-224")
                    .digest((PROJECT_ID + host).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-224 is part of every Java runtime", e);
        }
    }

    private static String mac(int regionNumber, int index) {
        return String.format("fa:16:3e:%02x:%02x:%02x", regionNumber & 0xff, (index >>> 8) & 0xff, index & 0xff);
    }

    /** The requested compute microversion's minor number: 1 (the base API) without a header, -1 if invalid. */
    private static int requestedMicroversion(Request request) {
        String header = request.getHeader("OpenStack-API-Version");
        String version = header != null && header.startsWith("compute ") ? header.substring(8).trim()
                : request.getHeader("X-OpenStack-Nova-API-Version");
        if (version == null) {
            return 1;
        }
        try {
            return version.startsWith("2.") ? Integer.parseInt(version.substring(2)) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int queryInt(Request request, String name, int absent) {
        QueryParameter parameter = request.queryParameter(name);
        return parameter.isPresent() ? Integer.parseInt(parameter.firstValue()) : absent;
    }

    private ResponseDefinition error(int status, String kind, String message) {
        ObjectNode body = json.createObjectNode();
        body.putObject(kind).put("code", status).put("message", message);
        return jsonResponse(status, body);
    }

    private ResponseDefinition keystoneError(int status, String title, String message) {
        ObjectNode body = json.createObjectNode();
        body.putObject("error").put("code", status).put("title", title).put("message", message);
        return jsonResponse(status, body);
    }

    private static ResponseDefinition jsonResponse(int status, ObjectNode body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body.toString()).build();
    }
}
