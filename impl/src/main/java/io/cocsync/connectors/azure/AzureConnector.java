package io.cocsync.connectors.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.QueryResponse;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;
import com.azure.resourcemanager.resourcegraph.models.ResultTruncated;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.ConnectorContext;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.ConnectorFactory;
import io.cocsync.connectors.Endpoints;
import io.cocsync.connectors.Lazy;
import io.cocsync.connectors.Paging;
import io.cocsync.connectors.ResourceSink;
import io.cocsync.connectors.RetryPolicy;
import io.cocsync.connectors.Texts;
import io.cocsync.connectors.VendorCalls;
import io.cocsync.connectors.VendorConnector;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLHandshakeException;

/**
 * The connector of vendor AZURE: reads the virtual machines of one subscription with a single
 * Azure Resource Graph query, signed in as an application (service principal) with a client
 * secret through azure-identity.
 *
 * <pre>
 * POST {authority}/{tenant_id}/oauth2/v2.0/token       client credentials: ak = client id, sk = client secret
 * POST {arm}/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01
 *      Resources | where type =~ 'microsoft.compute/virtualmachines' [| where location in~ (...)]
 *      | project id, name, location, resourceGroup, zones, tags, properties | order by id asc
 *      $top=1000 [$skipToken=...]                      (until no $skipToken)
 * </pre>
 * The authority is https://login.microsoftonline.com and ARM https://management.azure.com; an
 * account's {@code endpoint} replaces both (one base URL serving the token endpoint and ARM, as the
 * stub does; it must be https, which azure-identity requires of an authority). The account's
 * region_ids are Azure locations (eastus, westeurope) and narrow the query; without them every
 * location is read. Each page goes to the sink as it arrives. Throttling (429, honoring
 * Retry-After as azure-core does, uncapped), server errors and broken connections are retried by
 * azure-core's retry policy, bounded by the {@link RetryPolicy}, for the token and the queries alike.
 *
 * <p>The mapping is {@link ResourceGraphVmMapping}'s; every HTTP attempt is counted by
 * {@link AzureCallMetrics}. TLS trust is the context's.
 */
public final class AzureConnector implements VendorConnector {

    static final int PAGE_SIZE = 1000;
    private static final String AUTHORITY = "https://login.microsoftonline.com";
    private static final Pattern LOCATION = Pattern.compile("[a-z0-9]+");

    /** Makes the connector of vendor AZURE. */
    public static final ConnectorFactory FACTORY = ConnectorFactory.of(CloudVendor.AZURE, AzureConnector::new);

    private final RetryPolicy retry;
    private final VendorCalls calls;
    /** Made at the first sync, as TLS is set up then: see {@link Lazy}. */
    private final Lazy<HttpClient> http;
    private final ObjectMapper json;

    AzureConnector(ConnectorContext context) {
        this.retry = context.retry();
        this.calls = context.calls(CloudVendor.AZURE);
        this.json = context.json();
        this.http = new Lazy<>(() -> new JdkHttpClientBuilder(
                java.net.http.HttpClient.newBuilder().sslContext(context.tls().context()))
                .connectionTimeout(ConnectorContext.CONNECT_TIMEOUT)
                .responseTimeout(context.callTimeout())
                // a body that stops coming between reads is bounded by the same setting, not azure-core's default
                .readTimeout(context.callTimeout())
                .build());
    }

    @Override
    public CloudVendor vendor() {
        return CloudVendor.AZURE;
    }

    @Override
    public void fetch(AccountAccess account, ResourceSink sink) throws ConnectorException, InterruptedException {
        if (Texts.isBlank(account.ak()) || Texts.isBlank(account.sk())) {
            throw new ConnectorException("An AZURE account needs the application (client) id as ak and a client"
                    + " secret as sk.");
        }
        if (Texts.isBlank(account.tenantId()) || Texts.isBlank(account.subscriptionId())) {
            throw new ConnectorException("An AZURE account needs a tenant_id (the directory id) and a"
                    + " subscription_id (the subscription to read).");
        }
        ResourceGraphManager graph = graphOf(account);
        String query = queryOf(account.regionIds());
        Paging.readAll("Azure Resource Graph", "$skipToken", (skipToken, page) -> {
            QueryResponse response = query(graph, account, query, skipToken, page);
            sink.accept(ResourceGraphVmMapping.resourcesOf(json.valueToTree(response.data()), page));
            String next = response.skipToken();
            if (Texts.isBlank(next) && response.resultTruncated() == ResultTruncated.TRUE) {
                throw new ConnectorException("Azure Resource Graph cut the virtual machines short at page " + page
                        + " without a $skipToken to go on.");
            }
            return next;
        });
    }

    private ResourceGraphManager graphOf(AccountAccess account) throws ConnectorException {
        String endpoint = endpointOf(account);
        ClientSecretCredentialBuilder credential = new ClientSecretCredentialBuilder()
                .tenantId(account.tenantId())
                .clientId(account.ak())
                .clientSecret(account.sk())
                .httpClient(http.get())
                .addPolicy(new LeaveContentLengthToTheJdk())
                .addPolicy(new AzureCallMetrics(calls))
                .retryOptions(retryOptions());
        AzureEnvironment environment = AzureEnvironment.AZURE;
        if (endpoint != null) {
            // the instance discovery service knows only Microsoft's own authorities
            credential.authorityHost(endpoint).disableInstanceDiscovery();
            Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
            endpoints.put("resourceManagerEndpointUrl", endpoint);
            endpoints.put("activeDirectoryEndpointUrl", endpoint);
            environment = new AzureEnvironment(endpoints);
        }
        TokenCredential signedIn;
        try {
            signedIn = credential.build();
        } catch (IllegalArgumentException e) {
            // azure-identity checks the tenant id's characters before any call
            throw new ConnectorException("The account's tenant_id is not a valid Azure tenant id.");
        }
        return ResourceGraphManager.configure()
                .withHttpClient(http.get())
                .withPolicy(new LeaveContentLengthToTheJdk())
                .withPolicy(new AzureCallMetrics(calls))
                .withRetryOptions(retryOptions())
                .authenticate(signedIn, new AzureProfile(account.tenantId(), account.subscriptionId(), environment));
    }

    private QueryResponse query(ResourceGraphManager graph, AccountAccess account, String query, String skipToken,
            int page) throws ConnectorException, InterruptedException {
        try {
            return graph.resourceProviders().resources(new QueryRequest()
                    .withSubscriptions(List.of(account.subscriptionId()))
                    .withQuery(query)
                    .withOptions(new QueryRequestOptions()
                            .withTop(PAGE_SIZE)
                            .withSkipToken(skipToken)
                            .withResultFormat(ResultFormat.OBJECT_ARRAY)));
        } catch (RuntimeException e) {
            throw failureOf(e, account, page);
        }
    }

    /** Says why a call failed, in words fit for failure_msg; never with the secret. */
    private ConnectorException failureOf(RuntimeException e, AccountAccess account, int page)
            throws InterruptedException {
        if (Thread.currentThread().isInterrupted() || causeOf(e, InterruptedException.class) != null) {
            throw new InterruptedException("the Azure read was interrupted");
        }
        MsalServiceException refusal = causeOf(e, MsalServiceException.class);
        if (refusal != null) {
            Integer status = refusal.statusCode();
            if (status != null && (status == 429 || status >= 500)) {
                return new ConnectorException("The Microsoft identity platform kept failing (HTTP " + status
                        + " after " + attempts() + ").");
            }
            return new ConnectorException("Azure refused the account's credentials ("
                    + (Texts.isBlank(refusal.errorCode()) ? "HTTP " + status : refusal.errorCode()) + ").");
        }
        if (causeOf(e, SSLHandshakeException.class) != null) {
            return new ConnectorException("The Azure endpoint presented a TLS certificate this server does not"
                    + " trust; add its CA to the vendor trust store.");
        }
        String where = "Could not read the virtual machines of Azure subscription " + account.subscriptionId()
                + " (page " + page + ": ";
        if (e instanceof ManagementException arm && arm.getValue() != null) {
            int status = arm.getResponse().getStatusCode();
            String code = arm.getValue().getCode();
            if ("AuthorizationFailed".equals(code) || status == 403) {
                return new ConnectorException("The Azure application may not read subscription "
                        + account.subscriptionId() + ": give it the Reader role there (" + code + ").");
            }
            if (status == 401) {
                return new ConnectorException("Azure Resource Manager refused the account's access token ("
                        + code + ").");
            }
            return new ConnectorException(where + code + ", HTTP " + status + retried(status) + ").");
        }
        if (e instanceof HttpResponseException response && response.getResponse() != null) {
            int status = response.getResponse().getStatusCode();
            return new ConnectorException(where + (status == 200 ? "the answer could not be parsed"
                    : "HTTP " + status + retried(status)) + ").");
        }
        if (causeOf(e, IOException.class) != null) {
            return new ConnectorException(where + "connection failed after " + attempts() + ").");
        }
        return new ConnectorException(where + "the answer could not be parsed).");
    }

    private static String queryOf(List<String> regionIds) throws ConnectorException {
        StringBuilder query = new StringBuilder("Resources | where type =~ 'microsoft.compute/virtualmachines'");
        if (!regionIds.isEmpty()) {
            LinkedHashSet<String> locations = new LinkedHashSet<>();
            for (String region : regionIds) {
                String location = region.trim().toLowerCase();
                if (!LOCATION.matcher(location).matches()) {
                    throw new ConnectorException("The region " + region + " is not an Azure location name"
                            + " (like eastus or westeurope).");
                }
                locations.add(location);
            }
            query.append(" | where location in~ (")
                    .append(locations.stream().map(l -> "'" + l + "'").collect(Collectors.joining(", ")))
                    .append(")");
        }
        // a stable order is what keeps $skipToken paging from skipping or repeating VMs
        return query.append(" | project id, name, location, resourceGroup, zones, tags, properties")
                .append(" | order by id asc")
                .toString();
    }

    private RetryOptions retryOptions() {
        return new RetryOptions(new ExponentialBackoffOptions()
                .setMaxRetries(retry.maxAttempts() - 1)
                .setBaseDelay(retry.baseDelay())
                .setMaxDelay(retry.maxDelay()))
                // A failed sign-in reaches ARM's retry policy as an exception. The identity
                // platform's answer is final there: its throttling and server errors were already
                // retried by the credential's own pipeline, and a refusal stays a refusal.
                .setShouldRetryCondition(condition -> condition.getResponse() != null
                        ? isRetried(condition.getResponse().getStatusCode())
                        : causeOf(condition.getThrowable(), MsalServiceException.class) == null
                                && causeOf(condition.getThrowable(), SSLHandshakeException.class) == null);
    }

    /** The statuses azure-core retries by default: 408, 429 and the 5xx but 501 and 505. */
    private static boolean isRetried(int status) {
        return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
    }

    private String retried(int status) {
        return isRetried(status) ? " after " + attempts() : "";
    }

    private String attempts() {
        return retry.maxAttempts() + (retry.maxAttempts() == 1 ? " attempt" : " attempts");
    }

    private static String endpointOf(AccountAccess account) throws ConnectorException {
        String problem = "The account's endpoint must be an https URL serving both the Microsoft identity platform"
                + " and Azure Resource Manager, like " + AUTHORITY + ".";
        java.net.URI uri = Endpoints.of(account.endpoint(), problem).orElse(null);
        if (uri == null) {
            return null;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new ConnectorException(problem);
        }
        return Endpoints.base(uri);
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /**
     * The JDK's HTTP client computes Content-Length itself and refuses the header; azure-core
     * sets it anyway, and its JDK client then logs a warning for every request that has a body.
     */
    private static final class LeaveContentLengthToTheJdk extends HttpPipelineSyncPolicy {
        @Override
        protected void beforeSendingRequest(HttpPipelineCallContext context) {
            context.getHttpRequest().getHeaders().remove(HttpHeaderName.CONTENT_LENGTH);
        }
    }
}
