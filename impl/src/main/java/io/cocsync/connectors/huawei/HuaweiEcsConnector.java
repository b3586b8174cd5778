package io.cocsync.connectors.huawei;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.ecs.v2.EcsClient;
import com.huaweicloud.sdk.ecs.v2.model.ListServersDetailsRequest;
import com.huaweicloud.sdk.ecs.v2.model.ListServersDetailsResponse;
import com.huaweicloud.sdk.ecs.v2.model.ServerDetail;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.ConnectorContext;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.ConnectorFactory;
import io.cocsync.connectors.RegionalFetch;
import io.cocsync.connectors.ResourceSink;
import io.cocsync.connectors.Texts;
import io.cocsync.connectors.VendorCalls;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.connectors.huawei.RegionProjects.RegionProject;
import java.util.List;

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
 * removes nothing. TLS certificates are always verified, against the context's trust (an HCS with
 * an internal CA needs that CA in the vendor trust store).
 *
 * <p>The mapping is {@link EcsServerMapping}'s; every HTTP exchange is counted by {@link HuaweiCallMetrics}.
 */
public final class HuaweiEcsConnector implements VendorConnector {

    static final int PAGE_SIZE = 1000;

    /** Makes the connector of vendor RMS: Huawei Cloud, the public cloud. */
    public static final ConnectorFactory RMS = ConnectorFactory.of(CloudVendor.RMS,
            context -> new HuaweiEcsConnector(CloudVendor.RMS, "Huawei Cloud", context));
    /** Makes the connector of vendor HCS: Huawei Cloud Stack, on premises. */
    public static final ConnectorFactory HCS = ConnectorFactory.of(CloudVendor.HCS,
            context -> new HuaweiEcsConnector(CloudVendor.HCS, "Huawei Cloud Stack", context));

    private final CloudVendor vendor;
    private final String vendorName;
    private final ConnectorContext context;

    private HuaweiEcsConnector(CloudVendor vendor, String vendorName, ConnectorContext context) {
        this.vendor = vendor;
        this.vendorName = vendorName;
        this.context = context;
    }

    @Override
    public CloudVendor vendor() {
        return vendor;
    }

    @Override
    public void fetch(AccountAccess account, ResourceSink sink) throws ConnectorException, InterruptedException {
        if (Texts.isBlank(account.ak()) || Texts.isBlank(account.sk())) {
            throw new ConnectorException("A " + vendorName + " account needs an access key (ak) and a secret key (sk).");
        }
        VendorCalls counted = context.calls(vendor);
        HttpConfig http = HttpConfig.getDefaultHttpConfig()
                .withConnectionTimeout((int) ConnectorContext.CONNECT_TIMEOUT.toSeconds())
                .withReadTimeout((int) Math.max(1, context.callTimeout().toSeconds()))
                .withIgnoreSSLVerification(false)
                .withSSLSocketFactory(context.tls().context().getSocketFactory())
                .withX509TrustManager(context.tls().trustManager())
                .withEventListener(new HuaweiCallMetrics(counted));
        HuaweiCalls calls = new HuaweiCalls(vendorName, context.retry(), counted);
        List<RegionProject> targets = vendor == CloudVendor.HCS
                ? RegionProjects.ofHcs(account)
                : RegionProjects.ofRms(account, http, calls);
        RegionalFetch.readAll(vendorName, "region", targets, RegionProject::region, target -> {
            if (target.projectId() == null) {
                throw new ConnectorException("the account has no project there: region not enabled");
            }
            EcsClient ecs = EcsClient.newBuilder()
                    .withCredential(new BasicCredentials().withAk(account.ak()).withSk(account.sk())
                            .withProjectId(target.projectId()))
                    .withEndpoints(List.of(target.ecsEndpoint()))
                    .withHttpConfig(http)
                    .build();
            readRegion(ecs, target, calls, sink);
        });
    }

    /** Reads one region page by page, until a page is short or the answer's count is reached. */
    private static void readRegion(EcsClient ecs, RegionProject target, HuaweiCalls calls, ResourceSink sink)
            throws ConnectorException, InterruptedException {
        long read = 0;
        String previousFirstId = null;
        for (int page = 1; ; page++) {
            ListServersDetailsRequest request = new ListServersDetailsRequest().withLimit(PAGE_SIZE).withOffset(page);
            ListServersDetailsResponse response;
            try {
                response = calls.call(() -> ecs.listServersDetails(request));
            } catch (HuaweiCalls.CallFailedException e) {
                throw new ConnectorException("page " + page + ": " + e.getMessage());
            }
            List<ServerDetail> servers = response.getServers() == null ? List.of() : response.getServers();
            if (servers.stream().anyMatch(server -> Texts.isBlank(server.getId()))) {
                throw new ConnectorException("page " + page + " lists a server without id");
            }
            String firstId = servers.isEmpty() ? null : servers.get(0).getId();
            if (firstId != null && firstId.equals(previousFirstId)) {
                // a server that ignores the page number would otherwise be read forever
                throw new ConnectorException("page " + page + " repeats page " + (page - 1));
            }
            sink.accept(EcsServerMapping.resourcesOf(servers, target.region()));
            read += servers.size();
            Integer count = response.getCount();
            if (servers.size() < PAGE_SIZE || (count != null && read >= count)) {
                return;
            }
            previousFirstId = firstId;
        }
    }
}
