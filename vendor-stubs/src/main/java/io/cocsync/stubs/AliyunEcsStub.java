package io.cocsync.stubs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alibaba Cloud's ECS RPC API (version 2014-05-26) as the Tea SDK calls it: {@code Action},
 * {@code Version}, {@code RegionId} and the operation's parameters as query or form parameters (or
 * {@code x-acs-action} / {@code x-acs-version} headers), JSON answers, and Alibaba's error shape
 * {@code {"RequestId","HostId","Code","Message","Recommend"}}.
 *
 * <p>The access key id is read from the {@code AccessKeyId} parameter (signature v2) or the
 * {@code Credential=} of an {@code ACS3-HMAC-SHA256} Authorization header (v3, the SDK's default);
 * the signature itself is not checked. {@code DescribeInstances} pages with
 * {@code MaxResults}/{@code NextToken} or {@code PageSize}/{@code PageNumber}; a NextToken encodes
 * the offset of the next page, and pages are rendered from the {@link Fleet} on demand, so a fleet
 * of a million costs no memory.
 */
public final class AliyunEcsStub extends VendorStub {

    public static final String ACCESS_KEY = "LTAI5tStubAccessKeyId00";
    public static final String SECRET_KEY = "StubAccessKeySecretForTheEcsStub0";
    public static final String API_VERSION = "2014-05-26";

    static final int DEFAULT_PAGE_SIZE = 10;
    static final int MAX_PAGE_SIZE = 100;
    private static final String TOKEN_PREFIX = "offset-";
    private static final Pattern V3_CREDENTIAL = Pattern.compile("^ACS3-[A-Z0-9-]+ Credential=([^,\\s]+)");
    private static final DateTimeFormatter CREATION_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper json = new ObjectMapper();

    public AliyunEcsStub(Fleet fleet) {
        super(fleet, StubVendor.ALI, ACCESS_KEY, SECRET_KEY);
    }

    @Override
    protected ResponseDefinition respond(Request request) {
        Map<String, String> params = paramsOf(request);
        String accessKeyId = params.getOrDefault("AccessKeyId", v3AccessKeyId(request));
        if (accessKeyId == null) {
            return error(400, "MissingAccessKeyId", "AccessKeyId is mandatory for this action.");
        }
        if (!accessKeyId.equals(ACCESS_KEY)) {
            return error(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        }
        if (throttleThisRequest()) {
            return error(400, "Throttling.User", "Request was denied due to user flow control.");
        }
        String version = params.getOrDefault("Version", request.getHeader("x-acs-version"));
        if (!API_VERSION.equals(version)) {
            return error(400, "InvalidVersion", "Specified parameter Version is not valid.");
        }
        String action = params.getOrDefault("Action", String.valueOf(request.getHeader("x-acs-action")));
        return switch (action) {
            case "DescribeRegions" -> describeRegions();
            case "DescribeInstances" -> describeInstances(params);
            default -> error(404, "InvalidAction.NotFound",
                    "Specified api is not found, please check your url and method.");
        };
    }

    private ResponseDefinition describeRegions() {
        ObjectNode body = json.createObjectNode().put("RequestId", requestId());
        ArrayNode regions = body.putObject("Regions").putArray("Region");
        for (String region : fleet().regions()) {
            regions.addObject()
                    .put("RegionId", region)
                    .put("LocalName", region)
                    .put("RegionEndpoint", "ecs." + region + ".aliyuncs.com")
                    .put("Status", "available");
        }
        return ok(body);
    }

    private ResponseDefinition describeInstances(Map<String, String> params) {
        String region = params.get("RegionId");
        if (region == null || region.isBlank()) {
            return error(400, "MissingRegionId", "RegionId is mandatory for this action.");
        }
        if (isFailingRegion(region)) {
            return regionFailure("application/json;charset=utf-8", errorBody("InternalError",
                    "The request processing has failed due to some unknown error, exception or failure."));
        }
        boolean tokenPaging = params.containsKey("MaxResults") || params.containsKey("NextToken");
        int pageSize;
        long first;
        try {
            pageSize = Integer.parseInt(params.getOrDefault(tokenPaging ? "MaxResults" : "PageSize",
                    Integer.toString(DEFAULT_PAGE_SIZE)));
            first = tokenPaging ? offsetOf(params.get("NextToken"))
                    : (Long.parseLong(params.getOrDefault("PageNumber", "1")) - 1) * pageSize;
        } catch (NumberFormatException e) {
            return error(400, tokenPaging ? "InvalidNextToken.Malformed" : "InvalidParameter",
                    "The specified paging parameter is not valid.");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE || first < 0) {
            return error(400, "InvalidParameter", "The specified paging parameter is not valid.");
        }
        Fleet fleet = fleet();
        int count = fleet.regions().contains(region) ? fleet.perRegion() : 0;
        long end = Math.min(count, first + pageSize);
        ObjectNode body = json.createObjectNode()
                .put("RequestId", requestId())
                .put("TotalCount", count)
                .put("NextToken", tokenPaging && end < count ? TOKEN_PREFIX + end : "")
                .put("PageSize", pageSize)
                .put("PageNumber", first / pageSize + 1);
        ArrayNode instances = body.putObject("Instances").putArray("Instance");
        for (long index = first; index < end; index++) {
            appendInstance(instances.addObject(), fleet.machine(region, (int) index), fleet.regions().indexOf(region),
                    (int) index);
        }
        return ok(body);
    }

    private static long offsetOf(String nextToken) {
        if (nextToken == null || nextToken.isEmpty()) {
            return 0;
        }
        if (!nextToken.startsWith(TOKEN_PREFIX)) {
            throw new NumberFormatException("not a token of this stub");
        }
        return Long.parseLong(nextToken.substring(TOKEN_PREFIX.length()));
    }

    private static void appendInstance(ObjectNode instance, Fleet.Machine machine, int regionNumber, int index) {
        boolean running = machine.state().equals("running");
        // every fifth running machine has an elastic IP instead of a fixed public IP
        boolean elastic = running && index % 5 == 0;
        String publicIp = "47.96." + ((index >>> 8) & 0xff) + "." + (index & 0xff);
        String zone = machine.region() + "-" + machine.zone().charAt(machine.zone().length() - 1);
        instance.put("InstanceId", "i-" + machine.key())
                .put("InstanceName", machine.name())
                .put("HostName", machine.name())
                .put("RegionId", machine.region())
                .put("ZoneId", zone)
                .put("Status", running ? "Running" : "Stopped")
                .put("InstanceType", "ecs.g7." + machine.size())
                .put("InstanceTypeFamily", "ecs.g7")
                .put("ImageId", machine.image().replace('-', '_').replace('.', '_') + "_x64_20G_alibase_20250101.vhd")
                .put("OSName", osNameOf(machine.image()))
                .put("OSType", machine.image().startsWith("windows") ? "windows" : "linux")
                .put("InstanceNetworkType", "vpc")
                .put("InstanceChargeType", "PostPaid")
                .put("CreationTime", CREATION_TIME.format(machine.created()))
                .put("Cpu", 2)
                .put("Memory", 8192);
        ObjectNode vpc = instance.putObject("VpcAttributes")
                .put("VpcId", String.format("vpc-%08x", regionNumber))
                .put("VSwitchId", String.format("vsw-%08x%s", regionNumber, zone.substring(zone.length() - 1)))
                .put("NatIpAddress", "");
        vpc.putObject("PrivateIpAddress").putArray("IpAddress").add(machine.privateIp());
        instance.putObject("InnerIpAddress").putArray("IpAddress");
        ArrayNode publicIps = instance.putObject("PublicIpAddress").putArray("IpAddress");
        if (running && !elastic) {
            publicIps.add(publicIp);
        }
        instance.putObject("EipAddress")
                .put("IpAddress", elastic ? publicIp : "")
                .put("AllocationId", elastic ? String.format("eip-%08x%08x", regionNumber, index) : "");
        ArrayNode tags = instance.putObject("Tags").putArray("Tag");
        tags.addObject().put("TagKey", "owner").put("TagValue", machine.ownerTag());
    }

    private static String osNameOf(String image) {
        String[] parts = image.split("-", 2);
        String family = parts[0].equals("rhel") ? "Red Hat Enterprise Linux"
                : parts[0].substring(0, 1).toUpperCase(Locale.ROOT) + parts[0].substring(1);
        return parts.length == 1 ? family : family + " " + parts[1] + " 64位";
    }

    /** Query parameters and, for form posts, the form body: the SDK sends either, depending on its signature. */
    private static Map<String, String> paramsOf(Request request) {
        Map<String, String> params = new HashMap<>();
        params.putAll(formOf(URI.create(request.getUrl()).getRawQuery()));
        String contentType = String.valueOf(request.getHeader("Content-Type"));
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            params.putAll(formOf(request.getBodyAsString()));
        }
        return params;
    }

    private static String v3AccessKeyId(Request request) {
        Matcher credential = V3_CREDENTIAL.matcher(String.valueOf(request.getHeader("Authorization")));
        return credential.find() ? credential.group(1) : null;
    }

    private ResponseDefinition ok(ObjectNode body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(200)
                .withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody(body.toString())
                .build();
    }

    private ResponseDefinition error(int status, String code, String message) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody(errorBody(code, message))
                .build();
    }

    private String errorBody(String code, String message) {
        return json.createObjectNode()
                .put("RequestId", requestId())
                .put("HostId", "ecs.aliyuncs.com")
                .put("Code", code)
                .put("Message", message)
                .put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + code + "&product=Ecs")
                .toString();
    }

    private static String requestId() {
        return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }
}
