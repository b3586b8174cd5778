package io.cocsync.connectors.huawei;

import static io.cocsync.connectors.huawei.HuaweiCalls.isBlank;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.ecs.v2.EcsClient;
import com.huaweicloud.sdk.ecs.v2.model.ListServersDetailsRequest;
import com.huaweicloud.sdk.ecs.v2.model.ListServersDetailsResponse;
import com.huaweicloud.sdk.ecs.v2.model.ServerAddress;
import com.huaweicloud.sdk.ecs.v2.model.ServerDetail;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.VendorAccount;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.RegionFailures;
import io.cocsync.connectors.ResourceSink;
import io.cocsync.connectors.RetryPolicy;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.connectors.huawei.RegionProjects.RegionProject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The connector of vendors RMS (Huawei Cloud) and HCS (Huawei Cloud Stack, on premises): reads the
 * elastic cloud servers of every region of the account with Huawei Cloud's Java SDK, signing with
 * the account's AK/SK. HCS exposes the same ECS API on premises; the two differ only in how the
 * regions and their projects are found (see {@link RegionProjects}).
 *
 * <pre>
 * GET /v3/projects                                               (IAM; RMS accounts without tenant_id)
 * GET /v1/{project_id}/cloudservers/detail?limit=1000&amp;offset=N   (per region; N = page number from 1)
 * </pre>
 * Pages are read until one is short or the answer's {@code count} is reached, and each goes to the
 * sink as it arrives. Retries are {@link HuaweiCalls}'. A region that keeps failing does not stop
 * the others, but the fetch then ends with a {@link ConnectorException} naming it, so the engine
 * removes nothing. TLS certificates are always verified: an HCS with an internal CA needs that CA
 * in the JVM's trust store.
 *
 * <p>Mapping: type {@code cloudservers}; resource_id = id; name = name; region_id = the region;
 * properties: state (status, e.g. ACTIVE), size (flavor name, else id), image (image id), image_name
 * (metadata), zone (OS-EXT-AZ:availability_zone), private_ips / public_ips (addresses of
 * OS-EXT-IPS:type fixed / floating), tags ("key=value" list as a map), created_time (created),
 * enterprise_project_id, project_id (tenant_id).
 */
public final class HuaweiEcsConnector implements VendorConnector {

    static final String TYPE = "cloudservers";
    static final int PAGE_SIZE = 1000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final CloudVendor vendor;
    private final String vendorName;
    private final RetryPolicy retry;
    private final Duration callTimeout;

    private HuaweiEcsConnector(CloudVendor vendor, String vendorName, RetryPolicy retry, Duration callTimeout) {
        this.vendor = vendor;
        this.vendorName = vendorName;
        this.retry = retry;
        this.callTimeout = callTimeout;
    }

    /** Huawei Cloud, the public cloud. */
    public static HuaweiEcsConnector rms(RetryPolicy retry, Duration callTimeout) {
        return new HuaweiEcsConnector(CloudVendor.RMS, "Huawei Cloud", retry, callTimeout);
    }

    /** Huawei Cloud Stack, on premises. */
    public static HuaweiEcsConnector hcs(RetryPolicy retry, Duration callTimeout) {
        return new HuaweiEcsConnector(CloudVendor.HCS, "Huawei Cloud Stack", retry, callTimeout);
    }

    @Override
    public CloudVendor vendor() {
        return vendor;
    }

    @Override
    public void fetch(VendorAccount account, ResourceSink sink) throws ConnectorException, InterruptedException {
        if (isBlank(account.ak()) || isBlank(account.sk())) {
            throw new ConnectorException("A " + vendorName + " account needs an access key (ak) and a secret key (sk).");
        }
        HttpConfig http = HttpConfig.getDefaultHttpConfig()
                .withConnectionTimeout((int) CONNECT_TIMEOUT.toSeconds())
                .withReadTimeout((int) Math.max(1, callTimeout.toSeconds()))
                .withIgnoreSSLVerification(false);
        HuaweiCalls calls = new HuaweiCalls(vendorName, retry);
        List<RegionProject> targets = vendor == CloudVendor.HCS
                ? RegionProjects.ofHcs(account)
                : RegionProjects.ofRms(account, http, calls);
        RegionFailures failures = new RegionFailures(vendorName);
        for (RegionProject target : targets) {
            if (target.projectId() == null) {
                failures.add(target.region(), "the account has no project there: region not enabled");
                continue;
            }
            EcsClient ecs = EcsClient.newBuilder()
                    .withCredential(new BasicCredentials().withAk(account.ak()).withSk(account.sk())
                            .withProjectId(target.projectId()))
                    .withEndpoints(List.of(target.ecsEndpoint()))
                    .withHttpConfig(http)
                    .build();
            readRegion(ecs, target, calls, sink, failures);
        }
        failures.throwIfAny(targets.size());
    }

    /** Reads one region page by page; a failure of the region is added to {@code failures}. */
    private static void readRegion(EcsClient ecs, RegionProject target, HuaweiCalls calls, ResourceSink sink,
            RegionFailures failures) throws ConnectorException, InterruptedException {
        long read = 0;
        String previousFirstId = null;
        for (int page = 1; ; page++) {
            ListServersDetailsRequest request = new ListServersDetailsRequest().withLimit(PAGE_SIZE).withOffset(page);
            ListServersDetailsResponse response;
            try {
                response = calls.call(() -> ecs.listServersDetails(request));
            } catch (HuaweiCalls.CallFailedException e) {
                failures.add(target.region(), "page " + page + ": " + e.getMessage());
                return;
            }
            List<ServerDetail> servers = response.getServers() == null ? List.of() : response.getServers();
            if (servers.stream().anyMatch(server -> isBlank(server.getId()))) {
                failures.add(target.region(), "page " + page + " lists a server without id");
                return;
            }
            String firstId = servers.isEmpty() ? null : servers.get(0).getId();
            if (firstId != null && firstId.equals(previousFirstId)) {
                // a server that ignores the page number would otherwise be read forever
                failures.add(target.region(), "page " + page + " repeats page " + (page - 1));
                return;
            }
            sink.accept(resourcesOf(servers, target.region()));
            read += servers.size();
            Integer count = response.getCount();
            if (servers.size() < PAGE_SIZE || (count != null && read >= count)) {
                return;
            }
            previousFirstId = firstId;
        }
    }

    private static List<DiscoveredResource> resourcesOf(List<ServerDetail> servers, String region) {
        List<DiscoveredResource> resources = new ArrayList<>(servers.size());
        for (ServerDetail server : servers) {
            resources.add(resourceOf(server, region));
        }
        return resources;
    }

    private static DiscoveredResource resourceOf(ServerDetail server, String region) {
        Set<String> privateIps = new LinkedHashSet<>();
        Set<String> publicIps = new LinkedHashSet<>();
        if (server.getAddresses() != null) {
            for (List<ServerAddress> network : server.getAddresses().values()) {
                for (ServerAddress address : network == null ? List.<ServerAddress>of() : network) {
                    if (isBlank(address.getAddr())) {
                        continue;
                    }
                    boolean floating = address.getOsEXTIPSType() == ServerAddress.OsEXTIPSTypeEnum.FLOATING;
                    (floating ? publicIps : privateIps).add(address.getAddr());
                }
            }
        }
        Map<String, String> tags = new TreeMap<>();
        for (String tag : server.getTags() == null ? List.<String>of() : server.getTags()) {
            int equals = tag.indexOf('=');
            tags.put(equals < 0 ? tag : tag.substring(0, equals), equals < 0 ? "" : tag.substring(equals + 1));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        putIfPresent(properties, "state", server.getStatus());
        if (server.getFlavor() != null) {
            String flavorName = server.getFlavor().getName();
            putIfPresent(properties, "size", isBlank(flavorName) ? server.getFlavor().getId() : flavorName);
        }
        putIfPresent(properties, "image", server.getImage() == null ? null : server.getImage().getId());
        putIfPresent(properties, "image_name", server.getMetadata() == null ? null
                : server.getMetadata().get("image_name"));
        putIfPresent(properties, "zone", server.getOsEXTAZAvailabilityZone());
        properties.put("private_ips", List.copyOf(privateIps));
        properties.put("public_ips", List.copyOf(publicIps));
        properties.put("tags", tags);
        putIfPresent(properties, "created_time", server.getCreated());
        putIfPresent(properties, "enterprise_project_id", server.getEnterpriseProjectId());
        putIfPresent(properties, "project_id", server.getTenantId());
        return new DiscoveredResource(TYPE, server.getId(), isBlank(server.getName()) ? server.getId() : server.getName(),
                region, properties);
    }

    private static void putIfPresent(Map<String, Object> properties, String key, String value) {
        if (!isBlank(value)) {
            properties.put(key, value);
        }
    }
}
