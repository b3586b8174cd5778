package io.cocsync.connectors.ali;

import com.aliyun.ecs20140526.Client;
import com.aliyun.ecs20140526.models.DescribeInstancesRequest;
import com.aliyun.ecs20140526.models.DescribeInstancesResponseBody;
import com.aliyun.ecs20140526.models.DescribeInstancesResponseBody.DescribeInstancesResponseBodyInstancesInstance;
import com.aliyun.ecs20140526.models.DescribeRegionsRequest;
import com.aliyun.ecs20140526.models.DescribeRegionsResponseBody;
import com.aliyun.ecs20140526.models.DescribeRegionsResponseBody.DescribeRegionsResponseBodyRegionsRegion;
import com.aliyun.tea.TeaException;
import com.aliyun.tea.TeaUnretryableException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.VendorAccount;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.RegionFailures;
import io.cocsync.connectors.ResourceSink;
import io.cocsync.connectors.RetryPolicy;
import io.cocsync.connectors.VendorConnector;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The connector of vendor ALI: reads the ECS instances of every region of an Alibaba Cloud account
 * with Alibaba Cloud's ECS SDK (ecs20140526, the Tea SDK), signing with the account's AccessKey
 * pair (ak = AccessKey ID, sk = AccessKey secret).
 *
 * <pre>
 * DescribeRegions                                  (skipped when the account names its regions)
 * DescribeInstances RegionId=r MaxResults=100 [NextToken=...]   (per region, until NextToken is empty)
 * </pre>
 * The account's endpoint, when set ({@code host:port}, or a URL whose scheme picks HTTP or HTTPS),
 * replaces the ECS endpoint of every region; otherwise each region is read at the RegionEndpoint
 * that DescribeRegions gave, or at the SDK's regional endpoint. Each page goes to the sink as it
 * arrives. A region that keeps failing does not stop the others, but the fetch then ends with a
 * {@link ConnectorException} naming it; refused credentials end the fetch at once.
 *
 * <p>Retries: the SDK's own retry options (autoretry, maxAttempts, fixed backoff) cover only
 * network failures, since the Tea SDK never retries an answered request. Throttling
 * ({@code Throttling*}, {@code ServiceUnavailable}, HTTP 429), other 5xx answers and answers that
 * are not JSON are retried here; both are bounded by the {@link RetryPolicy}.
 *
 * <p>Mapping: type {@code instances}; resource_id = InstanceId; name = InstanceName (else the id);
 * region_id = RegionId; properties: state (Status), size (InstanceType), image (ImageId), zone
 * (ZoneId), private_ips (VpcAttributes.PrivateIpAddress, else InnerIpAddress), public_ips
 * (PublicIpAddress plus EipAddress), tags (Tags.Tag), created_time (CreationTime), vpc_id, os_name.
 */
public final class AliyunEcsConnector implements VendorConnector {

    static final String TYPE = "instances";
    /** The largest MaxResults that DescribeInstances accepts. */
    static final int PAGE_SIZE = 100;
    /** Where the region list is asked for; every region answers DescribeRegions alike. */
    static final String REGIONS_HOME = "cn-hangzhou";

    /** Error codes by which Alibaba Cloud says the AccessKey (or its permissions) is not accepted. */
    private static final Set<String> REFUSALS = Set.of(
            "InvalidAccessKeyId.NotFound", "InvalidAccessKeyId", "InvalidAccessKeyId.Inactive",
            "SignatureDoesNotMatch", "IncompleteSignature", "MissingAccessKeyId", "Forbidden.RAM",
            "Forbidden.AccessKeyDisabled", "Forbidden.NoPermission", "NoPermission");
    private static final Set<String> THROTTLES = Set.of(
            "Throttling", "Throttling.User", "Throttling.Api", "ServiceUnavailable");

    private final RetryPolicy retry;
    private final Duration callTimeout;

    /**
     * @param retry attempts and backoff of every ECS call
     * @param callTimeout the read timeout of one HTTP attempt
     */
    public AliyunEcsConnector(RetryPolicy retry, Duration callTimeout) {
        this.retry = retry;
        this.callTimeout = callTimeout;
    }

    @Override
    public CloudVendor vendor() {
        return CloudVendor.ALI;
    }

    @Override
    public void fetch(VendorAccount account, ResourceSink sink) throws ConnectorException, InterruptedException {
        if (isBlank(account.ak()) || isBlank(account.sk())) {
            throw new ConnectorException(
                    "An Alibaba Cloud account needs an AccessKey ID (ak) and an AccessKey secret (sk).");
        }
        URI endpoint = endpointOf(account);
        Map<String, String> regionEndpoints = account.regionIds().isEmpty()
                ? enabledRegions(account, endpoint)
                : namedRegions(account.regionIds());
        RegionFailures failures = new RegionFailures("Alibaba Cloud");
        for (Map.Entry<String, String> region : regionEndpoints.entrySet()) {
            Client ecs = client(account, endpoint, region.getKey(), region.getValue());
            readRegion(ecs, region.getKey(), sink, failures);
        }
        failures.throwIfAny(regionEndpoints.size());
    }

    /** The account's regions by id, each with its RegionEndpoint (null: the SDK's regional endpoint). */
    private Map<String, String> enabledRegions(VendorAccount account, URI endpoint)
            throws ConnectorException, InterruptedException {
        Client ecs = client(account, endpoint, REGIONS_HOME, null);
        DescribeRegionsResponseBody body;
        try {
            body = call(() -> ecs.describeRegionsWithOptions(new DescribeRegionsRequest(), runtime()).body);
        } catch (CallFailure e) {
            throw new ConnectorException(
                    "Could not list the account's Alibaba Cloud regions (" + e.getMessage() + ").");
        }
        Map<String, String> regions = new LinkedHashMap<>();
        if (body != null && body.regions != null && body.regions.region != null) {
            for (DescribeRegionsResponseBodyRegionsRegion region : body.regions.region) {
                if (!isBlank(region.regionId)) {
                    regions.put(region.regionId, isBlank(region.regionEndpoint) ? null : region.regionEndpoint);
                }
            }
        }
        if (regions.isEmpty()) {
            throw new ConnectorException("Alibaba Cloud listed no regions for the account.");
        }
        return regions;
    }

    private static Map<String, String> namedRegions(Collection<String> regionIds) {
        Map<String, String> regions = new LinkedHashMap<>();
        for (String region : new LinkedHashSet<>(regionIds)) {
            regions.put(region, null);
        }
        return regions;
    }

    /** Reads one region page by page; a failure of the region is added to {@code failures}. */
    private void readRegion(Client ecs, String region, ResourceSink sink, RegionFailures failures)
            throws ConnectorException, InterruptedException {
        String token = null;
        int page = 1;
        try {
            do {
                DescribeInstancesRequest request = new DescribeInstancesRequest()
                        .setRegionId(region)
                        .setMaxResults(PAGE_SIZE)
                        .setNextToken(token);
                DescribeInstancesResponseBody body =
                        call(() -> ecs.describeInstancesWithOptions(request, runtime()).body);
                if (body == null) {
                    failures.add(region, "page " + page + ": the answer could not be parsed");
                    return;
                }
                sink.accept(resourcesOf(body, region));
                String next = body.nextToken;
                if (next != null && next.equals(token)) {
                    failures.add(region, "page " + page + " repeats its NextToken");
                    return;
                }
                token = next;
                page++;
            } while (!isBlank(token));
        } catch (CallFailure e) {
            failures.add(region, "page " + page + ": " + e.getMessage());
        }
    }

    private static List<DiscoveredResource> resourcesOf(DescribeInstancesResponseBody body, String region) {
        List<DiscoveredResource> resources = new ArrayList<>();
        if (body.instances != null && body.instances.instance != null) {
            for (DescribeInstancesResponseBodyInstancesInstance instance : body.instances.instance) {
                resources.add(resourceOf(instance, region));
            }
        }
        return resources;
    }

    private static DiscoveredResource resourceOf(DescribeInstancesResponseBodyInstancesInstance instance,
            String region) {
        Map<String, String> tags = new TreeMap<>();
        if (instance.tags != null && instance.tags.tag != null) {
            instance.tags.tag.forEach(tag -> tags.put(tag.tagKey, tag.tagValue == null ? "" : tag.tagValue));
        }
        Set<String> privateIps = new LinkedHashSet<>();
        if (instance.vpcAttributes != null && instance.vpcAttributes.privateIpAddress != null) {
            addAll(privateIps, instance.vpcAttributes.privateIpAddress.ipAddress);
        }
        if (instance.innerIpAddress != null) {
            // classic-network instances have their private address here instead
            addAll(privateIps, instance.innerIpAddress.ipAddress);
        }
        Set<String> publicIps = new LinkedHashSet<>();
        if (instance.publicIpAddress != null) {
            addAll(publicIps, instance.publicIpAddress.ipAddress);
        }
        if (instance.eipAddress != null) {
            addIfPresent(publicIps, instance.eipAddress.ipAddress);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        putIfPresent(properties, "state", instance.status);
        putIfPresent(properties, "size", instance.instanceType);
        putIfPresent(properties, "image", instance.imageId);
        putIfPresent(properties, "zone", instance.zoneId);
        properties.put("private_ips", List.copyOf(privateIps));
        properties.put("public_ips", List.copyOf(publicIps));
        properties.put("tags", tags);
        putIfPresent(properties, "created_time", isoTimeOf(instance.creationTime));
        putIfPresent(properties, "vpc_id", instance.vpcAttributes == null ? null : instance.vpcAttributes.vpcId);
        putIfPresent(properties, "os_name", isBlank(instance.OSNameEn) ? instance.OSName : instance.OSNameEn);
        return new DiscoveredResource(TYPE, instance.instanceId,
                isBlank(instance.instanceName) ? instance.instanceId : instance.instanceName,
                isBlank(instance.regionId) ? region : instance.regionId, properties);
    }

    /** ECS writes times to the minute ({@code 2025-01-01T08:30Z}); the inventory keeps full ISO-8601. */
    private static String isoTimeOf(String time) {
        if (isBlank(time)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(time).toInstant().toString();
        } catch (DateTimeParseException e) {
            return time;
        }
    }

    private Client client(VendorAccount account, URI endpoint, String region, String regionEndpoint)
            throws ConnectorException {
        Config config = new Config()
                .setAccessKeyId(account.ak())
                .setAccessKeySecret(account.sk())
                .setRegionId(region)
                .setConnectTimeout((int) Math.min(callTimeout.toMillis(), 10_000))
                .setReadTimeout((int) callTimeout.toMillis());
        if (endpoint != null) {
            // the Tea SDK takes a bare host[:port] and the scheme apart, as its protocol
            config.setEndpoint(endpoint.getAuthority()).setProtocol(endpoint.getScheme().toUpperCase(Locale.ROOT));
        } else if (regionEndpoint != null) {
            config.setEndpoint(regionEndpoint);
        }
        try {
            return new Client(config);
        } catch (Exception e) {
            throw new ConnectorException("The Alibaba Cloud ECS client could not be set up for region " + region + ".");
        }
    }

    /**
     * The SDK's own retries: network failures only, as many attempts as the policy allows (the Tea
     * SDK's maxAttempts counts the attempts after the first).
     */
    private RuntimeOptions runtime() {
        return new RuntimeOptions()
                .setAutoretry(retry.maxAttempts() > 1)
                .setMaxAttempts(retry.maxAttempts() - 1)
                .setBackoffPolicy("fixed")
                .setBackoffPeriod((int) Math.max(1, retry.baseDelay().toMillis()))
                .setConnectTimeout((int) Math.min(callTimeout.toMillis(), 10_000))
                .setReadTimeout((int) callTimeout.toMillis());
    }

    /**
     * Calls ECS, retrying throttled, 5xx and unparsable answers with the policy's backoff. Refused
     * credentials end the whole fetch, since every region would refuse them alike; any other failure
     * is a {@link CallFailure} whose message says briefly why, in words fit for failure_msg.
     */
    private <T> T call(EcsCall<T> call) throws ConnectorException, InterruptedException, CallFailure {
        for (int attempt = 1; ; attempt++) {
            String reason;
            try {
                return call.run();
            } catch (TeaUnretryableException e) {
                throwIfInterrupted(e);
                // the SDK's own retries of network failures are spent
                throw new CallFailure("connection failed after " + attemptsOf(retry.maxAttempts()));
            } catch (TeaException e) {
                throwIfInterrupted(e);
                String code = e.getCode();
                int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
                if (REFUSALS.contains(code) || status == 401) {
                    throw new ConnectorException("Alibaba Cloud refused the account's credentials ("
                            + (isBlank(code) ? "HTTP " + status : code) + ").");
                }
                reason = Stream.of(code, status == 0 ? null : "HTTP " + status)
                        .filter(part -> !isBlank(part))
                        .collect(Collectors.joining(", "));
                if (!(THROTTLES.contains(code) || status == 429 || status >= 500)) {
                    throw new CallFailure(reason + " after " + attemptsOf(attempt));
                }
            } catch (Exception e) {
                throwIfInterrupted(e);
                // A body that is not JSON: the SDK then hides the HTTP status, and such a body is most
                // often a gateway's throttling or error page, so it is retried like one.
                reason = "the answer could not be parsed";
            }
            if (attempt >= retry.maxAttempts()) {
                throw new CallFailure(reason + " after " + attemptsOf(attempt));
            }
            Thread.sleep(retry.delayAfter(attempt, null).toMillis());
        }
    }

    private static String attemptsOf(int attempts) {
        return attempts + (attempts == 1 ? " attempt" : " attempts");
    }

    /** The Tea SDK turns an interrupt into its own exceptions (and clears the flag): undo that. */
    private static void throwIfInterrupted(Throwable e) throws InterruptedException {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof InterruptedIOException) {
                throw new InterruptedException("the Alibaba Cloud read was interrupted");
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("the Alibaba Cloud read was interrupted");
        }
    }

    @FunctionalInterface
    private interface EcsCall<T> {
        T run() throws Exception;
    }

    /** One ECS call failed for good; the message is the reason, in plain words. */
    private static final class CallFailure extends Exception {
        CallFailure(String reason) {
            super(reason, null, false, false);
        }
    }

    private static URI endpointOf(VendorAccount account) throws ConnectorException {
        if (isBlank(account.endpoint())) {
            return null;
        }
        String endpoint = account.endpoint().trim();
        try {
            URI uri = URI.create(endpoint.contains("://") ? endpoint : "https://" + endpoint);
            if (uri.getHost() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("not an HTTP endpoint");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConnectorException("The account's endpoint is not a valid host or URL.");
        }
    }

    private static void addAll(Set<String> values, List<String> more) {
        if (more != null) {
            more.forEach(value -> addIfPresent(values, value));
        }
    }

    private static void addIfPresent(Set<String> values, String value) {
        if (!isBlank(value)) {
            values.add(value);
        }
    }

    private static void putIfPresent(Map<String, Object> properties, String key, String value) {
        if (!isBlank(value)) {
            properties.put(key, value);
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
