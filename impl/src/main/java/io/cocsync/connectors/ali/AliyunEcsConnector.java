package io.cocsync.connectors.ali;

import com.aliyun.ecs20140526.Client;
import com.aliyun.ecs20140526.models.DescribeInstancesRequest;
import com.aliyun.ecs20140526.models.DescribeInstancesResponseBody;
import com.aliyun.ecs20140526.models.DescribeRegionsRequest;
import com.aliyun.ecs20140526.models.DescribeRegionsResponseBody;
import com.aliyun.ecs20140526.models.DescribeRegionsResponseBody.DescribeRegionsResponseBodyRegionsRegion;
import com.aliyun.tea.TeaException;
import com.aliyun.tea.TeaUnretryableException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.AccountFailure;
import io.cocsync.connectors.ConnectorContext;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.ConnectorFactory;
import io.cocsync.connectors.Endpoints;
import io.cocsync.connectors.Paging;
import io.cocsync.connectors.RegionalFetch;
import io.cocsync.connectors.ResourceSink;
import io.cocsync.connectors.RetryPolicy;
import io.cocsync.connectors.Texts;
import io.cocsync.connectors.VendorCalls;
import io.cocsync.connectors.VendorConnector;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * <p>The mapping is {@link EcsInstanceMapping}'s; every HTTP answer is counted by {@link TeaCallMetrics}.
 */
public final class AliyunEcsConnector implements VendorConnector {

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

    /** Makes the connector of vendor ALI. */
    public static final ConnectorFactory FACTORY = ConnectorFactory.of(CloudVendor.ALI, AliyunEcsConnector::new);

    private final ConnectorContext context;
    private final RetryPolicy retry;
    private final Duration callTimeout;
    private final VendorCalls calls;

    AliyunEcsConnector(ConnectorContext context) {
        this.context = context;
        this.retry = context.retry();
        this.callTimeout = context.callTimeout();
        this.calls = context.calls(CloudVendor.ALI);
    }

    @Override
    public CloudVendor vendor() {
        return CloudVendor.ALI;
    }

    @Override
    public void fetch(AccountAccess account, ResourceSink sink) throws ConnectorException, InterruptedException {
        if (Texts.isBlank(account.ak()) || Texts.isBlank(account.sk())) {
            throw new ConnectorException(
                    "An Alibaba Cloud account needs an AccessKey ID (ak) and an AccessKey secret (sk).");
        }
        URI endpoint = Endpoints.ofHostOrUrl(account.endpoint(), "The account's endpoint is not a valid host or URL.")
                .orElse(null);
        Map<String, String> regionEndpoints = account.regionIds().isEmpty()
                ? enabledRegions(account, endpoint)
                : namedRegions(account.regionIds());
        RegionalFetch.readAll("Alibaba Cloud", "region", List.copyOf(regionEndpoints.keySet()), region -> region,
                region -> readRegion(client(account, endpoint, region, regionEndpoints.get(region)), region, sink));
    }

    /** The account's regions by id, each with its RegionEndpoint (null: the SDK's regional endpoint). */
    private Map<String, String> enabledRegions(AccountAccess account, URI endpoint)
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
                if (!Texts.isBlank(region.regionId)) {
                    regions.put(region.regionId, Texts.orNull(region.regionEndpoint));
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

    /** Reads one region page by page. */
    private void readRegion(Client ecs, String region, ResourceSink sink)
            throws ConnectorException, InterruptedException {
        Paging.readAll("ECS", "NextToken", (token, page) -> {
            DescribeInstancesRequest request = new DescribeInstancesRequest()
                    .setRegionId(region)
                    .setMaxResults(PAGE_SIZE)
                    .setNextToken(token);
            DescribeInstancesResponseBody body;
            try {
                body = call(() -> ecs.describeInstancesWithOptions(request, runtime()).body);
            } catch (CallFailure e) {
                throw new ConnectorException("page " + page + ": " + e.getMessage());
            }
            if (body == null) {
                throw new ConnectorException("page " + page + ": the answer could not be parsed");
            }
            sink.accept(EcsInstanceMapping.resourcesOf(body, region));
            return body.nextToken;
        });
    }

    private Client client(AccountAccess account, URI endpoint, String region, String regionEndpoint)
            throws ConnectorException {
        Config config = new Config()
                .setAccessKeyId(account.ak())
                .setAccessKeySecret(account.sk())
                .setRegionId(region)
                .setConnectTimeout((int) Math.min(callTimeout.toMillis(), 10_000))
                .setReadTimeout((int) callTimeout.toMillis());
        context.tls().pem().ifPresent(config::setCa);
        if (endpoint != null) {
            // the Tea SDK takes a bare host[:port] and the scheme apart, as its protocol
            config.setEndpoint(endpoint.getAuthority()).setProtocol(endpoint.getScheme().toUpperCase(Locale.ROOT));
        } else if (regionEndpoint != null) {
            config.setEndpoint(regionEndpoint);
        }
        try {
            Client client = new Client(config);
            TeaCallMetrics.installOn(client);
            return client;
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
    // the metrics scope is held, never read: while it is open, the SDK's answers on this thread are counted
    @SuppressWarnings("try")
    private <T> T call(EcsCall<T> call) throws ConnectorException, InterruptedException, CallFailure {
        for (int attempt = 1; ; attempt++) {
            String reason;
            if (attempt > 1) {
                calls.record("retried");
            }
            try (TeaCallMetrics.Scope counted = TeaCallMetrics.reportTo(calls)) {
                return call.run();
            } catch (TeaUnretryableException e) {
                throwIfInterrupted(e);
                calls.record("io_error");
                // the SDK's own retries of network failures are spent
                throw new CallFailure("connection failed after " + attemptsOf(retry.maxAttempts()));
            } catch (TeaException e) {
                throwIfInterrupted(e);
                String code = e.getCode();
                int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
                if (REFUSALS.contains(code) || status == 401) {
                    throw new AccountFailure("Alibaba Cloud refused the account's credentials ("
                            + (Texts.isBlank(code) ? "HTTP " + status : code) + ").");
                }
                reason = Stream.of(code, status == 0 ? null : "HTTP " + status)
                        .filter(part -> !Texts.isBlank(part))
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
        private static final long serialVersionUID = 1L;

        CallFailure(String reason) {
            super(reason, null, false, false);
        }
    }
}
