package io.cocsync.stubs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Huawei Cloud's ECS and IAM APIs as documented, on one port, for vendors RMS and HCS alike
 * (HCS exposes the same ECS API on premises).
 *
 * <pre>
 * GET /v3/projects[?name=]                               IAM: a project per fleet region, plus "MOS"
 * GET /v1/{project_id}/cloudservers/detail?limit=&amp;offset=   ECS: {"count": N, "servers": [...]}
 * </pre>
 * A request's region is the region whose project id is in its path: every region's fleet is served
 * under its own project id ({@link #projectIdOf}), so one endpoint answers for all regions. The
 * access key in the SDK-HMAC-SHA256 {@code Authorization} header is checked, not the signature;
 * an unknown one is answered 401 APIGW.0301. ECS's {@code offset} is a page number from 1 (0 is
 * page 1, as documented). Pages are rendered from the fleet on demand, so a million servers cost
 * no memory. Beyond the shared faults, {@link #throttleNextRequests} answers a number of requests
 * with API Gateway's 429 APIGW.0308.
 */
public final class HuaweiEcsStub extends VendorStub {

    public static final String ACCESS_KEY = "HPUAXQ7ZKD2EXAMPLE4W";
    public static final String SECRET_KEY = "Xk2mP9qR4tV7wY0zB3cE6fH8jL1nQ5sU7xA0dG2i";
    private static final String DOMAIN_ID = "0970dd7a1300f5672ff2c003c60ae115";
    private static final int MAX_LIMIT = 1000;
    private static final int DEFAULT_LIMIT = 25;
    private static final String JSON = "application/json;charset=UTF-8";
    private static final Pattern ACCESS = Pattern.compile("^SDK-HMAC-SHA256\\s+Access=([^,\\s]+)");
    private static final Pattern SERVERS_DETAIL = Pattern.compile("/v1/([0-9a-f]{32})/cloudservers/detail");
    private static final Map<String, String[]> FLAVORS = Map.of(   // flavor name, vcpus, ram MiB
            "small", new String[] {"s6.small.1", "1", "1024"}, "medium", new String[] {"s6.large.2", "2", "4096"},
            "large", new String[] {"c7.xlarge.2", "4", "8192"}, "xlarge", new String[] {"c7.2xlarge.4", "8", "32768"});

    private final ObjectMapper json = new ObjectMapper();

    private HuaweiEcsStub(StubVendor vendor, Fleet fleet) {
        super(fleet, vendor, ACCESS_KEY, SECRET_KEY);
    }

    /** Huawei Cloud: accounts find their regions' projects through IAM. */
    public static HuaweiEcsStub rms(Fleet fleet) {
        return new HuaweiEcsStub(StubVendor.RMS, fleet);
    }

    /** Huawei Cloud Stack: an account names its project ({@link #tenantId}) and region, the fleet's first. */
    public static HuaweiEcsStub hcs(Fleet fleet) {
        return new HuaweiEcsStub(StubVendor.HCS, fleet);
    }

    /** HCS: the project of the fleet's first region, which an HCS account names as its tenant_id. */
    @Override
    public Optional<String> tenantId() {
        return vendor() == StubVendor.HCS && !fleet().regions().isEmpty()
                ? Optional.of(projectIdOf(fleet().regions().get(0)))
                : Optional.empty();
    }

    /** The id of the project, named after {@code region}, that holds the region's servers. */
    public static String projectIdOf(String region) {
        return hexUuid("project:" + region);
    }

    /** The server id under which {@code machine} is served. */
    public static String serverIdOf(Fleet.Machine machine) {
        return UUID.nameUUIDFromBytes(("server:" + machine.key()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    protected ResponseDefinition respond(Request request) {
        Matcher access = ACCESS.matcher(String.valueOf(request.getHeader("Authorization")));
        if (!access.find() || !access.group(1).equals(ACCESS_KEY)) {
            return error(401, "APIGW.0301", "Incorrect IAM authentication information: ak not exist");
        }
        if (throttleThisRequest()) {
            return error(429, "APIGW.0308", "The throttling threshold has been reached: policy user over ratelimit");
        }
        if (!RequestMethod.GET.equals(request.getMethod())) {
            return error(405, "APIGW.0205", "The request method is not allowed.");
        }
        String path = request.getUrl().split("\\?", 2)[0];
        if (path.equals("/v3/projects") && vendor() == StubVendor.RMS) {
            return listProjects(request);
        }
        Matcher servers = SERVERS_DETAIL.matcher(path);
        if (servers.matches()) {
            return listServers(request, servers.group(1));
        }
        return error(404, "APIGW.0101", "The API does not exist or has not been published in the environment.");
    }

    private ResponseDefinition listProjects(Request request) {
        String name = parameter(request, "name");
        ObjectNode body = json.createObjectNode();
        ArrayNode projects = body.putArray("projects");
        for (String region : fleet().regions()) {
            addProject(projects, region, projectIdOf(region), name);
        }
        // every account also has OBS's "MOS" project, which is no region
        addProject(projects, "MOS", hexUuid("project:MOS"), name);
        body.putObject("links").putNull("next").putNull("previous").put("self", baseUrl() + "/v3/projects");
        return ok(body);
    }

    private void addProject(ArrayNode projects, String projectName, String id, String nameFilter) {
        if (nameFilter != null && !nameFilter.equals(projectName)) {
            return;
        }
        ObjectNode project = projects.addObject()
                .put("id", id)
                .put("name", projectName)
                .put("description", "")
                .put("domain_id", DOMAIN_ID)
                .put("parent_id", DOMAIN_ID)
                .put("enabled", true)
                .put("is_domain", false);
        project.putObject("links").put("self", baseUrl() + "/v3/projects/" + id);
    }

    private ResponseDefinition listServers(Request request, String projectId) {
        Fleet fleet = fleet();
        String region = fleet.regions().stream().filter(r -> projectIdOf(r).equals(projectId)).findFirst()
                .orElse(null);
        if (region == null) {
            return error(403, "Ecs.0319", "The project is not in this account.");
        }
        if (isFailingRegion(region)) {
            return regionFailure(JSON, errorBody("Ecs.0000", "Internal server error.").toString());
        }
        int limit;
        int page;
        try {
            limit = parameter(request, "limit") == null ? DEFAULT_LIMIT : Integer.parseInt(parameter(request, "limit"));
            page = parameter(request, "offset") == null ? 1 : Integer.parseInt(parameter(request, "offset"));
        } catch (NumberFormatException e) {
            return error(400, "Ecs.0005", "Invalid parameter: limit and offset must be integers.");
        }
        if (limit < 1 || limit > MAX_LIMIT || page < 0) {
            return error(400, "Ecs.0005", "Invalid parameter: limit must be 1 to 1000, offset at least 0.");
        }
        long first = (long) (Math.max(page, 1) - 1) * limit;
        long end = Math.min(fleet.perRegion(), first + limit);
        ObjectNode body = json.createObjectNode().put("count", fleet.perRegion());
        ArrayNode servers = body.putArray("servers");
        for (long index = first; index < end; index++) {
            addServer(servers, fleet.machine(region, (int) index), projectId, (int) index);
        }
        return ok(body);
    }

    private static void addServer(ArrayNode servers, Fleet.Machine machine, String projectId, int index) {
        boolean running = machine.state().equals("running");
        String[] flavor = FLAVORS.getOrDefault(machine.size(), new String[] {machine.size(), "1", "1024"});
        ObjectNode server = servers.addObject()
                .put("id", serverIdOf(machine))
                .put("name", machine.name())
                .put("status", running ? "ACTIVE" : "SHUTOFF")
                .put("created", machine.created().toString())
                .put("updated", machine.created().plusSeconds(60).toString())
                .put("tenant_id", projectId)
                .put("user_id", "7a1b9c3d5e7f4a0b8c2d4e6f8a0b2c4d")
                .put("enterprise_project_id", "0")
                .put("OS-EXT-AZ:availability_zone", machine.zone())
                .put("OS-EXT-STS:vm_state", running ? "active" : "stopped")
                .put("OS-EXT-STS:power_state", running ? 1 : 4)
                .put("OS-EXT-SRV-ATTR:instance_name", String.format("instance-%08x", index))
                .put("locked", false);
        server.putObject("flavor")
                .put("id", flavor[0]).put("name", flavor[0]).put("vcpus", flavor[1]).put("ram", flavor[2])
                .put("disk", "0");
        server.putObject("image").put("id", hexUuid("image:" + machine.image()));
        server.putObject("metadata")
                .put("image_name", machine.image())
                .put("os_type", machine.image().startsWith("windows") ? "Windows" : "Linux")
                .put("charging_mode", "0")
                .put("vpc_id", hexUuid("vpc:" + machine.region()));
        ArrayNode addresses = server.putObject("addresses").putArray(hexUuid("vpc:" + machine.region()));
        addresses.addObject()
                .put("version", "4")
                .put("addr", machine.privateIp())
                .put("OS-EXT-IPS:type", "fixed")
                .put("OS-EXT-IPS-MAC:mac_addr", String.format("fa:16:3e:%02x:%02x:%02x",
                        (index >>> 16) & 0xff, (index >>> 8) & 0xff, index & 0xff));
        if (running) {
            addresses.addObject()
                    .put("version", "4")
                    .put("addr", "100.85." + ((index >>> 8) & 0xff) + "." + (index & 0xff))
                    .put("OS-EXT-IPS:type", "floating");
        }
        server.putArray("tags").add("owner=" + machine.ownerTag()).add("env");
        server.putArray("security_groups").addObject().put("name", "default");
    }

    private static String parameter(Request request, String name) {
        QueryParameter parameter = request.queryParameter(name);
        return parameter.isPresent() ? parameter.firstValue() : null;
    }

    private static String hexUuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }

    private ResponseDefinition ok(ObjectNode body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(200)
                .withHeader("Content-Type", JSON)
                .withBody(body.toString())
                .build();
    }

    private ResponseDefinition error(int status, String code, String message) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", JSON)
                .withBody(errorBody(code, message).toString())
                .build();
    }

    private ObjectNode errorBody(String code, String message) {
        return json.createObjectNode()
                .put("error_code", code)
                .put("error_msg", message)
                .put("request_id", UUID.randomUUID().toString().replace("-", ""));
    }
}
