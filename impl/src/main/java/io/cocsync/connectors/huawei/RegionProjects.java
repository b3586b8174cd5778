package io.cocsync.connectors.huawei;

import static io.cocsync.connectors.Texts.isBlank;

import com.huaweicloud.sdk.core.HcClient;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.auth.IamHelper;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.core.internal.InnerIamMeta;
import com.huaweicloud.sdk.core.internal.model.KeystoneListProjectsRequest;
import com.huaweicloud.sdk.core.internal.model.KeystoneListProjectsResponse;
import com.huaweicloud.sdk.core.internal.model.Project;
import com.huaweicloud.sdk.ecs.v2.region.EcsRegion;
import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.Endpoints;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which ECS endpoint and project to read for each region of an account. ECS lists servers per
 * project, and a project belongs to one region: the region's default project is named after it.
 *
 * <ul>
 * <li>HCS: the account's endpoint (required) serves one region: the one named in region_ids, or
 * else {region} of an ecs.{region}.{domain} endpoint (else the endpoint's host); tenant_id
 * (required) is its project id.
 * <li>RMS with tenant_id: that project, in the one region named in region_ids.
 * <li>RMS otherwise: the account's projects are listed once from IAM ({@code GET /v3/projects});
 * the regions are region_ids, or else every region with a project (enabled for the account).
 * A region's project is the one named after it; "MOS" (OBS's) and sub-projects are not read.
 * </ul>
 * The account's endpoint, when an RMS account gives one, replaces both the regional ECS endpoints
 * and IAM's (a gateway or a stub answering for all regions).
 */
final class RegionProjects {

    /** One region's project; {@code projectId} is null when the account has no project there. */
    record RegionProject(String region, String projectId, String ecsEndpoint) {}

    /** OBS's project, which IAM lists beside the region projects but which is no region. */
    private static final String OBS_PROJECT = "MOS";
    /** An ECS host named after its region, as Huawei's are: ecs.{region}.{domain}. */
    private static final Pattern ECS_HOST = Pattern.compile("ecs\\.([^.]+)\\..+");

    private RegionProjects() {}

    static List<RegionProject> ofHcs(AccountAccess account) throws ConnectorException {
        String endpoint = endpointOf(account);
        if (endpoint == null) {
            throw new ConnectorException("An HCS account needs the endpoint of its region's ECS API"
                    + " (for example https://ecs.region01.hcs.example.com).");
        }
        if (isBlank(account.tenantId())) {
            throw new ConnectorException("An HCS account needs its project id as tenant_id.");
        }
        String region = account.regionIds().isEmpty()
                ? regionOfHost(URI.create(endpoint).getHost())
                : singleRegion(account, "An HCS account");
        return List.of(new RegionProject(region, account.tenantId(), endpoint));
    }

    static List<RegionProject> ofRms(AccountAccess account, HttpConfig http, HuaweiCalls calls)
            throws ConnectorException, InterruptedException {
        String endpoint = endpointOf(account);
        if (!isBlank(account.tenantId())) {
            String region = singleRegion(account, "An RMS account with a tenant_id");
            return List.of(new RegionProject(region, account.tenantId(), ecsEndpoint(region, endpoint)));
        }
        Map<String, String> projectIds = regionProjects(account, endpoint == null ? IamHelper.getEndpoint() : endpoint,
                http, calls);
        List<String> regions = account.regionIds().isEmpty()
                ? List.copyOf(projectIds.keySet())
                : List.copyOf(new LinkedHashSet<>(account.regionIds()));
        if (regions.isEmpty()) {
            throw new ConnectorException("IAM listed no region project for the account.");
        }
        List<RegionProject> targets = new ArrayList<>();
        for (String region : regions) {
            targets.add(new RegionProject(region, projectIds.get(region), ecsEndpoint(region, endpoint)));
        }
        return targets;
    }

    /** Region name to the id of its default project, from IAM's list of the account's projects. */
    private static Map<String, String> regionProjects(AccountAccess account, String iamEndpoint, HttpConfig http,
            HuaweiCalls calls) throws ConnectorException, InterruptedException {
        HcClient iam = new HcClient(http)
                .withEndpoints(List.of(iamEndpoint))
                .withCredential(new BasicCredentials().withAk(account.ak()).withSk(account.sk()));
        KeystoneListProjectsResponse response;
        try {
            // the SDK core's own IAM call (the one it makes to find a project id); no IAM module needed
            response = calls.call(() -> iam.syncInvokeHttp(new KeystoneListProjectsRequest(),
                    InnerIamMeta.KEYSTONE_LIST_PROJECTS));
        } catch (HuaweiCalls.CallFailedException e) {
            throw new ConnectorException("Could not list the account's projects from IAM (" + e.getMessage() + ").");
        }
        Map<String, String> projectIds = new LinkedHashMap<>();
        for (Project project : response.getProjects() == null ? List.<Project>of() : response.getProjects()) {
            // sub-projects ({region}_{name}) are left out: only a region's default project is read
            String name = project.getName();
            if (!isBlank(name) && !name.contains("_") && !name.equals(OBS_PROJECT)
                    && !Boolean.FALSE.equals(project.getEnabled())) {
                projectIds.put(name, project.getId());
            }
        }
        return projectIds;
    }

    /** The region an HCS endpoint serves when the account names none: {region} of ecs.{region}.{domain}, else the host. */
    static String regionOfHost(String host) {
        Matcher named = ECS_HOST.matcher(host);
        return named.matches() ? named.group(1) : host;
    }

    private static String singleRegion(AccountAccess account, String who) throws ConnectorException {
        List<String> regions = List.copyOf(new LinkedHashSet<>(account.regionIds()));
        if (regions.size() != 1) {
            // a project id belongs to exactly one region
            throw new ConnectorException(who + " reads one region: name it, and only it, in region_ids.");
        }
        return regions.get(0);
    }

    private static String ecsEndpoint(String region, String accountEndpoint) {
        if (accountEndpoint != null) {
            return accountEndpoint;
        }
        try {
            List<String> endpoints = EcsRegion.valueOf(region).getEndpoints();
            return endpoints.isEmpty() ? null : endpoints.get(0);
        } catch (IllegalArgumentException e) {
            // a region newer than the SDK: Huawei Cloud's endpoint pattern
            return "https://ecs." + region + ".myhuaweicloud.com";
        }
    }

    private static String endpointOf(AccountAccess account) throws ConnectorException {
        return Endpoints.of(account.endpoint(), "The account's endpoint is not a valid URL.").map(Endpoints::base)
                .orElse(null);
    }
}
